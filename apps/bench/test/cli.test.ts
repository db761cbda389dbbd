/**
 * The `infoflow bench` command end to end, in child processes as `pnpm infoflow` runs it: a bad suite
 * gives one line; `--list` shows tasks and estimators; a run writes results and both reports;
 * `--update-baseline` writes the gate's file, `--ci` passes against it and fails (exit 1, printing
 * what changed) when the baseline says the error used to be smaller or a truth was different.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Baseline } from "../src/bench/baseline";
import { type CliRun, FAKE_REGISTRY, runCli, runInProcess } from "./cli-helpers";
import { tempDir } from "./helpers";

const SUITE = {
  name: "clitest",
  description: "CLI test suite",
  tasks: [{ spec: { family: "gauss", n0: 1, rho: 0.6 }, grid: { n0: [1, 2, 4] } }],
  estimators: [{ id: "gauss-mi" }, { id: "gauss-h" }, { id: "flaky", params: { minN: 100 } }],
  n: [50, 200],
  seeds: [0, 1],
  tolerance: { errorRelative: 0.05, errorAbsolute: 0.001, truthRelative: 1e-6 },
};

describe("infoflow bench (CLI)", () => {
  const dir = tempDir();
  const suitePath = join(dir, "clitest.json");
  const out = join(dir, "out");
  const baseline = join(dir, "baseline.json");
  const common = ["--registry", FAKE_REGISTRY, "--out", out, "--baseline", baseline];
  let run: CliRun;
  const listCli = (...extra: string[]) =>
    runInProcess(["bench", suitePath, "--registry", FAKE_REGISTRY, "--list", ...extra]);
  beforeAll(async () => {
    writeFileSync(suitePath, JSON.stringify(SUITE));
    run = await runCli(["bench", suitePath, ...common, "--workers", "2", "--update-baseline"]);
  });

  it("runs the suite, writes results, truths, both reports and the baseline", () => {
    expect(run.code, run.stderr).toBe(0);
    // 3 tasks × 3 estimators × 2 N × 2 seeds
    expect(readFileSync(join(out, "results.jsonl"), "utf8").trimEnd().split("\n")).toHaveLength(36);
    expect(run.stderr).toContain("clitest: 36 jobs, 36 to run on 2 worker(s)");
    expect(run.stdout).toMatch(/report: .*report\.md, .*report\.html/);
    for (const f of ["truths.json", "report.md", "report.html", "plots/error-vs-width.svg"]) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    expect(readFileSync(join(out, "report.md"), "utf8")).toContain("CLI test suite");
    const b = JSON.parse(readFileSync(baseline, "utf8")) as Baseline;
    expect(Object.keys(b.truths)).toEqual(["gauss/n0=1/rho=0.6", "gauss/n0=2/rho=0.6", "gauss/n0=4/rho=0.6"]);
    expect(Object.keys(b.cells)).toHaveLength(3 * 3 * 2);
    expect(run.stdout).toContain(`baseline written: ${baseline} (18 cells, 3 truths)`);
  });

  it("--ci passes against the baseline it just wrote, and fails when the baseline had a smaller error or another truth", async () => {
    const pass = await runInProcess(["bench", suitePath, ...common, "--report-only", "--ci"]);
    expect(pass.code, pass.stderr).toBe(0);
    expect(pass.stdout).toContain("baseline check passed (18 cells, 3 truths)");
    expect(readFileSync(join(out, "report.md"), "utf8")).toContain("## Baseline comparison: passed");

    const b = JSON.parse(readFileSync(baseline, "utf8")) as Baseline;
    const cellKey = "gauss-mi | gauss/n0=2/rho=0.6 | N=200";
    const rmse = b.cells[cellKey].rmse as number;
    b.cells[cellKey].rmse = rmse / 2;
    b.truths["gauss/n0=4/rho=0.6"].mi *= 1 + 1e-5;
    writeFileSync(baseline, JSON.stringify(b));
    const fail = await runInProcess(["bench", suitePath, ...common, "--report-only", "--ci"]);
    expect(fail.code).toBe(1);
    expect(fail.stdout).toMatch(/REGRESSION error grew: gauss-mi \| gauss\/n0=2\/rho=0\.6 \| N=200: RMSE /);
    expect(fail.stdout).toMatch(/REGRESSION truth moved: gauss\/n0=4\/rho=0\.6 mi /);
    expect(fail.stdout).toContain("baseline check FAILED: 2 regression(s)");
    expect(readFileSync(join(out, "report.md"), "utf8")).toContain("## Baseline comparison: FAILED");
  });

  it("--list --json prints pure job descriptions; --shard splits them into disjoint shares", async () => {
    const jobs = async (...extra: string[]) => {
      const r = await listCli("--json", ...extra);
      expect(r.code, r.stderr).toBe(0);
      return r.stdout
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l) as { key: string; n: number; taskSpec: object });
    };
    const all = await jobs();
    expect(all).toHaveLength(36);
    expect(all[0]).toMatchObject({ taskSpec: { family: "gauss" }, estimatorId: "gauss-mi", n: 200, seed: 0 });
    const one = await jobs("--shard", "1/2");
    const two = await jobs("--shard", "2/2");
    expect(one.length).toBeGreaterThan(0);
    expect(two.length).toBeGreaterThan(0);
    expect([...one, ...two].map((j) => j.key).sort()).toEqual(all.map((j) => j.key).sort());
    const bad = await listCli("--shard", "3/2");
    expect(bad.stderr).toBe("infoflow: --shard '3/2': expected i/n with 1 ≤ i ≤ n, e.g. 2/4\n");
  });

  it("--list shows tasks, estimators and the job count; a bad suite or flag is one line, exit 1", async () => {
    const list = await listCli("--filter", "n=200");
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(
      /suite clitest \(.*\): 3 task\(s\), 3 estimator configuration\(s\), N ∈ \{50, 200\}, seeds \{0, 1\} → 18 job\(s\)/,
    );
    expect(list.stdout).toMatch(/tasks\[0\] \(n0=4\) +gauss\/n0=4\/rho=0\.6 +\(gauss, dimX 4, dimY 4\)/);
    expect(list.stdout).toMatch(/flaky\(minN=100\) +flaky → mi \{minN=100\}/);

    const badPath = join(dir, "bad.json");
    writeFileSync(
      badPath,
      JSON.stringify({ ...SUITE, estimators: [{ id: "gauss-mi", grid: { scale: [] } }] }),
    );
    const bad = await runInProcess(["bench", badPath, "--registry", FAKE_REGISTRY, "--list"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      `infoflow: suite ${badPath}: estimators[0].grid.scale: a grid needs at least one value\n`,
    );

    const badFilter = await listCli("--filter", "colour=red");
    expect(badFilter.stderr).toBe(
      "infoflow: --filter 'colour=red': unknown field 'colour' (use task, family, estimator, n, seed)\n",
    );
  });
});
