/**
 * The generic channel (any φ through generic Gaussian integrals, src/integrals/generic-*.ts) against the
 * specialised piecewise-linear channels (issue 3: agreement to 1e−7). The default run covers the output role,
 * ρ_next and the hidden role at m = 0 (Ṽ = ρ̃: one integral level less, so it stays fast); the full
 * two-level hidden comparisons are in channels-generic-hidden.test.ts.
 */
import { describe, expect, it } from "vitest";
import { createChannel, genericChannel, ReplicaError } from "../src/channels";
import type { Channel } from "../src/interface";
import { PAIRS } from "./channels-generic-pairs";

const REL = 1e-7;
const close = (got: number, want: number, rel = REL, abs = 0) =>
  expect(Math.abs(got - want)).toBeLessThanOrEqual(rel * Math.abs(want) + abs);

/** The generic channel's Ψ, 𝒱, 𝒜 at (A, Ṽ, ρ̃) equal the specialised channel's to `rel`. */
function sameHidden(generic: Channel, exact: Channel, A: number, Vt: number, rho: number, rel = REL) {
  const want = exact.hidden(A, Vt, rho);
  const got = generic.hidden(A, Vt, rho);
  close(got.Psi, want.Psi, rel);
  close(got.V, want.V, rel);
  close(got.A, want.A, rel);
}

describe("generic channel = specialised channel (output role, ρ_next)", () => {
  for (const [name, params, activation] of PAIRS) {
    it(`${activation} vs ${name}`, () => {
      const a = createChannel({ name, params });
      const g = createChannel({ name: "Generic", params: { activation, var_noise: params.var_noise } });
      for (const [Vt, rho] of [
        [0.1, 1],
        [0.01, 0.5],
        [0, 1],
      ]) {
        close(g.outA(Vt, rho), a.outA(Vt, rho));
        close(g.outPsi(Vt, rho), a.outPsi(Vt, rho));
      }
      for (const rho of [0.3, 1, 4]) close(g.rhoNext(rho), a.rhoNext(rho));
    });
  }
  it("HardTanh threshold is a parameter of the named activation", () => {
    const a = createChannel({ name: "HardTanh", params: { var_noise: 0.001, thres: 0.5 } });
    const g = createChannel({
      name: "Generic",
      params: { activation: "hardtanh", thres: 0.5, var_noise: 0.001 },
    });
    close(g.outA(0.05, 1), a.outA(0.05, 1));
    close(g.outPsi(0.05, 1), a.outPsi(0.05, 1));
  });
});

describe("generic channel = specialised channel (hidden role at m = 0)", () => {
  for (const [name, params, activation] of PAIRS) {
    it(`${activation} vs ${name} at (A, Ṽ, ρ̃) = (2, 1, 1) and (10, 0.5, 0.5)`, () => {
      const a = createChannel({ name, params });
      const g = createChannel({ name: "Generic", params: { activation, var_noise: params.var_noise } });
      for (const [A, Vt, rho] of [
        [2, 1, 1],
        [10, 0.5, 0.5],
      ]) {
        sameHidden(g, a, A, Vt, rho);
      }
    });
  }
});

describe("generic hidden role where the posterior is much narrower than √v (large A·v)", () => {
  // Regression: Normal → ReLU(0) → ReLU(small noise), 500×500 spectra, start v0 = [1, 1e−10]: the first sweep
  // asks the hidden ReLU layer for (A, Ṽ, ρ̃) = (5.01e4, 0.99972, 0.9) (Ã = αθ/δ is huge; Ṽ > ρ̃, so m = 0). The
  // posterior of h has width 1/√(A + 1/v) ≈ 4e−3, far below the 17-point mode grid's step √v·20/16, so the
  // inner integral's e* was a grid value ~A·0.1 below the true maximum: e^{e − e*} overflowed ("integrand is
  // not finite (Infinity)"), or the peak was missed by every node (log Z = −∞, NaN further up). The mode is now
  // maximised on each piece; the values agree with the exact piecewise ReLU channel (tolerance REL = 1e−7).
  it("ReLU(0) at the sweep-1 point of the start [1, 1e−10], and at A·v = 6e3 with m > 0", () => {
    const a = createChannel({ name: "ReLU", params: { var_noise: 0 } });
    const g = createChannel({ name: "Generic", params: { activation: "relu", var_noise: 0 } });
    for (const [A, Vt, rho] of [
      [50113.04145924652, 0.9997165280051417, 0.9],
      [1e4, 0.6, 0.6],
    ]) {
      sameHidden(g, a, A, Vt, rho);
    }
  });
});

