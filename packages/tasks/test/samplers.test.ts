/**
 * The closed-form samplers: sample moments and correlations within statistical tolerance (stated per
 * test, in standard errors), reproducibility (same seed → same numbers; row r independent of n), and
 * the transforms' invariance properties.
 */
import { describe, expect, it } from "vitest";
import { buildCovariance, createTask, halfCube, wigglyX, wigglyY } from "../src/index";
import type { Samples } from "../src/interface";

/** Sample covariance of the joined (X, Y) columns. */
function sampleCovariance(x: Samples, y: Samples): { mean: Float64Array; cov: Float64Array; d: number } {
  const n = x.n;
  const d = x.d + y.d;
  const mean = new Float64Array(d);
  const cov = new Float64Array(d * d);
  const row = new Float64Array(d);
  const get = (r: number) => {
    for (let i = 0; i < x.d; i++) row[i] = x.data[r * x.d + i];
    for (let i = 0; i < y.d; i++) row[x.d + i] = y.data[r * y.d + i];
  };
  for (let r = 0; r < n; r++) {
    get(r);
    for (let i = 0; i < d; i++) mean[i] += row[i] / n;
  }
  for (let r = 0; r < n; r++) {
    get(r);
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++) cov[i * d + j] += ((row[i] - mean[i]) * (row[j] - mean[j])) / (n - 1);
  }
  return { mean, cov, d };
}

describe("multinormal sampler", () => {
  it.each([
    ["dense", { kind: "dense" as const, correlation: 0.5 }, 3, 2],
    ["sparse", { kind: "sparse" as const, pairs: 2, correlation: 0.8 }, 4, 3],
    [
      "matrix",
      {
        kind: "matrix" as const,
        matrix: [
          [2, 0.3, -0.5],
          [0.3, 1, 0.2],
          [-0.5, 0.2, 0.5],
        ],
      },
      2,
      1,
    ],
  ])("%s: mean and covariance within 5 standard errors (n = 40 000)", (_k, covariance, dx, dy) => {
    const task = createTask({ family: "multinormal", dimX: dx, dimY: dy, covariance });
    const n = 40000;
    const { x, y } = task.sample(n, 3);
    expect([x.n, x.d, y.n, y.d]).toEqual([n, dx, n, dy]);
    const target = buildCovariance(covariance, dx, dy);
    const { mean, cov, d } = sampleCovariance(x, y);
    for (let i = 0; i < d; i++) {
      expect(Math.abs(mean[i])).toBeLessThan(5 * Math.sqrt(target[i * d + i] / n));
      for (let j = 0; j < d; j++) {
        // Var of a sample covariance entry: (Σ_ii Σ_jj + Σ_ij²)/n for Gaussians.
        const se = Math.sqrt((target[i * d + i] * target[j * d + j] + target[i * d + j] ** 2) / n);
        expect(Math.abs(cov[i * d + j] - target[i * d + j])).toBeLessThan(5 * se);
      }
    }
  });

  it("same seed → identical samples; different seed → different; row r does not depend on n", () => {
    const task = createTask({
      family: "multinormal",
      dimX: 2,
      dimY: 3,
      covariance: { kind: "dense", correlation: 0.3 },
    });
    const a = task.sample(500, 11);
    const b = task.sample(500, 11);
    const c = task.sample(500, 12);
    const prefix = task.sample(100, 11);
    expect(a.x.data).toEqual(b.x.data);
    expect(a.y.data).toEqual(b.y.data);
    expect(a.x.data).not.toEqual(c.x.data);
    expect(prefix.x.data).toEqual(a.x.data.subarray(0, 100 * 2));
    expect(prefix.y.data).toEqual(a.y.data.subarray(0, 100 * 3));
  });

  it("rejects bad sample arguments with a one-line error", () => {
    const task = createTask({ family: "additive-uniform", epsilon: 0.2 });
    expect(() => task.sample(0, 1)).toThrow(/^n: must be a positive integer, got 0$/);
    expect(() => task.sample(10, -1)).toThrow(/^seed: must be an integer/);
    expect(() => task.sample(2.5, 1)).toThrow(/^n: /);
  });
});

