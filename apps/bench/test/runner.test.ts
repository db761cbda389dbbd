import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { RunOptions, RunSummary } from "../src/bench/runner";
import { type RunResult, readResults, readTruths } from "../src/bench/store";
import { calls } from "./fixtures/fake-registry";
import { runFake, smallSuite, tempDir } from "./helpers";

const byKey = (rs: RunResult[]) => new Map(rs.map((r) => [r.key, r]));

describe("runSuite in this thread (workers = 0)", () => {
  const dir = tempDir();
  const suite = smallSuite();
  let summary: RunSummary;
  let results: RunResult[];
  beforeAll(async () => {
    calls.mutualInformation = 0;
    calls.entropy = 0;
    calls.sample = 0;
    summary = await runFake(suite, dir);
    results = readResults(dir);
  });

  it("runs every job once and writes one line per job", () => {
    // 2 gauss tasks × 4 configurations × 2 N × 3 seeds; the broken task's truth fails, so it has no jobs
    expect(summary.jobs).toHaveLength(2 * 4 * 2 * 3);
    expect(results).toHaveLength(summary.jobs.length);
    expect(readFileSync(join(dir, "results.jsonl"), "utf8").trimEnd().split("\n")).toHaveLength(48);
    expect(summary.truthFailures).toEqual([{ where: "tasks[1]", error: "replica: no convergence (fake)" }]);
    expect(summary.skipped).toEqual([{ reason: "task truth unavailable", count: 4 * 2 * 3 }]);
  });

  it("computes each truth once per task, never per seed, and records the closed form in nats", () => {
    // describe + truth run in the same thread: 3 tasks → 3 MI calls (the broken one throws), 2 entropies
    expect(calls.mutualInformation).toBe(2);
    expect(calls.entropy).toBe(2);
    const truths = readTruths(dir);
    const mi = Object.values(truths).map((t) => [t.taskId, t.mi, t.entropy]);
    // I = −(d/2) ln(1 − ρ²), H(Y) = (d/2) ln(2πe), ρ = 0.6 (closed forms of the fake task)
    expect(mi).toEqual(
      expect.arrayContaining([
        ["gauss/n0=1/rho=0.6", -0.5 * Math.log(1 - 0.36), 0.5 * Math.log(2 * Math.PI * Math.E)],
        ["gauss/n0=3/rho=0.6", -1.5 * Math.log(1 - 0.36), 1.5 * Math.log(2 * Math.PI * Math.E)],
      ]),
    );
    for (const r of results) {
      const t = Object.values(truths).find((x) => x.taskId === r.taskId)!;
      expect(r.truth).toBe(r.target === "mi" ? t.mi : t.entropy);
      expect(r.unit).toBe("nats");
      expect(r.taskParams).toEqual({ n0: t.dimX, rho: 0.6 });
    }
  });

  it("draws each (task, N, seed) sample once for all the estimators that use it", () => {
    // 2 tasks × 2 N × 3 seeds = 12 draws for 48 jobs
    expect(calls.sample).toBe(12);
  });

  it("runs estimators that have a thread option single-threaded, without showing it in labels", () => {
    const mi = results.filter((r) => r.estimatorId === "gauss-mi");
    expect(mi.every((r) => r.params.threads === 1 && !r.label.includes("threads"))).toBe(true);
  });

  it("turns an entropy estimator into an MI estimator by Ĥ(X) + Ĥ(Y) − Ĥ(X,Y) (target mi-3h)", async () => {
    const dir3 = tempDir();
    const s3 = smallSuite({
      tasks: [{ spec: { family: "gauss", n0: 1, rho: 0.6 } }],
      estimators: [{ id: "gauss-mi" }, { id: "gauss-h", target: "mi-3h" }],
    });
    await runFake(s3, dir3);
    const rs = readResults(dir3);
    const threeH = rs.filter((r) => r.label === "gauss-h/3H");
    expect(threeH).toHaveLength(6);
    for (const r of threeH) {
      // for one pair, ½ ln(2πe s_x²) + ½ ln(2πe s_y²) − ½ ln det(2πe Σ̂) = −½ ln(1 − r̂²): the plug-in MI
      const plugIn = rs.find((p) => p.estimatorId === "gauss-mi" && p.seed === r.seed && p.n === r.n)!;
      expect(r.estimate).toBeCloseTo(plugIn.estimate as number, 10);
      expect(r.truth).toBe(-0.5 * Math.log(1 - 0.36));
      const d = r.diagnostics as { hX: number; hY: number; hXY: number };
      expect(d.hX + d.hY - d.hXY).toBe(r.estimate);
    }
  });

  it("records estimator failures with their message and keeps going", () => {
    const flaky = results.filter((r) => r.estimatorId === "flaky");
    expect(
      flaky
        .filter((r) => r.n === 50)
        .every((r) => r.estimate === null && r.error === "x: n = 50 is below minN = 100"),
    ).toBe(true);
    expect(
      flaky.filter((r) => r.n === 200).every((r) => typeof r.estimate === "number" && r.error === undefined),
    ).toBe(true);
  });

  it("gives the plug-in estimate for the job's own samples (estimates differ by seed, agree with the truth)", () => {
    const cell = results.filter(
      (r) => r.label === "gauss-mi(scale=1)" && r.taskId === "gauss/n0=3/rho=0.6" && r.n === 200,
    );
    expect(new Set(cell.map((r) => r.estimate)).size).toBe(3);
    // plug-in Gaussian MI at N = 200: sd of r̂ ≈ (1 − ρ²)/√N = 0.045 per pair; 3 pairs → |error| < 0.35 nats
    for (const r of cell) expect(Math.abs((r.estimate as number) - r.truth)).toBeLessThan(0.35);
    const half = results.filter(
      (r) => r.label === "gauss-mi(scale=0.5)" && r.taskId === cell[0].taskId && r.n === 200,
    );
    for (const r of half)
      expect(r.estimate).toBeCloseTo((cell.find((c) => c.seed === r.seed)!.estimate as number) / 2, 12);
  });

  it("resumes without recomputing anything when everything is done", async () => {
    const before = readFileSync(join(dir, "results.jsonl"), "utf8");
    const again = await runFake(suite, dir, { resume: true });
    expect(again.alreadyDone).toBe(48);
    expect(again.ran).toBe(0);
    expect(again.truthsComputed).toBe(0);
    expect(again.truthsCached).toBe(2);
    expect(readFileSync(join(dir, "results.jsonl"), "utf8")).toBe(before);
  });

  it("drops a truncated last line and re-runs that job on resume", async () => {
    const path = join(dir, "results.jsonl");
    const lines = readFileSync(path, "utf8").trimEnd().split("\n");
    const last = JSON.parse(lines[lines.length - 1]) as RunResult;
    // simulate a kill in the middle of the last write
    const { writeFileSync } = await import("node:fs");
    writeFileSync(path, `${lines.slice(0, -1).join("\n")}\n`);
    appendFileSync(path, lines[lines.length - 1].slice(0, 40));
    expect(readResults(dir)).toHaveLength(47);
    const again = await runFake(suite, dir, { resume: true });
    expect(again.ran).toBe(1);
    const after = readResults(dir);
    expect(after).toHaveLength(48);
    expect(byKey(after).get(last.key)?.estimate).toBe(last.estimate);
    expect(
      readFileSync(path, "utf8")
        .trimEnd()
        .split("\n")
        .every((l) => JSON.parse(l)),
    ).toBe(true);
  });
});

