/**
 * The solvers and drivers on networks with exact answers (replica-math §6.1–6.2): Gaussian-linear networks
 * for explicit, random and Marchenko–Pastur spectra (entropy, MI and MMSE to 1e−10), multi-layer chains that
 * reduce to one layer, ML-VAMP against the fixed-point iteration, warm starts, fixed V, dnner mode, errors, and
 * phase coexistence (both fixed points of compressed sensing, each checked against the replica-symmetric potential).
 */
import { createRng, gaussianMatrix, gramEigenvalues, toRowMajor } from "@infoflow/numerics";
import { describe, expect, it } from "vitest";
import {
  computeAllLayers,
  computeEntropy,
  createChannel,
  createEnsemble,
  createPrior,
  type NetworkSpec,
  type ReplicaResult,
  usvEnsemble,
} from "../src";
import { gaussianLinear, mpExpect } from "./closed-forms";
import { EXPLICIT_SPECTRA } from "./spectra";

const normal = (mean = 0, variance = 1) => ({
  kind: "prior" as const,
  name: "Normal" as const,
  params: { mean, var: variance },
});
const linear = (varNoise: number) => ({
  kind: "activation" as const,
  name: "Linear" as const,
  params: { var_noise: varNoise },
});
const empirical = (alpha: number, eigvals: number[]) => ({ ensemble: "Empirical" as const, alpha, eigvals });

function expectClose(got: number, want: number, tol: number, what: string) {
  if (!(Math.abs(got - want) <= tol))
    throw new Error(`${what}: got ${got}, want ${want} (|Δ| = ${Math.abs(got - want)} > ${tol})`);
}

describe("Gaussian-linear networks equal the log-det closed form (§6.1)", () => {
  const spectra = Object.entries(EXPLICIT_SPECTRA);
  for (const [name, { alpha, eigvals }] of spectra) {
    for (const delta of [1e-2, 1e-5]) {
      it(`${name}, Δ = ${delta}: robust driver (dnner's FP is wrong or fails on S1, S3, SC)`, () => {
        const want = gaussianLinear(alpha, eigvals, delta);
        const r = computeEntropy({
          layers: [normal(), linear(delta)],
          weights: [empirical(alpha, [...eigvals])],
        });
        expectClose(r.entropy, want.entropy, 1e-10, "entropy");
        expectClose(r.mi, want.mi, 1e-10, "mi");
        expectClose(r.mmse, want.mmse, 1e-9 * Math.max(want.mmse, 1e-3), "mmse");
        expect(r.diagnostics.converged).toBe(true);
      });
    }
  }
  it("random spectra of seeded Gaussian, scaled and rank-deficient matrices, priors N(μ, s²), both solvers", () => {
    const rng = createRng(31337);
    const shapes: Array<[number, number, number]> = [
      [60, 40, 1],
      [40, 80, 1],
      [70, 70, 0.7],
      [30, 90, 2.5],
      [120, 50, 1.3],
    ];
    for (const [rows, cols, scale] of shapes) {
      const eig = Array.from(gramEigenvalues(toRowMajor(gaussianMatrix(rows, cols, rng, scale ** 2 / cols))));
      for (const delta of [0.1, 1e-3, 1e-6]) {
        for (const [mean, s2] of [
          [0, 1],
          [0.7, 0.4],
        ]) {
          const want = gaussianLinear(rows / cols, eig, delta, s2);
          const spec: NetworkSpec = {
            layers: [normal(mean, s2), linear(delta)],
            weights: [empirical(rows / cols, eig)],
          };
          for (const useVamp of [false, true]) {
            const r = computeEntropy(spec, { useVamp });
            const what = `${rows}×${cols}·${scale} Δ=${delta} N(${mean},${s2}) ${useVamp ? "vamp" : "fp"}`;
            expectClose(r.entropy, want.entropy, 1e-10, `${what} entropy`);
            expectClose(r.mi, want.mi, 1e-10, `${what} mi`);
            expectClose(r.mmse, want.mmse, 1e-8 * Math.max(want.mmse, 1e-4), `${what} mmse`);
          }
        }
      }
    }
  });
  it("Gaussian ensembles: the Marchenko–Pastur table of §6.1 and quadrature of the MP law, 1e-10", () => {
    const table: Array<[number, number, number, number]> = [
      [0.5, 1e-2, 0.637659855168, 1.079483135063],
      [0.5, 1e-5, 0.632761061642, 2.801523161283],
      [1.0, 1e-2, 1.01648018426, 1.90012674405],
      [1.0, 1e-5, 0.922098312182, 5.259622511463],
      [1.5, 1e-2, 0.964219203368, 2.289689043053],
      [2.0, 1e-2, 0.733390127344, 2.500683246922],
      [2.0, 1e-5, -2.725433485566, 5.949614912995],
    ];
    for (const [alpha, delta, h, i] of table) {
      const r = computeEntropy({
        layers: [normal(), linear(delta)],
        weights: [{ ensemble: "Gaussian", alpha }],
      });
      // exact: ½[E log(λ+Δ) + (α−1) log Δ + α log 2πe] under the MP law
      const logMean = mpExpect(alpha, (lam) => Math.log(lam + delta));
      const exact = 0.5 * (logMean + (alpha - 1) * Math.log(delta) + alpha * Math.log(2 * Math.PI * Math.E));
      expectClose(r.entropy, exact, 1e-10, `MP α=${alpha} Δ=${delta} vs quadrature`);
      expectClose(r.entropy, h, 1e-11, `MP α=${alpha} Δ=${delta} vs §6.1 table`);
      expectClose(r.mi, i, 1e-11, `MP α=${alpha} Δ=${delta} mi vs §6.1 table`);
    }
  });
  it("α = 1, Δ = 1e−5 (critical slowing, §3.5 item 5): dnner's 250 plain sweeps stop at h = 0.922281, we converge", () => {
    const spec: NetworkSpec = {
      layers: [normal(), linear(1e-5)],
      weights: [{ ensemble: "Gaussian", alpha: 1 }],
    };
    const dnner = computeEntropy(spec, { mode: "dnner" });
    expect(dnner.diagnostics.converged).toBe(false);
    expectClose(dnner.entropy, 0.922280910776, 1e-6, "dnner-mode value after 250 sweeps");
    const robust = computeEntropy(spec);
    expect(robust.diagnostics.converged).toBe(true);
    expectClose(robust.entropy, 0.922098312182, 1e-11, "robust");
  });
});

