/** The report's "with uncommitted changes" flag ignores the run's own outputs (results directory, baseline). */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { machineInfo } from "../src/bench/report/machine";

describe("machineInfo", () => {
  const dir = mkdtempSync(join(tmpdir(), "infoflow-machine-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], {
      cwd: dir,
      stdio: "ignore",
    });

  it("is dirty for a changed tracked file, not for changes under the ignored output paths", () => {
    mkdirSync(join(dir, "out"));
    writeFileSync(join(dir, "out", "report.md"), "a");
    writeFileSync(join(dir, "baseline.json"), "a");
    writeFileSync(join(dir, "code.ts"), "a");
    git("init", "-q");
    git("add", ".");
    git("commit", "-qm", "init");
    expect(machineInfo(dir).dirty).toBe(false);
    writeFileSync(join(dir, "out", "report.md"), "b");
    writeFileSync(join(dir, "baseline.json"), "b");
    expect(machineInfo(dir).dirty).toBe(true);
    expect(machineInfo(dir, [join(dir, "out"), join(dir, "baseline.json")]).dirty).toBe(false);
    writeFileSync(join(dir, "code.ts"), "b");
    expect(machineInfo(dir, [join(dir, "out"), join(dir, "baseline.json")]).dirty).toBe(true);
  });
});
