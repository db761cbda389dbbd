import { describe, expect, it, vi } from "vitest";
import { computePairwiseBounds, gaussianEntropy, pairwiseBounds } from "../src/kde/pairwise-bounds";
import { classesOfLabels } from "../src/labels";

// Monte-Carlo and O(n²) reference runs: generous per-test time on a shared, loaded 2-core machine.
vi.setConfig({ testTimeout: 120_000 });

/** §3.8 test points: x_i = sin(i²), y_i = x_i + 0.5·cos(3i + 1), i = 1..20; label (i − 1) mod 2. */
function specPoints() {
  const data = new Float64Array(40);
  const labels = new Int32Array(20);
  for (let i = 1; i <= 20; i++) {
    const x = Math.sin(i * i);
    data[2 * (i - 1)] = x;
    data[2 * (i - 1) + 1] = x + 0.5 * Math.cos(3 * i + 1);
    labels[i - 1] = (i - 1) % 2;
  }
  return { t: { data, n: 20, d: 2 }, labels };
}

/** Direct O(n²) evaluation of the §3.2 formulas with explicit differences (no Gram trick, no tiling). */
function naiveBounds(data: Float64Array, n: number, d: number, variance: number, rows?: number[]) {
  const idx = rows ?? Array.from({ length: n }, (_, i) => i);
  const m = idx.length;
  let up = 0;
  let low = 0;
  for (const i of idx) {
    let su = 0;
    let sl = 0;
    for (const j of idx) {
      let dist = 0;
      for (let k = 0; k < d; k++) dist += (data[i * d + k] - data[j * d + k]) ** 2;
      su += Math.exp(-dist / (2 * variance));
      sl += Math.exp(-dist / (8 * variance));
    }
    up += Math.log(su / m);
    low += Math.log(sl / m);
  }
  const hc = gaussianEntropy(d, variance);
  return { upper: hc - up / m, lower: hc - low / m };
}

describe("pairwise bounds: §3.8 test vectors", () => {
  const { t, labels } = specPoints();
  // values from shared/docs/estimators-math.md §3.8 (verified there with an independent script), nats;
  // 1e-9 relative is the reference-reproduction tolerance of the issue (the table has 10 decimals).
  const table = [
    { v: 0.01, hKL: 1.0712925519, hBD: 0.5835705192, iKL: 2.8385856714, iBD: 2.3508636388 },
    { v: 0.1, hKL: 2.3700770991, hBD: 1.5884949569, iKL: 1.8347851257, iBD: 1.0532029835 },
  ];
  for (const row of table) {
    it(`σ² = ${row.v}: H and I(X;T) bounds`, () => {
      const r = pairwiseBounds(t, { variance: row.v });
      expect(r.entropy.upper).toBeCloseTo(row.hKL, 9);
      expect(r.entropy.lower).toBeCloseTo(row.hBD, 9);
      expect(r.mutualInformationX.upper).toBeCloseTo(row.iKL, 9);
      expect(r.mutualInformationX.lower).toBeCloseTo(row.iBD, 9);
    });
  }

  it("σ² = 0.1: I(T;Y) via class-conditional mixtures", () => {
    const r = computePairwiseBounds(t, { variance: 0.1, classes: classesOfLabels(labels) });
    expect(r.mutualInformationY?.upper).toBeCloseTo(0.4242408425, 9);
    expect(r.mutualInformationY?.lower).toBeCloseTo(0.1797619451, 9);
  });

  it("the bounds bracket the §3.8 Monte-Carlo mixture entropy 1.8403 ± 0.0009 at σ² = 0.1", () => {
    const r = pairwiseBounds(t, { variance: 0.1 });
    expect(r.entropy.lower).toBeLessThan(1.8403 - 3 * 0.0009);
    expect(r.entropy.upper).toBeGreaterThan(1.8403 + 3 * 0.0009);
  });
});

