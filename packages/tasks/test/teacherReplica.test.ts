/**
 * Teacher truth from the replica package, checked against exact values: the linear-Gaussian identity
 * (replica-math §6.1: the replica formula is exact for one Linear layer with any spectrum), the
 * conditional-entropy identity of a Linear output (§1.3 item 2), information bounds for discrete
 * priors/outputs (§6.2), and the measured finite-size gap for two layers.
 */
import { networkSpecSchema } from "@infoflow/replica";
import { describe, expect, it } from "vitest";
import { teacherNetwork } from "../src/index";
import { linearGaussianFiniteSizeGap } from "../src/teacher/linearGaussianFiniteSizeGap";

describe("one Linear layer: replica on the drawn spectrum = exact log-det (replica-math §6.1)", () => {
  it.each([
    ["gaussian", 0.5],
    ["gaussian", 1],
    ["gaussian", 2],
    ["orthogonal", 0.5],
    ["orthogonal", 2],
  ] as const)("%s weights, α = %f, n0 = 60: I and H to 1e-8 relative", (ensemble, alpha) => {
    const t = teacherNetwork({
      n0: 60,
      seed: 11,
      prior: { name: "Normal", mean: 0, var: 0.8 },
      layers: [{ activation: "Linear", alpha, varNoise: 0.03, weights: { ensemble, scale: 1.3 } }],
    });
    const exact = t.exactLinearGaussian!();
    expect(Math.abs(t.mutualInformation() - exact.mutualInformation)).toBeLessThan(
      1e-8 * exact.mutualInformation,
    );
    expect(Math.abs(t.entropy() - exact.entropy)).toBeLessThan(1e-8 * Math.abs(exact.entropy));
  });

  it("usv weights with a spread spectrum (n0 = 40, α = 1.5): I to 1e-8 relative", () => {
    const t = teacherNetwork({
      n0: 40,
      seed: 2,
      layers: [
        {
          activation: "Linear",
          alpha: 1.5,
          varNoise: 0.1,
          weights: { ensemble: "usv", singularValues: { from: 0.2, to: 3 } },
        },
      ],
    });
    const exact = t.exactLinearGaussian!().mutualInformation;
    expect(Math.abs(t.mutualInformation() - exact)).toBeLessThan(1e-8 * exact);
  });
});

describe("units and bookkeeping", () => {
  it("Linear output: H(T_L) − I(X;T_L) = n_L · ½ ln(2πeσ²) exactly (totals, not per-unit values)", () => {
    const t = teacherNetwork({
      n0: 50,
      seed: 3,
      layers: [
        { activation: "Linear", alpha: 1.4 },
        { activation: "Linear", alpha: 0.6, varNoise: 0.05 },
      ],
    });
    const nL = t.sizes[2];
    expect(nL).toBe(42);
    expect(t.entropy() - t.mutualInformation()).toBeCloseTo(
      0.5 * nL * Math.log(2 * Math.PI * Math.E * 0.05),
      8,
    );
    expect(t.truth().perUnit.mi * 50).toBeCloseTo(t.mutualInformation(), 10);
  });

  it("truth is computed once per layer and cached; mutualInformation()/entropy() read it", () => {
    const t = teacherNetwork({ n0: 30, layers: [{ activation: "Linear", varNoise: 0.1 }] });
    const first = t.truth();
    expect(t.truth()).toBe(first);
    expect(t.mutualInformation()).toBe(first.mutualInformation);
    expect(t.entropy()).toBe(first.entropy);
    expect(first.diagnostics.converged).toBe(true);
  });

  it("a noisy earlier layer: entropy available, I(X;T_ℓ) refused, truth reports mi undefined", () => {
    const t = teacherNetwork({
      n0: 20,
      observe: 1,
      layers: [
        { activation: "Linear", varNoise: 0.1 },
        { activation: "Linear", varNoise: 0.1 },
      ],
    });
    expect(Number.isFinite(t.entropy(2))).toBe(true);
    expect(t.truth(2).mutualInformation).toBeUndefined();
    expect(() => t.mutualInformation(2)).toThrow(/a layer before 2 is noisy/);
    // ... and the exact value of that layer exists (Gaussian), close to the replica entropy at this size
    const exact = t.exactLinearGaussian!(2).entropy;
    expect(Math.abs(t.entropy(2) - exact) / Math.abs(exact)).toBeLessThan(0.05);
  });
});

describe("finite-size gap of linear-Gaussian teachers (README table)", () => {
  it("one layer: the replica on the drawn spectrum has no finite-size gap (< 1e-10 relative)", () => {
    const rows = linearGaussianFiniteSizeGap({
      n0s: [10, 30, 100],
      alphas: [1],
      varNoise: 0.01,
      seeds: [1, 2],
    });
    for (const r of rows) expect(Math.abs(r.gapEmpirical)).toBeLessThan(1e-10 * r.exact);
  });

  it("two layers: the gap to the large-n value shrinks with n0 (rms over 4 seeds: n0 = 100 at least 3× below n0 = 10, and < 0.01 nat per unit)", () => {
    const rows = (n0: number) =>
      linearGaussianFiniteSizeGap({ n0s: [n0], alphas: [1, 1], varNoise: 0.01, seeds: [1, 2, 3, 4] });
    const small = rows(10);
    const large = rows(100);
    const rms = (rs: typeof small, key: "gapEmpirical" | "gapLimit") =>
      Math.sqrt(rs.reduce((a, r) => a + r[key] ** 2, 0) / rs.length);
    for (const key of ["gapEmpirical", "gapLimit"] as const) {
      expect(rms(large, key)).toBeLessThan(rms(small, key) / 3);
      expect(rms(large, key)).toBeLessThan(0.01);
    }
  });
});

describe("replicaSpec", () => {
  it("is the validated replica network of the sub-chain, with the drawn spectra and actual α", () => {
    const t = teacherNetwork({
      n0: 20,
      prior: { name: "SpikeSlab", prob: 0.4 },
      layers: [
        { activation: "HardTanh", alpha: 1.5, thres: 2 },
        { activation: "LeakyReLU", gamma: 0.1, alpha: 0.5, varNoise: 0.2 },
      ],
    });
    const spec = t.replicaSpec();
    expect(networkSpecSchema.parse(spec)).toEqual(spec);
    expect(spec.layers).toEqual([
      { kind: "prior", name: "SpikeSlab", params: { prob: 0.4, mean: 0, var: 1 } },
      { kind: "activation", name: "HardTanh", params: { var_noise: 0, thres: 2 } },
      { kind: "activation", name: "LeakyReLU", params: { var_noise: 0.2, gamma: 0.1 } },
    ]);
    expect(spec.weights).toEqual([
      { ensemble: "Empirical", alpha: 30 / 20, eigvals: Array.from(t.spectrum(1)) },
      { ensemble: "Empirical", alpha: 15 / 30, eigvals: Array.from(t.spectrum(2)) },
    ]);
    expect(t.replicaSpec(1).layers).toHaveLength(2);
  });
});
