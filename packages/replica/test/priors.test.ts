/**
 * Priors against replica-math §6.4 (scalar reference values, 10 digits), the derivative identity of §6.3
 * dΨ_0/dA = ½(ρ − 𝒱_0), the mutual-information form I = ½Aρ − Ψ_0 and its limits, and parameter validation.
 */
import { describe, expect, it } from "vitest";
import { ReplicaError } from "../src/channels";
import { createPrior } from "../src/priors";

const close = (got: number, want: number, rel: number, abs = 0) =>
  expect(Math.abs(got - want)).toBeLessThanOrEqual(rel * Math.abs(want) + abs);

describe("§6.4 prior values (A → 𝒱_0, Ψ_0)", () => {
  // 10 significant digits in the spec: 1e−9 relative (≈4e−10 absolute on the ~1e−10 𝒱 of Bimodal at A = 40).
  const rows: Array<[string, Record<string, number>, number, number, number]> = [
    ["Normal", { mean: 0, var: 1 }, 0.5, 0.6666666667, 0.04726744595],
    ["Normal", { mean: 0, var: 1 }, 3, 0.25, 0.8068528194],
    // dnner: 0.2784264097 and 2.464544925, high by μ²/(2s²) = 0.0625 (§8.1)
    ["Normal", { mean: 0.5, var: 2 }, 0.5, 1, 0.2159264097],
    ["Normal", { mean: 0.5, var: 2 }, 3, 0.2857142857, 2.402044925],
    ["Bimodal", { prob: 0.5 }, 0.5, 0.6498865953, 0.04865452842],
    ["Bimodal", { prob: 0.5 }, 3, 0.1243179024, 0.9140606496],
    ["Bimodal", { prob: 0.5 }, 40, 4e-10, 19.30685282],
    ["Bimodal", { prob: 0.3 }, 0.5, 0.5667555187, 0.07712441008],
    ["Bimodal", { prob: 0.3 }, 3, 0.1118125305, 0.9859970579],
    ["SpikeSlab", { prob: 0.2, mean: 0, var: 1 }, 0.5, 0.1792491204, 0.00253103921],
    ["SpikeSlab", { prob: 0.2, mean: 0, var: 1 }, 3, 0.09450016519, 0.08893247686],
    ["SpikeSlab", { prob: 0.2, mean: 0, var: 1 }, 40, 0.008447839768, 3.349450841],
    ["SpikeSlab", { prob: 0.3, mean: 1, var: 0.5 }, 0.5, 0.2946033307, 0.03077585816],
    ["SpikeSlab", { prob: 0.3, mean: 1, var: 0.5 }, 3, 0.1298644649, 0.35088304],
    ["SpikeSlab", { prob: 0.3, mean: 1, var: 0.5 }, 40, 0.01042816248, 8.117837052],
  ];
  for (const [name, params, A, V, Psi] of rows) {
    it(`${name}${JSON.stringify(params)} at A = ${A}`, () => {
      const p = createPrior({ kind: "prior", name, params });
      // "≈4e−10" in the table is one significant digit: compare to 5e−11 absolute.
      close(p.V(A), V, A === 40 && name === "Bimodal" ? 0 : 1e-9, A === 40 && name === "Bimodal" ? 5e-11 : 0);
      close(p.Psi(A), Psi, 1e-9);
    });
  }
});

describe("§6.3 dΨ_0/dA = ½(ρ − 𝒱_0) (central differences, step 1e−4·A)", () => {
  const priors: Array<[string, Record<string, number>]> = [
    ["Normal", { mean: 0.5, var: 2 }],
    ["Bimodal", { prob: 0.3 }],
    ["SpikeSlab", { prob: 0.2, mean: 0, var: 1 }],
    ["SpikeSlab", { prob: 0.3, mean: 1, var: 0.5 }],
  ];
  for (const [name, params] of priors) {
    for (const A of [0.5, 3, 20]) {
      it(`${name}${JSON.stringify(params)} at A = ${A}`, () => {
        const p = createPrior({ name, params });
        const h = 1e-4 * A;
        const fd = (p.Psi(A + h) - p.Psi(A - h)) / (2 * h);
        // truncation O(h²) ~1e−9, quadrature noise 1e−13/h ~1e−9: 1e−7 is safe and still tight.
        close(fd, 0.5 * (p.rho - p.V(A)), 0, 1e-7);
      });
    }
  }
});

