import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expandGrid } from "../src/bench/grid";
import { expandJobs, planSuite, truthRequests } from "../src/bench/plan";
import { loadSuite, parseSuite, suiteHash } from "../src/bench/suite";
import { registry } from "./fixtures/fake-registry";
import { smallSuite, tempDir } from "./helpers";

describe("expandGrid", () => {
  it("takes the Cartesian product, last path fastest, writing nested and array-indexed paths", () => {
    const points = expandGrid(
      { a: 1, layers: [{ v: 0 }, { v: 0 }] },
      { "layers.1.v": [0.1, 1], "b.c": ["x", "y", "z"] },
    );
    expect(points).toHaveLength(6);
    expect(points.map((p) => p.point)).toEqual([
      { "layers.1.v": 0.1, "b.c": "x" },
      { "layers.1.v": 0.1, "b.c": "y" },
      { "layers.1.v": 0.1, "b.c": "z" },
      { "layers.1.v": 1, "b.c": "x" },
      { "layers.1.v": 1, "b.c": "y" },
      { "layers.1.v": 1, "b.c": "z" },
    ]);
    expect(points[4].value).toEqual({ a: 1, layers: [{ v: 0 }, { v: 1 }], b: { c: "y" } });
  });

  it("without a grid gives the base once", () => {
    expect(expandGrid({ a: 1 }, undefined)).toEqual([{ value: { a: 1 }, point: {} }]);
  });
});