describe("multi-layer chains with exact answers", () => {
  const rng = createRng(99);
  const eig = (rows: number, cols: number) =>
    Array.from(gramEigenvalues(toRowMajor(gaussianMatrix(rows, cols, rng))));
  it("orthogonal first layer (all singular values 1): H(T_2) is one layer with prior variance 1 + σ₁²", () => {
    for (const [s1, delta] of [
      [0.1, 0.01],
      [0, 1e-3],
    ]) {
      const w2 = eig(45, 60);
      const r = computeEntropy({
        prior: createPrior(normal()),
        channels: [createChannel(linear(s1)), createChannel(linear(delta))],
        ensembles: [usvEnsemble(1, new Array(60).fill(1)), createEnsemble(empirical(0.75, w2))],
      });
      const want = gaussianLinear(0.75, w2, delta, 1 + s1);
      expectClose(r.entropy, want.entropy, 1e-10, `σ₁=${s1} entropy`);
      // dnner's mi = [H(T_2) − H(T_2|T_1)]/n₀ = I(T_1; T_2)/n₀
      expectClose(r.mi, want.mi, 1e-10, `σ₁=${s1} mi`);
    }
  });
  it("orthogonal second layer: H(T_2) is one layer with noise σ₁² + Δ", () => {
    const w1 = eig(80, 50);
    const r = computeEntropy({
      layers: [normal(), linear(0.05), linear(0.01)],
      weights: [empirical(1.6, w1), { ensemble: "USV", alpha: 1, singularValues: new Array(80).fill(1) }],
    });
    const want = gaussianLinear(1.6, w1, 0.06);
    expectClose(r.entropy, want.entropy, 1e-10, "entropy");
    expectClose(r.mi, want.entropy - 1.6 * 0.5 * Math.log(2 * Math.PI * Math.E * 0.01), 1e-10, "mi");
  });
  it("§6.1 / §6.5 values of Normal → Linear(0) → Linear(0.01) with Gaussian weights", () => {
    const rows: Array<[number, number, number, number | null]> = [
      [0.5, 0.4, 0.251712219, null],
      [2.0, 1.5, -0.042070713, null],
      [1.0, 1.0, 0.7305103089, 1.6141568687],
      [2.0, 0.5, 0.89810818, 1.7817547398],
    ];
    for (const [a1, a2, h, i] of rows) {
      const r = computeEntropy({
        layers: [normal(), linear(0), linear(0.01)],
        weights: [
          { ensemble: "Gaussian", alpha: a1 },
          { ensemble: "Gaussian", alpha: a2 },
        ],
      });
      expectClose(r.entropy, h, 1e-9, `α=(${a1},${a2}) entropy`);
      if (i !== null) expectClose(r.mi, i, 1e-9, `α=(${a1},${a2}) mi`);
    }
  });
});

