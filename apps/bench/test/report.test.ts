import { describe, expect, it } from "vitest";
import { type Baseline, compareBaseline, makeBaseline } from "../src/bench/baseline";
import type { TaskTruth } from "../src/bench/job";
import { Progress } from "../src/bench/progress";
import { buildReport } from "../src/bench/report/build";
import type { MachineInfo } from "../src/bench/report/machine";
import { cells, familyRows, ranking } from "../src/bench/report/stats";
import type { RunResult } from "../src/bench/store";
import { parseSuite } from "../src/bench/suite";

function result(
  label: string,
  taskId: string,
  n: number,
  seed: number,
  estimate: number | null,
  truth: number,
  extra: Partial<RunResult> = {},
): RunResult {
  return {
    key: `${label}/${taskId}/${n}/${seed}`,
    taskId,
    family: taskId.split("/")[0],
    estimatorId: label.split("(")[0],
    label,
    target: "mi",
    seed,
    n,
    estimate,
    truth,
    unit: "nats",
    seconds: 0.01 * (seed + 1),
    params: {},
    taskParams: { n0: Number(taskId.split("=")[1]) },
    diagnostics: {},
    ...(estimate === null ? { error: "x: too few rows" } : {}),
    ...extra,
  };
}

describe("report statistics", () => {
  it("bias, RMSE, sd and median time of a cell, by hand", () => {
    // errors −0.2, 0, +0.5 around truth 1: bias 0.1, RMSE √((0.04 + 0 + 0.25)/3) = √0.0966… = 0.310913
    const rs = [
      result("a", "t/n0=2", 100, 0, 0.8, 1),
      result("a", "t/n0=2", 100, 1, 1, 1),
      result("a", "t/n0=2", 100, 2, 1.5, 1),
      result("a", "t/n0=2", 100, 3, null, 1),
    ];
    const [c] = cells(rs);
    expect(c.runs).toBe(4);
    expect(c.failures).toBe(1);
    expect(c.bias).toBeCloseTo(0.1, 14);
    expect(c.rmse).toBeCloseTo(Math.sqrt(0.29 / 3), 14);
    expect(c.relRmse).toBeCloseTo(Math.sqrt(0.29 / 3), 14);
    expect(c.mean).toBeCloseTo(1.1, 14);
    // sample sd of 0.8, 1, 1.5 around 1.1: √((0.09 + 0.01 + 0.16)/2) = √0.13
    expect(c.sd).toBeCloseTo(Math.sqrt(0.13), 14);
    expect(c.medianSeconds).toBeCloseTo(0.02, 14); // seconds 0.01, 0.02, 0.03 of the successful runs
    expect(c.errors).toEqual(["x: too few rows"]);
    const [f] = familyRows(rs);
    expect(f).toMatchObject({ family: "t", runs: 4, failures: 1 });
    expect(f.medianAbsRel).toBeCloseTo(0.2, 14); // |errors| 0.2, 0, 0.5 → median 0.2
  });

  it("ranks by mean rank over cells; ties share a rank; all-failed cells rank last", () => {
    const rs = [
      // cell 1 (truth 1): a error 0.1, b error 0.3, c fails
      result("a", "t/n0=1", 10, 0, 1.1, 1),
      result("b", "t/n0=1", 10, 0, 1.3, 1),
      result("c", "t/n0=1", 10, 0, null, 1),
      // cell 2 (truth 2): a and c error 0.5 (tie for 1st), b error 1
      result("a", "t/n0=1", 20, 0, 2.5, 2),
      result("b", "t/n0=1", 20, 0, 3, 2),
      result("c", "t/n0=1", 20, 0, 1.5, 2),
    ];
    const r = ranking(cells(rs));
    expect(r.map((x) => [x.label, x.meanRank, x.wins, x.failures])).toEqual([
      ["a", (1 + 1.5) / 2, 1, 0],
      ["c", (3 + 1.5) / 2, 0, 1],
      ["b", (2 + 3) / 2, 0, 0],
    ]);
  });
});

const truthOf = (taskId: string, mi: number): TaskTruth => ({
  taskKey: taskId,
  taskId,
  family: "t",
  taskParams: {},
  dimX: 1,
  dimY: 1,
  mi,
  unit: "nats",
  seconds: { mi: 0.5 },
});