describe("Student-t sampler", () => {
  it("ν = 6: covariance ν/(ν−2)·Σ within 6 standard errors (n = 100 000, heavy tails: SE from the sample 4th moments)", () => {
    const dispersion = { kind: "dense" as const, correlation: 0.4 };
    const nu = 6;
    const task = createTask({ family: "student-t", dimX: 2, dimY: 2, dof: nu, dispersion });
    const n = 100000;
    const { x, y } = task.sample(n, 5);
    const target = buildCovariance(dispersion, 2, 2).map((v) => (v * nu) / (nu - 2));
    const d = 4;
    const row = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j <= i; j++) {
        let s = 0;
        let s2 = 0;
        for (let r = 0; r < n; r++) {
          row[0] = x.data[r * 2];
          row[1] = x.data[r * 2 + 1];
          row[2] = y.data[r * 2];
          row[3] = y.data[r * 2 + 1];
          const p = row[i] * row[j];
          s += p;
          s2 += p * p;
        }
        const m = s / n;
        const se = Math.sqrt((s2 / n - m * m) / n);
        expect(Math.abs(m - target[i * d + j])).toBeLessThan(6 * se);
      }
    }
  });

  it("ν = 1 (Cauchy margins): the sample median of |x| is 1 (the Cauchy quartile) within 4 SE", () => {
    const task = createTask({ family: "student-t", dimX: 1, dimY: 1, dof: 1 });
    const n = 40000;
    const abs = Float64Array.from(task.sample(n, 9).x.data, Math.abs).sort();
    // The median of |C| is 1; SE of a sample median = 1/(2 f(m) √n) with f the density of |C| at 1, 1/π.
    const se = Math.PI / (2 * Math.sqrt(n));
    expect(Math.abs(abs[n / 2] - 1)).toBeLessThan(4 * se);
  });

  it("is reproducible and prefix-stable (separate streams for z and the χ² scale)", () => {
    const task = createTask({ family: "student-t", dimX: 2, dimY: 1, dof: 0.7 });
    const a = task.sample(300, 2);
    const b = task.sample(50, 2);
    expect(b.x.data).toEqual(a.x.data.subarray(0, 100));
    expect(b.y.data).toEqual(a.y.data.subarray(0, 50));
    expect(a.x.data.every(Number.isFinite)).toBe(true);
  });
});

describe("additive uniform sampler", () => {
  it("X in [0,1), Y − X in [−ε, ε), means ½ and 0, Var(Y) = 1/12 + ε²/3 within 5 SE (n = 50 000)", () => {
    const eps = 0.3;
    const n = 50000;
    const { x, y } = createTask({ family: "additive-uniform", epsilon: eps }).sample(n, 1);
    let mx = 0;
    let mn = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const noise = y.data[i] - x.data[i];
      if (!(x.data[i] >= 0 && x.data[i] < 1) || !(noise >= -eps - 1e-12 && noise < eps + 1e-12)) outside++;
      mx += x.data[i] / n;
      mn += noise / n;
    }
    expect(outside).toBe(0);
    expect(Math.abs(mx - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(mn)).toBeLessThan(5 * Math.sqrt((eps * eps) / 3 / n));
    let vy = 0;
    const my = mx + mn;
    for (let i = 0; i < n; i++) vy += (y.data[i] - my) ** 2 / (n - 1);
    const target = 1 / 12 + (eps * eps) / 3;
    // Var of a sample variance ≈ (μ4 − σ⁴)/n ≤ 2σ⁴/n for these light-tailed sums: a generous SE.
    expect(Math.abs(vy - target)).toBeLessThan(5 * Math.sqrt((2 * target * target) / n));
  });
});