describe("runSuite on worker threads", () => {
  it("gives the same estimates with 1 and 2 workers as in this thread, and filters subsets", async () => {
    const suite = smallSuite({
      estimators: [{ id: "gauss-mi" }, { id: "noisy-mi" }, { id: "gauss-h" }],
      tasks: [{ spec: { family: "gauss", n0: 2, rho: 0.5 }, grid: { n0: [1, 2] } }],
    });
    const run = async (workers: number, filters: RunOptions["filters"] = []) => {
      const dir = tempDir();
      await runFake(suite, dir, { workers, filters });
      return readResults(dir);
    };
    const inline = await run(0);
    const one = await run(1);
    const two = await run(2);
    expect(inline).toHaveLength(2 * 3 * 2 * 3);
    const strip = (rs: RunResult[]) =>
      [...rs]
        .sort((a, b) => a.key.localeCompare(b.key))
        .map((r) => ({ ...r, seconds: 0, diagnostics: { ...r.diagnostics, sampleSeconds: 0 } }));
    expect(strip(one)).toEqual(strip(inline));
    expect(strip(two)).toEqual(strip(inline));
    // the seeded estimator received each job's seed: equal data, different seeds → different noise
    const noisy = inline.filter((r) => r.estimatorId === "noisy-mi");
    expect(noisy.every((r) => r.params.seed === r.seed)).toBe(true);

    const subset = await run(2, [
      { field: "estimator", values: ["noisy"] },
      { field: "n", values: ["200"] },
      { field: "task", values: ["n0=2"] },
    ]);
    expect(subset.map((r) => r.key).sort()).toEqual(
      inline
        .filter((r) => r.estimatorId === "noisy-mi" && r.n === 200 && r.taskId.includes("n0=2"))
        .map((r) => r.key)
        .sort(),
    );
    expect(subset).toHaveLength(3);
  });
});