describe("suite validation", () => {
  const base = {
    name: "t",
    tasks: [{ spec: { family: "gauss", n0: 1, rho: 0.5 } }],
    estimators: [{ id: "gauss-mi" }],
    n: [100],
    seeds: [0],
  };

  it("names the bad entry and field in one line", () => {
    const bad = { ...base, estimators: [{ id: "gauss-mi" }, { id: "gauss-h", maxN: "big" }] };
    expect(() => parseSuite(bad, "t.json")).toThrow(/^suite t\.json: estimators\[1\]\.maxN: .*number/);
    expect(() => parseSuite({ ...base, n: [1] }, "t.json")).toThrow(
      /^suite t\.json: n\[0\]: a sample size must be at least 2$/,
    );
    expect(() => parseSuite({ ...base, extra: 1 }, "t.json")).toThrow(/^suite t\.json: \(root\): .*extra/);
  });

  it("rejects an unknown estimator, an unknown parameter and a bad task spec with the entry named", () => {
    const s = (over: object) => parseSuite({ ...base, ...over }, "t.json");
    expect(() => planSuite(s({ estimators: [{ id: "ksg9" }] }), registry, "t.json")).toThrow(
      /^suite t\.json: estimators\[0\]\.id: unknown estimator 'ksg9' \(known: gauss-mi, gauss-h, noisy-mi, flaky\)$/,
    );
    expect(() =>
      planSuite(s({ estimators: [{ id: "gauss-mi", grid: { sclae: [1] } }] }), registry, "t.json"),
    ).toThrow(/^suite t\.json: estimators\[0\] gauss-mi \(sclae=1\): unknown parameter 'sclae' for gauss-mi/);
    expect(() =>
      planSuite(s({ estimators: [{ id: "gauss-mi", params: { scale: "x" } }] }), registry, "t.json"),
    ).toThrow(/^suite t\.json: estimators\[0\] gauss-mi: scale: expected a number$/);
    expect(() =>
      planSuite(
        s({ tasks: [{ spec: { family: "gauss", n0: 1, rho: 0.5 }, grid: { rho: [0.5, 2] } }] }),
        registry,
        "t.json",
      ),
    ).toThrow(/^suite t\.json: tasks\[0\] \(rho=2\): rho: /);
    expect(() => planSuite(s({ estimators: [{ id: "gauss-h", target: "mi" }] }), registry, "t.json")).toThrow(
      /target 'mi' needs an MI estimator; gauss-h is of kind 'entropy'$/,
    );
    expect(() =>
      planSuite(s({ estimators: [{ id: "gauss-mi", target: "mi-3h" }] }), registry, "t.json"),
    ).toThrow(/target 'mi-3h' needs an entropy estimator; gauss-mi is of kind 'mi'$/);
  });

  it("reads a file and reports unreadable or invalid JSON in one line", () => {
    const dir = tempDir();
    const good = join(dir, "good.json");
    writeFileSync(good, JSON.stringify(base));
    expect(loadSuite(good).tolerance).toEqual({
      errorRelative: 0.05,
      errorAbsolute: 1e-6,
      truthRelative: 1e-6,
    });
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{ nope");
    expect(() => loadSuite(bad)).toThrow(/^suite .*bad\.json: not valid JSON/);
    expect(() => loadSuite(join(dir, "missing.json"))).toThrow(
      /^suite .*missing\.json: cannot read \(ENOENT\)$/,
    );
  });

  it("hashes the content, not the key order", () => {
    const a = parseSuite(base, "a");
    const reordered = Object.fromEntries(Object.entries(base).reverse());
    const b = parseSuite(reordered, "b");
    expect(suiteHash(a)).toBe(suiteHash(b));
    expect(suiteHash(parseSuite({ ...base, seeds: [1] }, "c"))).not.toBe(suiteHash(a));
  });
});

describe("job expansion", () => {
  it("is task × estimator(params) × n × seed with stable, distinct keys and the limits applied", () => {
    const suite = smallSuite({
      estimators: [
        { id: "gauss-mi", grid: { scale: [1, 0.5] } },
        { id: "gauss-h", maxN: 100 },
        { id: "noisy-mi", families: ["gauss"] },
        { id: "flaky", maxDim: 4 },
      ],
    });
    const plan = planSuite(suite, registry);
    expect(plan.tasks.map((t) => t.where)).toEqual(["tasks[0] (n0=1)", "tasks[0] (n0=3)", "tasks[1]"]);
    expect(plan.estimators.map((e) => e.label)).toEqual([
      "gauss-mi(scale=1)",
      "gauss-mi(scale=0.5)",
      "gauss-h",
      "noisy-mi",
      "flaky",
    ]);
    expect(plan.estimators.find((e) => e.id === "noisy-mi")?.seedFromJob).toBe(true);
    expect(truthRequests(plan).map((r) => r.quantities)).toEqual([
      ["mi", "entropy"],
      ["mi", "entropy"],
      ["mi", "entropy"],
    ]);

    const info = (key: string, d: number, entropy?: number) => ({
      taskKey: key,
      taskId: `t${d}`,
      family: "gauss",
      taskParams: { n0: d },
      dimX: d,
      dimY: d,
      ...(entropy === undefined ? {} : { entropy }),
    });
    const [t1, t3] = plan.tasks;
    // the broken task has no truth: its jobs are skipped; t3 has no entropy: gauss-h is skipped there
    const { jobs, skipped } = expandJobs(plan, suite, {
      [t1.taskKey]: info(t1.taskKey, 1, 1.4),
      [t3.taskKey]: info(t3.taskKey, 3),
    });
    const seeds = 3;
    // t1: N=200: gauss-mi×2, noisy, flaky (dim 2 ≤ 4) = 4; N=50: + gauss-h = 5 → 9 configs × 3 seeds
    // t3: N=200: gauss-mi×2, noisy (flaky: dim 6 > 4) = 3; N=50: same 3 (gauss-h: no entropy) → 6 × 3
    expect(jobs).toHaveLength((9 + 6) * seeds);
    expect(new Set(jobs.map((j) => j.key)).size).toBe(jobs.length);
    expect(jobs.slice(0, 5).map((j) => [j.taskId, j.n, j.seed, j.label])).toEqual([
      ["t1", 200, 0, "gauss-mi(scale=1)"],
      ["t1", 200, 0, "gauss-mi(scale=0.5)"],
      ["t1", 200, 0, "noisy-mi"],
      ["t1", 200, 0, "flaky"],
      ["t1", 200, 1, "gauss-mi(scale=1)"],
    ]);
    expect(jobs.filter((j) => j.estimatorId === "noisy-mi").every((j) => j.params.seed === j.seed)).toBe(
      true,
    );
    expect(Object.fromEntries(skipped.map((s) => [s.reason, s.count]))).toEqual({
      "gauss-h: n above maxN 100": 2 * seeds,
      "gauss-h: task gauss gives no true entropy": seeds,
      "flaky: dimX + dimY above maxDim 4": 2 * seeds,
      "task truth unavailable": 2 * 4 * seeds,
    });
    const again = expandJobs(planSuite(suite, registry), suite, {
      [t1.taskKey]: info(t1.taskKey, 1, 1.4),
      [t3.taskKey]: info(t3.taskKey, 3),
    });
    expect(again.jobs.map((j) => j.key)).toEqual(jobs.map((j) => j.key));
  });
});