describe("baseline gate", () => {
  const tol = { errorRelative: 0.05, errorAbsolute: 0.001, truthRelative: 1e-6 };
  const base = (rmseScale: number, truth: number, failing = false): Baseline =>
    makeBaseline(
      { name: "s", hash: "h" },
      [
        result("a", "t/n0=1", 10, 0, 1 + 0.1 * rmseScale, 1),
        result("a", "t/n0=1", 10, 1, 1 - 0.1 * rmseScale, 1),
        result("b", "t/n0=1", 10, 0, failing ? null : 1.2, 1),
      ],
      { t: truthOf("t/n0=1", truth) },
      "abc",
    );

  it("passes on identical results, with the cells and truths recorded", () => {
    const b = base(1, 1);
    expect(Object.keys(b.cells)).toEqual(["a | t/n0=1 | N=10", "b | t/n0=1 | N=10"]);
    expect(b.cells["a | t/n0=1 | N=10"].rmse).toBeCloseTo(0.1, 14);
    expect(compareBaseline(b, base(1, 1), tol)).toEqual({ ok: true, regressions: [], notes: [] });
  });

  it("fails when an RMSE grows beyond baseline × 1.05 + 0.001 nats, not below", () => {
    // limit 0.1 × 1.05 + 0.001 = 0.106
    expect(compareBaseline(base(1, 1), base(1.055, 1), tol).ok).toBe(true);
    const c = compareBaseline(base(1, 1), base(1.07, 1), tol);
    expect(c.ok).toBe(false);
    expect(c.regressions).toEqual([
      "error grew: a | t/n0=1 | N=10: RMSE 0.1 → 0.107 nats (limit 0.106 nats = baseline × 1.05 + 0.001)",
    ]);
    expect(compareBaseline(base(1, 1), base(0.5, 1), tol).notes).toEqual([
      "improved: a | t/n0=1 | N=10: RMSE 0.1 → 0.05 nats",
    ]);
  });

  it("fails when a truth moves by more than 1e-6 relative, or a cell fails more often or disappears", () => {
    expect(compareBaseline(base(1, 1), base(1, 1 + 5e-7), tol).ok).toBe(true);
    const moved = compareBaseline(base(1, 1), base(1, 1 + 3e-6), tol);
    expect(moved.regressions).toHaveLength(1);
    expect(moved.regressions[0]).toMatch(
      /^truth moved: t\/n0=1 mi 1 → 1\.000003 nats \(\|Δ\| 3\.00e-6 nats, relative 3\.00e-6 > 0\.000001\)$/,
    );
    const failing = compareBaseline(base(1, 1), base(1, 1, true), tol);
    expect(failing.regressions).toEqual([
      "b | t/n0=1 | N=10: failed runs 0 → 1 of 1",
      "b | t/n0=1 | N=10: every run failed (baseline RMSE 0.2 nats)",
    ]);
    const current = base(1, 1);
    delete current.cells["b | t/n0=1 | N=10"];
    expect(compareBaseline(base(1, 1), current, tol).regressions).toEqual([
      "b | t/n0=1 | N=10: missing from this run",
    ]);
    expect(compareBaseline(current, base(1, 1), tol)).toMatchObject({
      ok: true,
      notes: ["b | t/n0=1 | N=10: new (not in the baseline)"],
    });
  });
});

const machine: MachineInfo = {
  cpus: 2,
  cpuModel: "Test CPU",
  memoryGiB: 8,
  node: "v20.0.0",
  platform: "linux",
  commit: "0123abc",
  dirty: false,
  tfjsBackend: "none (test)",
};

