/**
 * Killing a run loses no finished result: a child process runs the CLI on 2 worker threads, is killed
 * with SIGKILL part-way, resumes with --resume, and must end with exactly the results of an uninterrupted
 * run — no line lost, none duplicated. Ctrl-C (SIGINT) stops cleanly with exit code 130.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type RunResult, readResults } from "../src/bench/store";
import { parseSuite } from "../src/bench/suite";
import { FAKE_REGISTRY, finished, runInProcess, startCli } from "./cli-helpers";
import { runFake, tempDir } from "./helpers";

const SUITE = {
  name: "killable",
  tasks: [{ spec: { family: "gauss", n0: 1, rho: 0.6 }, grid: { n0: [1, 2] } }],
  // 25 ms of busy work per job: 2 tasks × 2 N × 10 seeds × 2 configs = 80 jobs ≈ 1 s on 2 workers
  estimators: [{ id: "gauss-mi", params: { delayMs: 25 } }, { id: "noisy-mi" }],
  n: [50, 100],
  seeds: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
};
const TOTAL = 80;

function lines(dir: string): string[] {
  const path = join(dir, "results.jsonl");
  return existsSync(path)
    ? readFileSync(path, "utf8")
        .split("\n")
        .filter((l) => l !== "")
    : [];
}

async function waitForLines(dir: string, count: number, child: { exitCode: number | null }): Promise<void> {
  for (let i = 0; i < 3000 && child.exitCode === null; i++) {
    if (lines(dir).length >= count) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

const comparable = (rs: RunResult[]) =>
  rs
    .map((r) => ({
      key: r.key,
      estimate: r.estimate,
      truth: r.truth,
      taskId: r.taskId,
      label: r.label,
      n: r.n,
      seed: r.seed,
    }))
    .sort((a, b) => a.key.localeCompare(b.key));

/** The suite in a fresh directory, and the CLI arguments that run it on 2 workers into `<dir>/out`. */
function setup(): { dir: string; out: string; args: string[] } {
  const dir = tempDir();
  const suitePath = join(dir, "killable.json");
  writeFileSync(suitePath, JSON.stringify(SUITE));
  const out = join(dir, "out");
  return {
    dir,
    out,
    args: ["bench", suitePath, "--registry", FAKE_REGISTRY, "--out", out, "--workers", "2", "--no-report"],
  };
}

describe("kill and resume", () => {
  it("SIGKILL mid-run, then --resume: the final set equals an uninterrupted run's, no duplicates", async () => {
    const { dir, out, args } = setup();

    const child = startCli(args);
    const done = finished(child);
    await waitForLines(out, 10, child);
    child.kill("SIGKILL");
    const killed = await done;
    expect(killed.signal).toBe("SIGKILL");
    const partial = readResults(out);
    expect(partial.length).toBeGreaterThanOrEqual(10);
    expect(partial.length).toBeLessThan(TOTAL);

    // the resumed run may be in this process: what matters is the file the killed process left
    const resumed = await runInProcess([...args, "--resume"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`${partial.length} already done`);
    const raw = lines(out);
    expect(raw).toHaveLength(TOTAL);
    const final = raw.map((l) => JSON.parse(l) as RunResult);
    expect(new Set(final.map((r) => r.key)).size).toBe(TOTAL);
    // every result that existed before the kill is still there, unchanged
    const finalByKey = new Map(final.map((r) => [r.key, r]));
    for (const r of partial) expect(finalByKey.get(r.key)).toEqual(r);

    const reference = join(dir, "reference");
    await runFake(parseSuite(SUITE, "killable"), reference);
    expect(comparable(final)).toEqual(comparable(readResults(reference)));
  });

  it("SIGINT stops cleanly: exit code 130, every written line whole, a hint to resume", async () => {
    const { out, args } = setup();
    const child = startCli(args);
    const done = finished(child);
    await waitForLines(out, 5, child);
    child.kill("SIGINT");
    const r = await done;
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/interrupted: stopping/);
    expect(r.stderr).toMatch(/stopped: \d+ result\(s\) in .*results\.jsonl; continue with --resume/);
    const raw = readFileSync(join(out, "results.jsonl"), "utf8");
    expect(raw.endsWith("\n")).toBe(true);
    const parsed = raw
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as RunResult);
    expect(parsed.length).toBeGreaterThanOrEqual(5);
    expect(parsed.length).toBeLessThan(TOTAL);
    expect(new Set(parsed.map((p) => p.key)).size).toBe(parsed.length);
  });
});
