import { describe, expect, it, vi } from "vitest";
import type { Estimator, MIAndEntropyEstimator } from "../src/interface";
import { gaussianEntropy } from "../src/kde/pairwise-bounds";
import { createEstimator, listEstimators } from "../src/registry";

// Monte-Carlo and O(n²) reference runs: generous per-test time on a shared, loaded 2-core machine.
vi.setConfig({ testTimeout: 120_000 });

/** The information-plane estimators have both methods; fail loudly otherwise. */
function both(e: Estimator): MIAndEntropyEstimator {
  expect(e.kind).toBe("both");
  return e as MIAndEntropyEstimator;
}

/** §3.8 points and labels. */
function specPoints() {
  const data = new Float64Array(40);
  for (let i = 1; i <= 20; i++) {
    data[2 * (i - 1)] = Math.sin(i * i);
    data[2 * (i - 1) + 1] = Math.sin(i * i) + 0.5 * Math.cos(3 * i + 1);
  }
  return { t: { data, n: 20, d: 2 }, labels: Int32Array.from({ length: 20 }, (_, i) => i % 2) };
}

describe("registry", () => {
  it("lists every estimator id with kind, description, parameters and defaults", () => {
    const ids = listEstimators().map((e) => e.id);
    expect(ids).toEqual(["ksg1", "ksg2", "kl", "kde-upper", "kde-lower", "binning", "sp"]);
    for (const e of listEstimators()) {
      expect(e.description.length).toBeGreaterThan(20);
      for (const key of Object.keys(e.defaults)) expect(e.parameters[key]).toBeDefined();
    }
  });

  it("unknown ids and parameters are one-line errors naming them", () => {
    expect(() => createEstimator("mine")).toThrow(
      "unknown estimator 'mine'; known: ksg1, ksg2, kl, kde-upper",
    );
    expect(() => createEstimator("kde-upper", { varience: 0.1 })).toThrow(
      "unknown parameter 'varience' for estimator kde-upper; known: variance, base, threads, shuffles, seed",
    );
    expect(() => createEstimator("sp", { nmc: 0 })).toThrow("nmc must be an integer in [1, 1000000], got 0");
    expect(() => createEstimator("kde-lower", { base: 10 })).toThrow('base must be 2 (bits) or "e" (nats)');
  });
});

describe("kde estimators", () => {
  const { t, labels } = specPoints();
  it("entropy echoes params, reports the other bound and I(X;T) bounds; bits with base 2", () => {
    const e = both(createEstimator("kde-upper", { variance: 0.1 }));
    const r = e.entropy(t);
    expect(r.unit).toBe("nats");
    expect(r.value).toBeCloseTo(2.3700770991, 9);
    expect(r.params).toEqual({ variance: 0.1, base: "e", threads: "auto", shuffles: 0, seed: 0 });
    expect(r.diagnostics.lowerBound).toBeCloseTo(1.5884949569, 9);
    expect((r.diagnostics.mutualInformationX as { upper: number }).upper).toBeCloseTo(1.8347851257, 9);
    const bits = both(createEstimator("kde-upper", { variance: 0.1, base: 2 }));
    const rb = bits.entropy(t);
    expect(rb.unit).toBe("bits");
    expect(rb.value).toBeCloseTo(2.3700770991 / Math.LN2, 9);
  });

  it("estimate gives I(T;Y) for labels; the shuffle null is seeded and centred near 0", () => {
    const e = both(createEstimator("kde-lower", { variance: 0.1, shuffles: 50, seed: 3 }));
    const r = e.estimate(t, labels);
    expect(r.value).toBeCloseTo(0.1797619451, 9);
    const nul = r.diagnostics.shuffleNull as { values: number[]; mean: number; pValue: number };
    expect(nul.values).toHaveLength(50);
    expect(Math.abs(nul.mean)).toBeLessThan(r.value);
    const again = e.estimate(t, labels).diagnostics.shuffleNull as { values: number[] };
    expect(again.values).toEqual(nul.values);
  });
});

describe("binning estimator", () => {
  it("entropy = H(Bin(T)) with occupancy diagnostics; estimate = I(Bin(T);Y)", () => {
    const e = both(createEstimator("binning", { mode: "width", width: 0.5 }));
    const tt = {
      data: Float64Array.from([
        -0.95, 0.1, -0.9, 0.12, 0.05, 0.49, 0.07, 0.51, 0.93, -0.99, 0.99, -0.97, 0.51, 0.02, 0.49, 0.03,
      ]),
      n: 8,
      d: 2,
    };
    const h = e.entropy(tt);
    expect(h.value / Math.LN2).toBeCloseTo(2.25, 12);
    expect(h.diagnostics.occupiedBins).toBe(5);
    expect(h.params).toEqual({ mode: "width", bins: 30, width: 0.5, base: "e", shuffles: 0, seed: 0 });
    const mi = e.estimate(tt, Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1]));
    expect(mi.value / Math.LN2).toBeCloseTo(0.75, 12);
  });
});

describe("sp estimator", () => {
  it("entropy with standard error, seeded; I(X;T) diagnostics; bracketed by the kde bounds", () => {
    const { t } = specPoints();
    const e = both(createEstimator("sp", { variance: 0.1, nmc: 2000, seed: 5 }));
    const r = e.entropy(t);
    expect(r.stdError).toBeGreaterThan(0);
    expect(Math.abs(r.value - 1.8403)).toBeLessThan(3 * Math.hypot(r.stdError ?? 0, 0.0009));
    expect(r.diagnostics.mutualInformationX).toBeCloseTo(r.value - gaussianEntropy(2, 0.1), 12);
    expect(e.entropy(t).value).toBe(r.value);
    expect(r.params).toEqual({ variance: 0.1, nmc: 2000, seed: 5, base: "e", threads: "auto" });
  });

  it("a negative differential entropy comes with an explanation", () => {
    const e = both(createEstimator("sp", { variance: 1e-4, nmc: 10 }));
    const r = e.entropy({ data: new Float64Array([0, 1, 2]), n: 3, d: 1 });
    expect(r.value).toBeLessThan(0);
    expect(String(r.diagnostics.negative)).toContain("differential entropy can be negative");
  });
});