describe("report files", () => {
  const suite = parseSuite(
    { name: "r", tasks: [{ spec: { family: "t" } }], estimators: [{ id: "a" }], n: [10, 100], seeds: [0, 1] },
    "r",
  );
  const results: RunResult[] = [];
  for (const n0 of [1, 10, 100]) {
    for (const n of [10, 100]) {
      for (const seed of [0, 1]) {
        results.push(result("a(k=3)", `t/n0=${n0}`, n, seed, n0 * (0.9 + 0.01 * seed), n0));
        results.push(result("b", `t/n0=${n0}`, n, seed, n0 === 100 ? null : 0.5 * n0, n0));
      }
    }
  }
  const truths = Object.fromEntries([1, 10, 100].map((n0) => [`k${n0}`, truthOf(`t/n0=${n0}`, n0)]));

  it("states suite hash, machine, backend and commit; every column has its unit; the HTML is self-contained", async () => {
    const report = await buildReport({
      suite,
      results,
      truths,
      machine,
      run: { seconds: 12.5, workers: 2, resumed: false },
      date: new Date(0),
    });
    const md = report.markdown;
    expect(md).toContain("# Benchmark report: r");
    expect(md).toMatch(
      /suite `r`, hash `[0-9a-f]{12}`: 3 tasks, 2 estimator configurations, 24 runs \(4 failed\)/,
    );
    expect(md).toContain("run wall time 12.5 s on 2 worker thread(s)");
    expect(md).toContain("- seeds 0, 1\n");
    expect(md).toContain("machine: 2 CPUs (Test CPU), 8 GiB memory, Node v20.0.0, linux");
    expect(md).toContain("commit `0123abc`; tfjs backend: none (test)");
    expect(md).toContain(
      "| estimator | runs | failed | bias (nats) | RMSE (nats) | median |error| ÷ |truth| (%) | median time (s) |".replace(
        /\|error\| ÷ \|truth\|/,
        "\\|error\\| ÷ \\|truth\\|",
      ),
    );
    expect(md).toContain("| task | family | dim X | dim Y | I(X;Y) (nats) | H(Y) (nats) | truth time (s) |");
    // the ranking: a is always better (error 10% vs 50%, and b fails at n0 = 100)
    expect(md).toMatch(/\| 1 \| a\(k=3\) \| 1 \| 6 \| 6 \|/);
    expect(md).toContain("| b | t/n0=100 | 10 | 2 / 2 | x: too few rows |");
    for (const id of ["error-vs-width", "estimate-vs-truth", "error-vs-n", "error-vs-truth", "time-vs-n"]) {
      expect(md).toContain(`(plots/${id}.svg)`);
      expect(report.plots.map((p) => p.file)).toContain(`plots/${id}.svg`);
    }
    const html = report.html;
    expect(html.match(/<svg/g)).toHaveLength(5);
    expect(html).not.toMatch(/<script|<img|<link|src="http|href="http/);
    expect(html).toContain("<td>a(k=3)</td>");
  });
});

describe("progress", () => {
  it("prints plain lines at the interval with counts and ETA when not on a terminal", () => {
    let t = 0;
    const out: string[] = [];
    const p = new Progress({
      total: 4,
      label: "s",
      write: (s) => out.push(s),
      tty: false,
      intervalSeconds: 10,
      now: () => t,
    });
    t = 5;
    p.tick(false); // 5 s < 10 s: silent
    t = 12;
    p.tick(true); // 2 done in 12 s → 6 s each → ETA 12 s
    t = 14;
    p.tick(false);
    t = 20;
    p.tick(false);
    p.finish();
    expect(out).toEqual([
      "s: 4 to run\n",
      "s: 2/4 (50%), 1 failed, elapsed 12s, ETA 12s\n",
      "s: 4/4 (100%), 1 failed, in 20s\n",
    ]);
  });

  it("redraws one line with a bar on a terminal", () => {
    let t = 0;
    const out: string[] = [];
    const p = new Progress({ total: 2, label: "s", write: (s) => out.push(s), tty: true, now: () => t });
    t = 30;
    p.tick(false);
    expect(out).toEqual(["\rs [############............] 1/2 (50%), elapsed 30s, ETA 30s\x1b[K"]);
    t = 61;
    p.tick(false);
    p.finish();
    expect(out[out.length - 1]).toBe("\rs [########################] 2/2 (100%), in 1m 01s\x1b[K\n");
  });
});

describe("report of a filtered run", () => {
  it("says which seeds the results hold when they are a share of the suite's", async () => {
    const suite = parseSuite(
      { name: "s", tasks: [{ spec: { family: "t" } }], estimators: [{ id: "a" }], n: [10], seeds: [0, 1, 2] },
      "s",
    );
    const results = [result("a(k=3)", "t/n0=1", 10, 2, 0.9, 1), result("a(k=3)", "t/n0=1", 10, 0, 0.8, 1)];
    const report = await buildReport({
      suite,
      results,
      truths: { k1: truthOf("t/n0=1", 1) },
      machine,
      date: new Date(0),
    });
    expect(report.markdown).toContain(
      "- seeds 0, 2 only (the suite has 0, 1, 2: bias and RMSE are over these seeds)",
    );
  });
});