describe("pairwise bounds: tiled Gram kernel against the direct formula", () => {
  it("matches explicit differences on 520 points in 5-D (5 tiles, ragged edge) to 1e-10", () => {
    const n = 520;
    const d = 5;
    const data = new Float64Array(n * d);
    // deterministic, well-spread values offset far from 0 (exercises the centring)
    for (let i = 0; i < data.length; i++) data[i] = 100 + Math.sin(1.7 * i + 0.3 * (i % 7)) * (1 + (i % 3));
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) labels[i] = (i * 7) % 3;
    const t = { data, n, d };
    for (const v of [0.05, 1]) {
      const r = computePairwiseBounds(t, { variance: v, classes: classesOfLabels(labels) });
      const all = naiveBounds(data, n, d, v);
      expect(r.entropy.upper).toBeCloseTo(all.upper, 10);
      expect(r.entropy.lower).toBeCloseTo(all.lower, 10);
      let condUp = 0;
      let condLow = 0;
      for (let c = 0; c < 3; c++) {
        const rows = [...labels.keys()].filter((i) => labels[i] === c);
        const b = naiveBounds(data, n, d, v, rows);
        condUp += (rows.length / n) * b.upper;
        condLow += (rows.length / n) * b.lower;
      }
      expect(r.mutualInformationY?.upper).toBeCloseTo(all.upper - condUp, 10);
      expect(r.mutualInformationY?.lower).toBeCloseTo(all.lower - condLow, 10);
    }
  });

  it("limits: I(X;T) → ln n for tiny variance and → 0 for huge variance (§3.6)", () => {
    const { t } = specPoints();
    const tiny = pairwiseBounds(t, { variance: 1e-8 });
    expect(tiny.mutualInformationX.upper).toBeCloseTo(Math.log(20), 12);
    expect(tiny.mutualInformationX.lower).toBeCloseTo(Math.log(20), 12);
    // first order in 1/σ²: −⟨ln⟨e^{−D/(2σ²)}⟩⟩ ≈ ⟨D⟩/(2σ²) and ⟨D⟩/(8σ²) for the lower bound
    let meanD = 0;
    for (let i = 0; i < 20; i++)
      for (let j = 0; j < 20; j++)
        meanD += ((t.data[2 * i] - t.data[2 * j]) ** 2 + (t.data[2 * i + 1] - t.data[2 * j + 1]) ** 2) / 400;
    const huge = pairwiseBounds(t, { variance: 1e8 });
    expect(huge.mutualInformationX.upper / (meanD / 2e8)).toBeCloseTo(1, 6);
    expect(huge.mutualInformationX.lower / (meanD / 8e8)).toBeCloseTo(1, 6);
  });
});

describe("pairwise bounds: threads", () => {
  it("one thread and three threads give bit-identical bounds", () => {
    const n = 1100;
    const d = 3;
    const data = new Float64Array(n * d);
    for (let i = 0; i < data.length; i++) data[i] = Math.cos(0.37 * i * i);
    const labels = Int32Array.from({ length: n }, (_, i) => i % 4);
    const t = { data, n, d };
    const one = computePairwiseBounds(t, { variance: 0.2, classes: classesOfLabels(labels), threads: 1 });
    const three = computePairwiseBounds(t, { variance: 0.2, classes: classesOfLabels(labels), threads: 3 });
    expect(three).toEqual(one);
  });
});

describe("pairwiseBounds (public, validating)", () => {
  it("accepts labels and names bad arguments", () => {
    const { t, labels } = specPoints();
    const r = pairwiseBounds(t, { variance: 0.1, labels });
    expect(r.mutualInformationY?.upper).toBeCloseTo(0.4242408425, 9);
    expect(() => pairwiseBounds(t, { variance: -0.1 })).toThrow("variance must be > 0 (it is a variance σ²");
    expect(() => pairwiseBounds(t, { variance: 0.1, labels: [0, 1] })).toThrow("labels has 2 entries");
    expect(() => pairwiseBounds({ data: new Float64Array(3), n: 2, d: 2 }, { variance: 1 })).toThrow(
      "t: data has 3 values but shape is [2, 2]",
    );
  });
});