describe("linear Gaussian channel sampler", () => {
  it("Cov(T) = s W Wᵀ + σ² I within 5 SE and the drawn W depends only on the task seed", () => {
    const spec = {
      family: "linear-gaussian" as const,
      dimX: 3,
      dimY: 2,
      signalVar: 2,
      varNoise: 0.5,
      seed: 4,
    };
    const task = createTask(spec) as ReturnType<typeof createTask> & { weights: { data: Float64Array } };
    const again = createTask(spec) as typeof task;
    const other = createTask({ ...spec, seed: 5 }) as typeof task;
    expect(task.weights.data).toEqual(again.weights.data);
    expect(task.weights.data).not.toEqual(other.weights.data);
    const n = 40000;
    const { y } = task.sample(n, 8);
    const w = task.weights.data;
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 2; j++) {
        let target = i === j ? 0.5 : 0;
        for (let k = 0; k < 3; k++) target += 2 * w[i * 3 + k] * w[j * 3 + k];
        let c = 0;
        for (let r = 0; r < n; r++) c += (y.data[r * 2 + i] * y.data[r * 2 + j]) / n;
        let tii = 0.5;
        let tjj = 0.5;
        for (let k = 0; k < 3; k++) {
          tii += 2 * w[i * 3 + k] ** 2;
          tjj += 2 * w[j * 3 + k] ** 2;
        }
        expect(Math.abs(c - target)).toBeLessThan(5 * Math.sqrt((tii * tjj + target * target) / n));
      }
    }
  });
});

describe("transforms", () => {
  it("per-coordinate maps are strictly increasing on a wide grid (so MI is unchanged)", () => {
    for (const f of [halfCube, wigglyX, wigglyY, Math.asinh]) {
      let prev = f(-50);
      let violations = 0;
      for (let i = 1; i <= 100000; i++) {
        const cur = f(-50 + i * 1e-3);
        if (!(cur > prev)) violations++;
        prev = cur;
      }
      expect(violations).toBe(0);
    }
  });

  it("transforms map the same base draws coordinatewise (normal CDF into (0,1), half-cube exactly)", () => {
    const base = {
      family: "multinormal" as const,
      dimX: 3,
      dimY: 3,
      covariance: { kind: "sparse" as const },
    };
    const plain = createTask(base).sample(200, 1);
    const cdf = createTask({ ...base, transforms: ["normalCdf"] }).sample(200, 1);
    const cube = createTask({ ...base, transforms: ["halfCube"] }).sample(200, 1);
    for (let i = 0; i < plain.x.data.length; i++) {
      expect(cdf.x.data[i] > 0 && cdf.x.data[i] < 1).toBe(true);
      expect(cube.x.data[i]).toBeCloseTo(halfCube(plain.x.data[i]), 14);
    }
  });

  it("spiral preserves norms, rotates X in plane 1-2 by ‖x‖²/dimX and Y in plane 2-3 by ‖y‖²/dimY, and is invertible", () => {
    const base = {
      family: "multinormal" as const,
      dimX: 3,
      dimY: 5,
      covariance: { kind: "sparse" as const },
    };
    const plain = createTask(base).sample(100, 2);
    const spiral = createTask({ ...base, transforms: ["spiral"] }).sample(100, 2);
    for (const [a, b, i, j] of [
      [plain.x, spiral.x, 0, 1],
      [plain.y, spiral.y, 1, 2],
    ] as const) {
      for (let r = 0; r < 100; r++) {
        const row = (s: Samples) => Array.from(s.data.subarray(r * s.d, (r + 1) * s.d));
        const u = row(a);
        const v = row(b);
        const norm2 = u.reduce((acc, t) => acc + t * t, 0);
        expect(v.reduce((acc, t) => acc + t * t, 0)).toBeCloseTo(norm2, 10);
        const theta = norm2 / a.d;
        // undo the rotation: back to the base sample
        const ui = Math.cos(theta) * v[i] + Math.sin(theta) * v[j];
        const uj = -Math.sin(theta) * v[i] + Math.cos(theta) * v[j];
        expect(ui).toBeCloseTo(u[i], 10);
        expect(uj).toBeCloseTo(u[j], 10);
        for (let k = 0; k < a.d; k++) if (k !== i && k !== j) expect(v[k]).toBe(u[k]);
      }
    }
  });

  it("spiral needs dimX ≥ 2 and dimY ≥ 3", () => {
    expect(() =>
      createTask({
        family: "multinormal",
        dimX: 2,
        dimY: 2,
        covariance: { kind: "sparse" },
        transforms: ["spiral"],
      }),
    ).toThrow(/transforms: spiral needs dimX ≥ 2 and dimY ≥ 3/);
  });
});
