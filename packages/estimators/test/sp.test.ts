import { normalQuantile } from "@infoflow/numerics";
import { describe, expect, it, vi } from "vitest";
import { computePairwiseBounds, gaussianEntropy, pairwiseBounds } from "../src/kde/pairwise-bounds";
import { classesOfLabels } from "../src/labels";
import { computeMixtureEntropy, gaussianMixtureEntropy } from "../src/sp/mixture-entropy";
import { samplePropagationMI } from "../src/sp/sample-propagation";
import { gaussFixture, toSamples } from "./reference";

// Monte-Carlo and O(n²) reference runs: generous per-test time on a shared, loaded 2-core machine.
vi.setConfig({ testTimeout: 120_000 });

/** §3.8 / §5.8 points: x_i = sin(i²), y_i = x_i + 0.5·cos(3i + 1). */
function specPoints() {
  const data = new Float64Array(40);
  for (let i = 1; i <= 20; i++) {
    data[2 * (i - 1)] = Math.sin(i * i);
    data[2 * (i - 1) + 1] = Math.sin(i * i) + 0.5 * Math.cos(3 * i + 1);
  }
  return { data, n: 20, d: 2 };
}

/** |a − b| within 3 combined standard errors. */
const within3 = (a: number, b: number, ...se: number[]) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(3 * Math.hypot(...se));

describe("Gaussian-mixture entropy by Monte Carlo", () => {
  it("one centre: ĥ = d/2·ln(2πeβ²) within 3 SE (§5.8)", () => {
    const r = gaussianMixtureEntropy(
      { data: new Float64Array([0.3, -1, 2]), n: 1, d: 3 },
      {
        noiseStd: 0.2,
        nMC: 4000,
        seed: 1,
      },
    );
    expect(r.queries).toBe(4000);
    within3(r.entropy, gaussianEntropy(3, 0.04), r.stdError);
    expect(r.stdError).toBeGreaterThan(0);
  });

  it("§5.8 20-point mixture at β² = 0.1: 1.8403 ± 0.0009 nats, inside the pairwise bounds", () => {
    const t = specPoints();
    const r = gaussianMixtureEntropy(t, { noiseStd: Math.sqrt(0.1), nMC: 2000, seed: 7 });
    within3(r.entropy, 1.8403, r.stdError, 0.0009);
    const b = pairwiseBounds(t, { variance: 0.1 });
    expect(r.entropy).toBeGreaterThan(b.entropy.lower);
    expect(r.entropy).toBeLessThan(b.entropy.upper);
  });

  it("the same seed gives the same numbers; another seed different ones; threads do not matter", () => {
    const t = specPoints();
    const a = gaussianMixtureEntropy(t, { noiseStd: 0.3, nMC: 100, seed: 3 });
    const b = gaussianMixtureEntropy(t, { noiseStd: 0.3, nMC: 100, seed: 3, threads: 3 });
    const c = gaussianMixtureEntropy(t, { noiseStd: 0.3, nMC: 100, seed: 4 });
    expect(b).toEqual(a);
    expect(c.entropy).not.toBe(a.entropy);
  });

  it("query cap: a uniform subset of the (centre, draw) list, still unbiased", () => {
    const t = specPoints();
    const r = gaussianMixtureEntropy(t, { noiseStd: Math.sqrt(0.1), nMC: 5000, maxQueries: 30000, seed: 11 });
    expect(r.queries).toBe(30000);
    within3(r.entropy, 1.8403, r.stdError, 0.0009);
  });

  it("class-conditional I(T;Y) matches separate per-class runs within 3 SE", () => {
    const t = specPoints();
    const labels = Int32Array.from({ length: 20 }, (_, i) => i % 2);
    const classes = classesOfLabels(labels);
    const beta = Math.sqrt(0.1);
    const joint = computeMixtureEntropy(t, { noiseStd: beta, nMC: 1000, seed: 5, classes });
    const per = [0, 1].map((y) => {
      const rows = [...labels.keys()].filter((i) => labels[i] === y);
      const data = Float64Array.from(rows.flatMap((i) => [t.data[2 * i], t.data[2 * i + 1]]));
      return gaussianMixtureEntropy(
        { data, n: rows.length, d: 2 },
        { noiseStd: beta, nMC: 4000, seed: 6 + y },
      );
    });
    const separate = joint.entropy - 0.5 * per[0].entropy - 0.5 * per[1].entropy;
    within3(
      joint.mutualInformationY ?? Number.NaN,
      separate,
      joint.mutualInformationYStdError ?? Number.NaN,
      joint.stdError,
      0.5 * per[0].stdError,
      0.5 * per[1].stdError,
    );
    // and the pairwise-bound estimates bracket it loosely (they are estimates, not bounds, for I(T;Y))
    const b = computePairwiseBounds(t, { variance: 0.1, classes });
    expect(b.mutualInformationY?.upper).toBeGreaterThan(joint.mutualInformationY ?? Number.NaN);
  });
});