describe("generic hidden role at the extremes a solver visits (m = 0)", () => {
  // ML-VAMP starts at δ = 1e10 and the chains of the experiments run at v = σ² + Ṽ down to 1e−10: these points
  // once gave 𝒜 = 0.81 for 1.24 (the B mesh missed the spike of width √A at Aφ(0); −B²/2A + log Z cancelled
  // 1e−6 of the B-density) and took minutes. Tolerance REL = 1e−7, the bound of issue 3; the specialised
  // channels are closed forms accurate to ~1e−12, so the whole budget is the generic quadrature's. Points with
  // ρ̃ = Ṽ (m = 0) keep this run short; the same regimes with m > 0 are in channels-generic-hidden.test.ts.
  const twins: Array<[string, Record<string, number>, string]> = [
    ["ReLU", {}, "relu"],
    ["HardTanh", { thres: 1 }, "hardtanh"],
    ["Linear", {}, "linear"],
  ];
  for (const [name, extra, activation] of twins) {
    it(`${activation} vs ${name} at A ∈ {1e−3, 1e3, 1e10}, v ∈ {1e−10, 1e−5, 1}`, () => {
      for (const [A, Vt, s2] of [
        [1e10, 1, 0],
        [1e10, 1e-10, 0],
        [1e10, 1e-5, 1e-5],
        [1e3, 0.1, 0.01],
        [1e-3, 1e-5, 0],
      ]) {
        const a = createChannel({ name, params: { ...extra, var_noise: s2 } }).hidden(A, Vt, Vt);
        const g = createChannel({
          name: "Generic",
          params: { activation, ...extra, var_noise: s2 },
        }).hidden(A, Vt, Vt);
        // Ψ also gets 1e−13 absolute: log Z = e* + log ∫…, a log of a sum with rounding ~1e−16; at A·v = 1e−8
        // Ψ ≈ ½A·E t² − ½E log(…) cancels to ~1e−17 (Linear), below what any quadrature of log Z resolves.
        close(g.Psi, a.Psi, REL, 1e-13);
        close(g.V, a.V);
        close(g.A, a.A);
      }
    });
  }
});

describe("smooth activations", () => {
  it("tanh output: invertible, so 𝒜_out = 1/v and Ψ_out = −½log(2πe v) − E log φ'(h)", () => {
    const g = createChannel({ name: "Generic", params: { activation: "tanh", var_noise: 0.01 } });
    const v = 0.11;
    close(g.outA(0.1, 1), 1 / v, 1e-10);
    // E log(1 − tanh²(h)), h ~ N(0, m + v) with m = 0.9: independent 1-D sum on a fine grid.
    const tau = Math.sqrt(1.01);
    let s = 0;
    const n = 200000;
    for (let i = 0; i < n; i++) {
      const z = -12 + (24 * (i + 0.5)) / n;
      s +=
        (Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI)) * Math.log(1 - Math.tanh(tau * z) ** 2) * (24 / n);
    }
    close(g.outPsi(0.1, 1), -0.5 * Math.log(2 * Math.PI * Math.E * v) - s, 1e-9);
  });
  it("a user φ equal to a named one gives the same values (numerical φ')", () => {
    const named = createChannel({ name: "Generic", params: { activation: "sigmoid", var_noise: 0.01 } });
    const user = genericChannel({ phi: (h) => 1 / (1 + Math.exp(-h)), varNoise: 0.01, name: "mySigmoid" });
    close(user.outPsi(0.1, 1), named.outPsi(0.1, 1), 1e-8);
    close(user.rhoNext(1), named.rhoNext(1), 1e-12);
    const h1 = user.hidden(3, 1, 1);
    const h2 = named.hidden(3, 1, 1);
    close(h1.Psi, h2.Psi, 1e-9);
    close(h1.V, h2.V, 1e-9);
  });
  it("the output role needs a non-decreasing φ; the hidden role does not", () => {
    const sq = genericChannel({ phi: (h) => h * h, varNoise: 0.01, name: "square" });
    expect(() => sq.outPsi(0.1, 1)).toThrow(ReplicaError);
    expect(() => sq.outPsi(0.1, 1)).toThrow(/square: the output role needs a non-decreasing φ/);
    const h = sq.hidden(1, 1, 1);
    expect([h.Psi, h.V, h.A].every(Number.isFinite)).toBe(true);
  });
  it("unknown activation names are rejected", () => {
    expect(() => createChannel({ name: "Generic", params: { activation: "gelu", var_noise: 0 } })).toThrow(
      /Generic: unknown activation "gelu"/,
    );
  });
});

describe("generic channel at small A·v (squared-score form of f_𝒜)", () => {
  // Where the posterior is nearly the prior the Fisher form 1/v − Var_post(h)/v² cancels: it took the adaptive
  // pass 4–5 s a call and left relu's 𝒜 7e−7 off ReLU's at (1e−3, 1e−5, 1). With φ' the engine averages the
  // squared score ⟨φ'(h)(B − Aφ(h))⟩² instead (Stein's lemma): 0.3–0.4 s and 1e−10.
  const cases: Array<[string, Record<string, number>, string, number, number, number]> = [
    ["ReLU", { var_noise: 0 }, "relu", 1e-3, 1e-5, 1 + 1e-5],
    ["ReLU", { var_noise: 1e-6 }, "relu", 0.05, 1e-3, 1.001],
    ["HardTanh", { var_noise: 0, thres: 1 }, "hardtanh", 1e-2, 1e-4, 2],
    ["Linear", { var_noise: 1e-7 }, "linear", 1, 1e-7, 1],
  ];
  for (const [name, params, activation, A, Vt, rho] of cases) {
    it(`${activation} vs ${name}(${params.var_noise}) at (A, Ṽ, ρ̃) = (${A}, ${Vt}, ${rho}): 1e−9`, () => {
      const a = createChannel({ name, params });
      const g = createChannel({ name: "Generic", params: { activation, var_noise: params.var_noise } });
      sameHidden(g, a, A, Vt, rho, 1e-9);
    });
  }
});