describe("drivers: solvers agree, warm starts, fixed V, dnner mode, options", () => {
  const spec: NetworkSpec = {
    layers: [normal(), linear(0.1), linear(0.01)],
    weights: [
      empirical(1.5, EXPLICIT_SPECTRA.S1.eigvals.slice() as number[]),
      empirical(0.5, [...EXPLICIT_SPECTRA.S2.eigvals]),
    ],
  };
  it("ML-VAMP and the fixed-point iteration reach the same fixed point where both converge", () => {
    const a = computeEntropy({
      layers: [normal(), linear(0.1), linear(0.01)],
      weights: [
        { ensemble: "Gaussian", alpha: 1.5 },
        { ensemble: "Gaussian", alpha: 0.5 },
      ],
    });
    const b = computeEntropy(
      {
        layers: [normal(), linear(0.1), linear(0.01)],
        weights: [
          { ensemble: "Gaussian", alpha: 1.5 },
          { ensemble: "Gaussian", alpha: 0.5 },
        ],
      },
      { useVamp: true },
    );
    expect(a.diagnostics.scheme).toBe("fp");
    expect(b.diagnostics.scheme).toBe("vamp");
    expectClose(a.entropy, b.entropy, 1e-11, "entropy");
    for (const k of ["v", "a", "vIn", "aIn", "theta"] as const) {
      for (let i = 0; i < 2; i++)
        expectClose(
          a.fixedPoint[k][i],
          b.fixedPoint[k][i],
          1e-8 * Math.abs(b.fixedPoint[k][i]),
          `${k}[${i}]`,
        );
    }
  });
  it("on explicit spectra where the θ-equation loses its root, the robust driver falls back to ML-VAMP", () => {
    // S1 has no θ root for γ ≳ 0.5 (§6.4 table): dnner's FP fails or is wrong here (§6.5 explicit spectra)
    // dnner's two starts (a jointly Gaussian network would otherwise run the δ start alone)
    const r = computeEntropy(
      {
        layers: [normal(), linear(1e-5)],
        weights: [empirical(1.5, EXPLICIT_SPECTRA.S1.eigvals.slice() as number[])],
      },
      { v0: [[1e-10], [1]] },
    );
    expect(r.diagnostics.scheme).toBe("vamp");
    expect(r.diagnostics.warnings.join(" ")).toMatch(/no fp run passed the checks/);
    expect(
      r.diagnostics.starts.some((s) => s.solver === "fp" && /θ-equation has no root/.test(s.reason ?? "")),
    ).toBe(true);
  });
  it("startAt warm start: one run, converged at once, same value", () => {
    const first = computeEntropy(spec);
    const again = computeEntropy(spec, { startAt: first.fixedPoint });
    expect(again.diagnostics.starts.length).toBe(1);
    expect(again.diagnostics.iterations).toBeLessThanOrEqual(3);
    expectClose(again.entropy, first.entropy, 1e-12, "entropy");
  });
  it("fixedV: φ(V) is stationary at the fixed point's V and the result keeps V", () => {
    const r = computeEntropy(spec);
    const at = (v0: number[]) => computeEntropy(spec, { v0: [v0], fixedV: true });
    const v = r.fixedPoint.v;
    const mid = at(v);
    expectClose(mid.entropy, r.entropy, 1e-9, "φ at the fixed V");
    expect(mid.fixedPoint.v).toEqual(v);
    // first-order change vanishes: φ(V ± δ) − φ(V) = O(δ²)
    const d = 1e-4;
    const up = at([v[0] * (1 + d), v[1]]).entropy - mid.entropy;
    const down = at([v[0] * (1 - d), v[1]]).entropy - mid.entropy;
    expect(Math.abs(up - down)).toBeLessThan(1e-3 * Math.max(Math.abs(up), 1e-12) + 1e-12);
  });
  it("dnner mode: screening at tolTest then the final run, the same converged value", () => {
    const d = computeEntropy(spec, { mode: "dnner" });
    const r = computeEntropy(spec);
    expect(d.diagnostics.starts.filter((s) => s.role === "screen").length).toBe(3);
    expect(d.diagnostics.starts.filter((s) => s.role === "final").length).toBe(1);
    expectClose(d.entropy, r.entropy, 1e-10, "entropy");
  });
  it("maxIter honoured: an unconverged run is reported as such with the plain iteration's values", () => {
    const gauss: NetworkSpec = {
      layers: [normal(), linear(0.1), linear(0.01)],
      weights: [
        { ensemble: "Gaussian", alpha: 1.5 },
        { ensemble: "Gaussian", alpha: 0.5 },
      ],
    };
    const r = computeEntropy(gauss, { v0: [[1, 1]], maxIter: 3 });
    expect(r.diagnostics.converged).toBe(false);
    expect(r.diagnostics.iterations).toBe(3);
    expect(r.diagnostics.warnings.join(" ")).toMatch(/did not converge/);
    const d = computeEntropy(gauss, { v0: [[1, 1]], maxIter: 3, mode: "dnner" });
    expect(r.entropy).toBe(d.entropy);
    // under a cap of a few sweeps the runs are plain already: no extra unaccelerated rerun
    expect(r.diagnostics.starts.some((s) => s.role === "final")).toBe(false);
    // with room to accelerate (maxIter 10) and a tolerance no run meets, the accelerated runs fail and the
    // reported values come from a plain rerun: the same numbers as dnner's iteration after 10 sweeps
    const a = computeEntropy(gauss, { v0: [[1, 1]], maxIter: 10, tol: 1e-300 });
    const p = computeEntropy(gauss, { v0: [[1, 1]], maxIter: 10, tol: 1e-300, mode: "dnner" });
    expect(a.diagnostics.converged).toBe(false);
    expect(a.diagnostics.starts.filter((s) => s.role === "final").length).toBe(1);
    expect(a.entropy).toBe(p.entropy);
  });
  it("jointly Gaussian networks run one start in robust mode (a single stationary point); others run all", () => {
    const gauss: NetworkSpec = {
      layers: [normal(0.3, 2), linear(0), linear(0.01)],
      weights: [
        { ensemble: "Gaussian", alpha: 0.7 },
        { ensemble: "Gaussian", alpha: 1.5 },
      ],
    };
    const one = computeEntropy(gauss);
    expect(one.diagnostics.starts.filter((s) => s.role === "start").length).toBe(1);
    // the same value from all three of dnner's default starts (explicit v0 list), to 1e-10
    const all = computeEntropy(gauss, {
      v0: [
        [1e-10, 1e-10],
        [2.09, 1e-10],
        [2.09, 1],
      ],
    });
    expect(all.diagnostics.starts.filter((s) => s.role === "start").length).toBe(3);
    expectClose(one.entropy, all.entropy, 1e-10, "entropy");
    expect(computeEntropy(gauss, { mode: "dnner" }).diagnostics.starts.length).toBeGreaterThan(1);
    const relu: NetworkSpec = {
      layers: [normal(), { kind: "activation", name: "ReLU", params: { var_noise: 0 } }, linear(0.01)],
      weights: gauss.weights,
    };
    expect(computeEntropy(relu).diagnostics.starts.filter((s) => s.role === "start").length).toBe(3);
  });
  it("v0 forms: a number, a vector with nulls (dnner's None → δ and ρ), a list of vectors", () => {
    expect(computeEntropy(spec, { v0: 0.5 }).diagnostics.starts.map((s) => s.v0)).toEqual([[0.5, 0.5]]);
    const nulls = computeEntropy(spec, { v0: [null, 0.3] }).diagnostics.starts.map((s) => s.v0);
    expect(nulls).toEqual([
      [1e-10, 0.3],
      [1, 0.3],
    ]);
  });
  it("bad options and specs: one-line ReplicaError naming the field", () => {
    expect(() => computeEntropy(spec, { maxIter: 0 })).toThrow(/options: maxIter: must be >0/);
    expect(() => computeEntropy(spec, { v0: [[1, 1, 1]] })).toThrow(/options.v0\[0\]: 3 values for 2 layers/);
    expect(() => computeEntropy(spec, { fixedV: true })).toThrow(/fixedV: needs options.v0/);
    expect(() => computeEntropy({ ...spec, weights: [spec.weights[0]] })).toThrow(
      /network: weights: 1 ensemble for 2 activation layers \(layers\/weights count mismatch/,
    );
    expect(() =>
      computeEntropy({ layers: [normal(0, -1), linear(0.1)], weights: [spec.weights[0]] } as NetworkSpec),
    ).toThrow(/network: layers\[0\]\.params\.var: must be >0 \(got -1\)/);
    expect(() => computeEntropy({ layers: [normal(), linear(-0.1)], weights: [spec.weights[0]] })).toThrow(
      /layers\[1\]\.params\.var_noise: must be >=0 \(got -0.1\)/,
    );
    expect(() =>
      computeEntropy({
        layers: [normal(), { name: "Tanh", params: { var_noise: 0 } }],
        weights: [spec.weights[0]],
      } as unknown as NetworkSpec),
    ).toThrow(/layers\[1\]\.name: unknown activation .* \(got "Tanh"\)/);
    // number arrays (eigenvalues, singular values, matrix data) are checked in one loop, with zod's messages
    const oneLayer = (w: unknown) =>
      computeEntropy({ layers: [normal(), linear(0.1)], weights: [w] } as unknown as NetworkSpec);
    expect(() => oneLayer({ ensemble: "Empirical", alpha: 1, eigvals: [1, Number.NaN] })).toThrow(
      /^network: weights\[0\]\.eigvals\[1\]: Invalid input: expected number, received NaN \(got NaN\)$/,
    );
    expect(() => oneLayer({ ensemble: "Empirical", alpha: 1, eigvals: [1, "2"] })).toThrow(
      /^network: weights\[0\]\.eigvals\[1\]: Invalid input: expected number, received string \(got "2"\)$/,
    );
    expect(() => oneLayer({ ensemble: "Empirical", alpha: 1, eigvals: [] })).toThrow(
      /^network: weights\[0\]\.eigvals: must have >=1 items$/,
    );
    expect(() => oneLayer({ ensemble: "Empirical", alpha: 1, eigvals: 3 })).toThrow(
      /^network: weights\[0\]\.eigvals: Invalid input: expected array, received number \(got 3\)$/,
    );
    expect(() => oneLayer({ ensemble: "USV", alpha: 1, singularValues: [1, -1] })).toThrow(
      /^network: weights\[0\]\.singularValues\[1\]: must be >=0 \(got -1\)$/,
    );
    expect(() =>
      oneLayer({ ensemble: "Empirical", matrix: { rows: 1, cols: 2, data: [1, Number.POSITIVE_INFINITY] } }),
    ).toThrow(/^network: weights\[0\]\.matrix\.data\[1\]: Invalid input: expected number, received Infinity/);
    // a noiseless linear output: H(T | T_{L−1}) = −∞ and the fixed point sits at Ṽ = 0, A = ∞ (dnner: NaN / crash)
    for (const alpha of [0.5, 2]) {
      expect(() =>
        computeEntropy({ layers: [normal(), linear(0)], weights: [{ ensemble: "Gaussian", alpha }] }),
      ).toThrow(/^Linear\(0\): Ψ_out is infinite .*; no finite fixed point either$/);
    }
  });
});

describe("computeAllLayers (dnner compute_all, §3.6)", () => {
  it("sub-network i is layers 1..i with the last channel taking the output noise; equals direct calls", () => {
    const spec: NetworkSpec = {
      layers: [normal(), linear(0), linear(0.2), linear(0.01)],
      weights: [
        { ensemble: "Gaussian", alpha: 1.5 },
        { ensemble: "Gaussian", alpha: 1 },
        { ensemble: "Gaussian", alpha: 0.5 },
      ],
    };
    const all = computeAllLayers(spec);
    expect(all.length).toBe(3);
    const direct: ReplicaResult[] = [
      computeEntropy({ layers: [normal(), linear(0.01)], weights: [spec.weights[0]] }),
      computeEntropy({ layers: [normal(), linear(0), linear(0.01)], weights: spec.weights.slice(0, 2) }),
      computeEntropy(spec),
    ];
    all.forEach((r, i) => {
      expectClose(r.entropy, direct[i].entropy, 1e-12, `T_${i + 1} entropy`);
      expectClose(r.mi, direct[i].mi, 1e-12, `T_${i + 1} mi`);
    });
    // warm start every sub-network from the previous fixed points (lsd's "persist")
    const warm = computeAllLayers(spec, { startAt: all.map((r) => r.fixedPoint) });
    warm.forEach((r, i) => {
      expect(r.diagnostics.starts.length).toBe(1);
      expectClose(r.entropy, all[i].entropy, 1e-12, `warm T_${i + 1}`);
    });
  });
});

describe("phase coexistence (issue 3: every distinct fixed point is reported)", () => {
  // Compressed sensing, y = Φx + √Δ z with Φ i.i.d. N(0, 1/n), x ~ SpikeSlab(0.2, 0, 1), α = 0.3, Δ = 1e−6: inside
  // the hard phase the replica-symmetric potential (Barbier et al. 2016, Reeves & Pfister 2016)
  //   i_RS(E) = I(X; √snr X + Z) + (α/2)[log(1 + E/Δ) − E/(Δ + E)],   snr = α/(Δ + E),
  // has two local minima: the δ start finds the low-error one, the ρ start the high-error one. Each reported
  // fixed point must be a stationary point of i_RS (E = mmse(snr)) with mi = i_RS(E), a check independent of the
  // ensemble/θ machinery of the solvers.
  const alpha = 0.3;
  const delta = 1e-6;
  const spec: NetworkSpec = {
    layers: [{ kind: "prior", name: "SpikeSlab", params: { prob: 0.2, mean: 0, var: 1 } }, linear(delta)],
    weights: [{ ensemble: "Gaussian", alpha }],
  };
  const prior = createPrior({ kind: "prior", name: "SpikeSlab", params: { prob: 0.2, mean: 0, var: 1 } });
  const scalarMI = (snr: number) =>
    prior.mutualInformation ? prior.mutualInformation(snr) : 0.5 * snr * prior.rho - prior.Psi(snr);
  const iRS = (E: number) =>
    scalarMI(alpha / (delta + E)) + 0.5 * alpha * (Math.log1p(E / delta) - E / (delta + E));
  for (const useVamp of [false, true]) {
    it(`SpikeSlab(0.2) → Linear(1e−6), α = 0.3, ${useVamp ? "ML-VAMP" : "fixed point"}: both phases, each stationary`, () => {
      const r = computeEntropy(spec, { useVamp });
      expect(r.fixedPoints.length).toBe(2);
      expect(r.diagnostics.warnings.some((w) => /2 distinct fixed points/.test(w))).toBe(true);
      const [low, high] = [...r.fixedPoints].sort((a, b) => a.fixedPoint.v[0] - b.fixedPoint.v[0]);
      expect(low.fixedPoint.v[0]).toBeLessThan(1e-5); // near-perfect recovery
      expect(high.fixedPoint.v[0]).toBeGreaterThan(0.05);
      const outputTerm = 0.5 * alpha * Math.log(2 * Math.PI * Math.E * delta); // H(Y | X)/n
      for (const f of [low, high]) {
        const E = f.fixedPoint.v[0];
        expectClose(prior.V(alpha / (delta + E)), E, 1e-8 * E, "E = mmse(α/(Δ + E))");
        // φ = H(Y)/n = I(X;Y)/n + H(Y|X)/n
        expectClose(f.phi, iRS(E) + outputTerm, 1e-9, "φ = i_RS(E) + H(Y|X)/n");
      }
      // the entropy is the smaller φ — I(X;Y)/n = min_E i_RS(E): here the low-error phase
      expectClose(r.entropy, Math.min(low.phi, high.phi), 0, "entropy = min φ");
      expect(r.entropy).toBe(low.phi);
      expectClose(r.mi, iRS(low.fixedPoint.v[0]), 1e-9, "mi = i_RS at the chosen fixed point");
    });
  }
});