describe("sample propagation I(X;T_ℓ)", () => {
  it("first layer (one centre per input): conditional entropies are exact and the pairwise bounds bracket Î", () => {
    const t = specPoints();
    const perInput = Array.from({ length: 20 }, (_, i) => ({
      data: t.data.slice(2 * i, 2 * i + 2),
      n: 1,
      d: 2,
    }));
    const r = samplePropagationMI(perInput, {
      noiseStd: Math.sqrt(0.1),
      nMC: 2000,
      maxQueries: 40000,
      seed: 2,
    });
    expect(r.exactConditionals).toBe(20);
    expect(r.conditionalEntropy).toBeCloseTo(gaussianEntropy(2, 0.1), 14);
    const b = pairwiseBounds(t, { variance: 0.1 });
    expect(r.mutualInformation).toBeGreaterThan(b.mutualInformationX.lower);
    expect(r.mutualInformation).toBeLessThan(b.mutualInformationX.upper);
    within3(r.mutualInformation, 1.8403 - gaussianEntropy(2, 0.1), r.stdError, 0.0009);
  });

  it("two well-separated inputs: Î(X;T) = ln 2 for any conditional spread (MC conditionals)", () => {
    // S | x = ±3 takes n quantile-spaced values of N(x, 0.6²); with β² = 0.14 every T | x has spread
    // ≈ √0.5 and the two inputs' mixtures overlap only beyond 4.2 standard deviations, so
    // I(X;T) = ln 2 − (less than 1e-4 nats) whatever the shape of each conditional mixture.
    const s = 0.6;
    const beta = Math.sqrt(0.5 - s * s);
    const n = 200;
    const perInput = [-3, 3].map((x) => ({
      data: Float64Array.from({ length: n }, (_, r) => x + s * normalQuantile((r + 0.5) / n)),
      n,
      d: 1,
    }));
    const r = samplePropagationMI(perInput, { noiseStd: beta, nMC: 4, nMCConditional: 64, seed: 9 });
    expect(r.exactConditionals).toBe(0);
    within3(r.mutualInformation, Math.LN2, r.stdError, 1e-4);
  });

  it("threads do not change the result", () => {
    const perInput = Array.from({ length: 40 }, (_, i) => ({
      data: Float64Array.from({ length: 8 }, (_, r) => Math.sin(i + 0.3 * r)),
      n: 4,
      d: 2,
    }));
    const a = samplePropagationMI(perInput, { noiseStd: 0.2, nMCConditional: 16, seed: 4, threads: 1 });
    const b = samplePropagationMI(perInput, { noiseStd: 0.2, nMCConditional: 16, seed: 4, threads: 3 });
    expect(b).toEqual(a);
  });
});

const fixture = gaussFixture();

describe("SP entropy agrees with the PyTorch estimateMI and an independent numpy SP (n = 1000)", () => {
  const rows = fixture.peers.filter(
    (r) => r.peer.startsWith("estimateMI") || r.peer.startsWith("SP_formula"),
  );
  it("has the 16 reference rows", () => expect(rows.length).toBe(16));
  const cache = new Map<string, ReturnType<typeof gaussianMixtureEntropy>>();
  for (const r of rows) {
    it(`${r.dataset} ${r.peer} ${r.quantity}: within 3 SE`, () => {
      const key = `${r.dataset} ${r.params.var}`;
      if (!cache.has(key)) {
        const x = toSamples(fixture.datasets[r.dataset]);
        cache.set(key, gaussianMixtureEntropy(x, { noiseStd: Math.sqrt(r.params.var), nMC: 4, seed: 2024 }));
      }
      const mine = cache.get(key) as ReturnType<typeof gaussianMixtureEntropy>;
      // the peers' mean over 3 runs has standard error ≈ (run-to-run std)/√3
      within3(mine.entropy, r.mean_over_runs_nats, mine.stdError, r.std_over_runs_nats / Math.sqrt(3));
    });
  }
});