describe("I = ½Aρ − Ψ_0 and limits", () => {
  it("mutualInformation equals ½Aρ − Ψ_0, and is bounded by H(p) for Bimodal", () => {
    for (const [name, params] of [
      ["Normal", { mean: 1, var: 0.5 }],
      ["Bimodal", { prob: 0.3 }],
      ["SpikeSlab", { prob: 0.3, mean: 1, var: 0.5 }],
    ] as const) {
      const p = createPrior({ name, params });
      for (const A of [0.1, 2, 50]) close(p.mutualInformation!(A), 0.5 * A * p.rho - p.Psi(A), 1e-11, 1e-13);
    }
    const b = createPrior({ name: "Bimodal", params: { prob: 0.3 } });
    const H = -0.3 * Math.log(0.3) - 0.7 * Math.log(0.7);
    expect(b.discreteEntropy).toBeCloseTo(H, 15);
    // At A = 1e8 the channel √A x + η reveals x: I = H(p) to double precision, without cancelling 5e7 terms.
    close(b.mutualInformation!(1e8), H, 1e-14);
    expect(b.mutualInformation!(1e8)).toBeLessThanOrEqual(H);
  });
  it("SpikeSlab(p = 1) is Normal; p = 0 and Bimodal(1) are point masses; A = 0 gives 𝒱_0 = Var(x)", () => {
    const s = createPrior({ name: "SpikeSlab", params: { prob: 1, mean: 0.5, var: 2 } });
    const n = createPrior({ name: "Normal", params: { mean: 0.5, var: 2 } });
    for (const A of [0.3, 4]) {
      close(s.Psi(A), n.Psi(A), 1e-15);
      close(s.V(A), n.V(A), 1e-15);
    }
    const z = createPrior({ name: "SpikeSlab", params: { prob: 0, mean: 0, var: 1 } });
    expect([z.rho, z.V(3), z.Psi(3)]).toEqual([0, 0, 0]);
    const one = createPrior({ name: "Bimodal", params: { prob: 1 } });
    expect([one.V(3), one.Psi(3)]).toEqual([0, 1.5]);
    close(createPrior({ name: "Bimodal", params: { prob: 0.3 } }).V(0), 1 - 0.4 * 0.4, 1e-15);
    const ss = createPrior({ name: "SpikeSlab", params: { prob: 0.3, mean: 1, var: 0.5 } });
    close(ss.V(0), 0.3 * 1.5 - 0.3 * 0.3, 1e-12);
  });
});

describe("parameter validation (one-line ReplicaError naming the field)", () => {
  const bad: Array<[string, Record<string, unknown>, RegExp]> = [
    ["Normal", { mean: 0, var: -1 }, /Normal: parameter "var" must be > 0/],
    ["Normal", { mean: Number.NaN, var: 1 }, /Normal: parameter "mean" must be a finite number/],
    ["Bimodal", { prob: 1.5 }, /Bimodal: parameter "prob" must be ≤ 1/],
    ["SpikeSlab", { mean: 0, var: 1 }, /SpikeSlab: missing parameter "prob"/],
    ["Normal", { mean: 0, variance: 1 }, /Normal: unknown parameter "variance"/],
    ["Gauss", {}, /prior: unknown name "Gauss"/],
  ];
  for (const [name, params, re] of bad) {
    it(`${name} ${JSON.stringify(params)}`, () => {
      expect(() => createPrior({ name, params })).toThrow(ReplicaError);
      expect(() => createPrior({ name, params })).toThrow(re);
    });
  }
});
