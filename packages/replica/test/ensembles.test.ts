/**
 * Weight ensembles (replica-math §2.3, §3.3, §5): dnner's component values (replica-components.json), the
 * §6.4 ensemble table, the Marchenko–Pastur closed forms against quadrature of the MP density, the
 * θ-equation's first root, and the USV / matrix constructions.
 */
import { createRng, gaussianMatrix, gramEigenvalues, toRowMajor } from "@infoflow/numerics";
import { describe, expect, it } from "vitest";
import {
  createEnsemble,
  empiricalEnsemble,
  gaussianEnsemble,
  marchenkoPasturStieltjes,
  spectrumFromEigenvalues,
  usvEnsemble,
} from "../src/ensembles";
import type { Ensemble } from "../src/interface";
import { mpExpect } from "./closed-forms";
import { type ComponentEntry, componentEntries, describeEntry } from "./components-fixture";
import thetaReference from "./fixtures/theta-reference.json";
import { EXPLICIT_SPECTRA } from "./spectra";

function fromComponentSpec(e: ComponentEntry): Ensemble {
  return createEnsemble(e.spec);
}

describe("replica-components.json: ensembles (llmse, F, Gaussian θ) to 1e-12 relative", () => {
  // dnner's Empirical θ is a bounded Brent minimisation with xatol 1e−5 (replica-math §3.3); those entries are
  // checked separately against the tightly solved values below.
  const entries = componentEntries.filter(
    (e) => e.kind === "ensemble" && !(e.method === "iter_theta" && e.spec.ensemble === "Empirical"),
  );
  it("has the 28 entries", () => expect(entries.length).toBe(28));
  for (const e of entries) {
    it(describeEntry(e), () => {
      const ens = fromComponentSpec(e);
      const a = e.args as number[];
      if (e.method === "iter_theta") {
        const [theta, ok] = e.result as unknown as [number, boolean];
        const r = ens.theta(a[0]);
        expect(r.ok).toBe(ok);
        expect(r.theta).toBe(theta);
      } else {
        const got = e.method === "iter_llmse" ? ens.llmse(a[0], a[1]) : ens.F(a[0], a[1], a[2]);
        expect(Math.abs(got - e.result)).toBeLessThanOrEqual(1e-12 * Math.abs(e.result));
      }
    });
  }
});

describe("Empirical θ-equation against dnner's tightly solved θ (theta_tight_xatol1e-14)", () => {
  const spectra = thetaReference.spectra as Record<string, { alpha: number; eigvals: number[] }>;
  for (const row of thetaReference.entries) {
    const spec = spectra[row.spectrum];
    const ens = empiricalEnsemble(spec.alpha, spectrumFromEigenvalues(spec.eigvals));
    const [dnnerTheta, dnnerOk] = row.dnner as [number, boolean];
    it(`α=${spec.alpha}, γ=${row.gamma}`, () => {
      const r = ens.theta(row.gamma);
      if (spec.alpha < 1 && row.gamma >= 1) {
        // dnner reports θ ≈ 1 "found": the trivial root θ = 1 of h that the n_ℓ < n_{ℓ−1} zero eigenvalues
        // create. It is not stationary: ∂F/∂θ = −(1+α−2αθ)·h/(1−θ) has a nonzero limit there. The deflated
        // equation has no root in [0, 1): checked on a fine grid (h/(1−θ) < 0 everywhere).
        expect(dnnerOk).toBe(true);
        expect(r.ok).toBe(false);
        let worst = Number.NEGATIVE_INFINITY;
        for (let k = 1; k < 20000; k++) {
          const t = k / 20000;
          worst = Math.max(worst, ens.thetaEquation(t, row.gamma) / (1 - t));
        }
        expect(worst).toBeLessThan(0);
        const t = 1 - 1e-7;
        const dF = (ens.F(row.gamma, 1, t) - ens.F(row.gamma, 1, t - 1e-6)) / 1e-6;
        expect(Math.abs(dF)).toBeGreaterThan(1e-3);
      } else if (!dnnerOk) {
        // no root in [0, θmax] (dnner agrees); its tight minimiser is where |h| is smallest, not a root
        expect(r.ok).toBe(false);
        expect(Math.abs(ens.thetaEquation(row.tight, row.gamma))).toBeGreaterThan(1e-3);
      } else {
        // dnner's tight minimum of its squared residual is the root: agree to its xatol (1e−14, times the
        // conditioning of a squared objective, ~1e−7); our residual is at round-off
        expect(r.ok).toBe(true);
        expect(Math.abs(r.theta - row.tight)).toBeLessThan(1e-7);
        expect(Math.abs(ens.thetaEquation(r.theta, row.gamma))).toBeLessThan(1e-14);
        // dnner's own (xatol 1e−5) value: within its stated accuracy
        expect(Math.abs(r.theta - dnnerTheta)).toBeLessThan(2e-5);
      }
    });
  }
});

describe("replica-math §6.4 ensemble table (first-root θ, F, llmse), 1e-9", () => {
  const close = (got: number, want: number) =>
    expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
  const ens = (k: keyof typeof EXPLICIT_SPECTRA) =>
    empiricalEnsemble(EXPLICIT_SPECTRA[k].alpha, spectrumFromEigenvalues(EXPLICIT_SPECTRA[k].eigvals));
  const rows: Array<[keyof typeof EXPLICIT_SPECTRA, number, number | null, number | null]> = [
    ["S1", 0.05, 0.05411689045, 0.07993611354],
    ["S1", 0.3, 0.4113175065, 0.5300694115],
    ["S1", 0.6, null, null],
    ["S2", 0.3, 0.3468269362, 0.1649010385],
    ["S2", 0.6, 0.8101114376, 0.3507988334],
    ["S3", 0.3, 0.3393441674, 0.601487248],
  ];
  for (const [k, gamma, theta, F] of rows) {
    it(`${k} γ=${gamma}`, () => {
      const e = ens(k);
      const r = e.theta(gamma);
      if (theta === null) {
        expect(r.ok).toBe(false);
        return;
      }
      expect(r.ok).toBe(true);
      close(r.theta, theta);
      close(e.F(gamma, 1, r.theta), F as number);
    });
  }
  it("llmse(2, 0.5) and llmse(0.3, 1)", () => {
    close(ens("S1").llmse(2, 0.5), 0.2217456814);
    close(ens("S2").llmse(2, 0.5), 0.3805097863);
    close(ens("S3").llmse(2, 0.5), 0.1973891042);
    close(gaussianEnsemble(1.5).llmse(2, 0.5), 0.25);
    close(ens("S1").llmse(0.3, 1), 0.7267112517);
    close(ens("S2").llmse(0.3, 1), 2.109126984);
    close(gaussianEnsemble(1.5).llmse(0.3, 1), 0.9274433277);
  });
});

describe("θ-solver: root accuracy, first root, dF/dγ = αθ/γ", () => {
  const rng = createRng(20240601);
  const shapes: Array<[number, number]> = [
    [150, 100],
    [60, 120],
    [200, 200],
    [90, 40],
  ];
  for (const [rows, cols] of shapes) {
    it(`random ${rows}×${cols} Gaussian matrix`, () => {
      const w = toRowMajor(gaussianMatrix(rows, cols, rng));
      const e = empiricalEnsemble(rows / cols, spectrumFromEigenvalues(gramEigenvalues(w)));
      let found = 0;
      for (let k = 0; k <= 60; k++) {
        const gamma = 10 ** (-4 + k / 10);
        const r = e.theta(gamma);
        if (!r.ok) continue;
        found++;
        expect(r.theta).toBeGreaterThanOrEqual(0);
        expect(r.theta).toBeLessThan(1);
        expect(Math.abs(e.thetaEquation(r.theta, gamma))).toBeLessThan(1e-13);
        // no earlier root: h < 0 on a fine grid below θ* (the grid is 40× finer than the solver's scan)
        let below = Number.NEGATIVE_INFINITY;
        for (let j = 1; j < 1280; j++) below = Math.max(below, e.thetaEquation((r.theta * j) / 1280, gamma));
        expect(below).toBeLessThan(0);
        // along the stationary branch dF_W/dγ = αθ*/γ (replica-math §2.3), central difference
        const dg = 1e-6 * gamma;
        const Fp = e.F(gamma + dg, 1, e.theta(gamma + dg).theta);
        const Fm = e.F(gamma - dg, 1, e.theta(gamma - dg).theta);
        const slope = (Fp - Fm) / (2 * dg);
        const want = (e.alpha * r.theta) / gamma;
        expect(Math.abs(slope - want)).toBeLessThan(1e-6 * Math.max(1, want));
      }
      expect(found).toBeGreaterThan(20);
    });
  }
  it("warm starts return the same root as a fresh solver", () => {
    const w = toRowMajor(gaussianMatrix(120, 100, rng));
    const spectrum = spectrumFromEigenvalues(gramEigenvalues(w));
    const warm = empiricalEnsemble(1.2, spectrum);
    for (let k = 0; k <= 200; k++) {
      const gamma = 10 ** (-3 + k / 50);
      const fresh = empiricalEnsemble(1.2, spectrum).theta(gamma);
      const r = warm.theta(gamma);
      expect(r.ok).toBe(fresh.ok);
      if (r.ok) expect(Math.abs(r.theta - fresh.theta)).toBeLessThan(1e-14);
    }
  });
});

describe("Gaussian ensemble: Marchenko–Pastur closed forms against quadrature of the MP density", () => {
  for (const alpha of [0.5, 1.5, 2]) {
    it(`α = ${alpha}: mass 1, mean α, Stieltjes transform, θ* = γ, F_W = αγ`, () => {
      expect(Math.abs(mpExpect(alpha, () => 1) - 1)).toBeLessThan(1e-12);
      expect(Math.abs(mpExpect(alpha, (l) => l) - alpha)).toBeLessThan(1e-12);
      for (const z of [-0.01, -0.3, -2, -40]) {
        const want = mpExpect(alpha, (l) => 1 / (l - z));
        expect(Math.abs(marchenkoPasturStieltjes(alpha, z) - want)).toBeLessThan(1e-11 * want);
      }
      const e = gaussianEnsemble(alpha);
      for (const gamma of [0.01, 0.2, 0.7]) {
        // θ = γ solves the θ-equation of the MP spectrum, and F(γ, θ*) of eq. 6 equals αγ
        expect(Math.abs(e.thetaEquation(gamma, gamma))).toBeLessThan(1e-13);
        const c = (1 - gamma) * (1 - alpha * gamma);
        const F =
          2 * alpha * gamma +
          (alpha - 1) * Math.log1p(-gamma) +
          mpExpect(alpha, (l) => Math.log(gamma * l + c));
        expect(Math.abs(F - e.F(gamma, 1, gamma))).toBeLessThan(1e-11);
      }
    });
  }
});

describe("USV ensemble and Empirical from a matrix", () => {
  it("USV(α, s) equals Empirical with eigenvalues s² and the n_{ℓ−1} − r zeros", () => {
    const rng = createRng(7);
    for (const [nOut, nIn] of [
      [30, 50],
      [50, 30],
      [40, 40],
    ]) {
      const r = Math.min(nOut, nIn);
      const s = Array.from({ length: r }, () => 0.2 + rng.uniform());
      s[3] = 0; // a zero singular value joins the zero eigenvalues
      const usv = usvEnsemble(nOut / nIn, s);
      const eig = new Array<number>(nIn).fill(0);
      s.forEach((x, k) => {
        eig[k] = x * x;
      });
      const emp = createEnsemble({ ensemble: "Empirical", alpha: nOut / nIn, eigvals: eig });
      expect(usv.eigMean).toBeCloseTo(emp.eigMean, 14);
      for (const g of [0.05, 0.4, 2]) {
        const a = usv.theta(g);
        const b = emp.theta(g);
        expect(a.ok).toBe(b.ok);
        if (a.ok) expect(Math.abs(a.theta - b.theta)).toBeLessThan(1e-13);
        expect(Math.abs(usv.llmse(g, 0.7) - emp.llmse(g, 0.7))).toBeLessThan(1e-13 * emp.llmse(g, 0.7));
        expect(Math.abs(usv.F(g, 0.5, 0.3) - emp.F(g, 0.5, 0.3))).toBeLessThan(1e-13);
      }
    }
  });
  it("Empirical {matrix} uses α = rows/cols and the eigenvalues of WᵀW", () => {
    // W = [[3, 0], [0, 1], [0, 0]]: WᵀW = diag(9, 1), α = 3/2
    const e = createEnsemble({
      ensemble: "Empirical",
      matrix: { rows: 3, cols: 2, data: [3, 0, 0, 1, 0, 0] },
    });
    expect(e.alpha).toBe(1.5);
    expect(e.eigMean).toBeCloseTo(5, 14);
    expect(Math.abs(e.llmse(1, 2) - 2 * 0.5 * (1 / 11 + 1 / 3))).toBeLessThan(1e-15);
  });
  it("rejects bad specs with one line naming the field", () => {
    expect(() => createEnsemble({ ensemble: "Gaussian", alpha: -1 })).toThrow(/ensemble: alpha: must be >0/);
    expect(() => createEnsemble({ ensemble: "Wishart", alpha: 1 })).toThrow(
      /ensemble: ensemble: unknown ensemble/,
    );
    expect(() => createEnsemble({ ensemble: "Empirical", alpha: 1, eigvals: [1, -0.5] })).toThrow(
      /eigvals\[1\]: eigenvalues of WᵀW cannot be negative/,
    );
    expect(() =>
      createEnsemble({ ensemble: "Empirical", alpha: 2, eigvals: [1, 2], n_rows: 3, n_cols: 2 }),
    ).toThrow(/alpha: 2 differs from n_rows\/n_cols/);
    expect(() => createEnsemble({ ensemble: "Empirical", eigvals: [1, 2] })).toThrow(
      /alpha: required with eigvals/,
    );
    // a 2 × 4 matrix (α = 0.5) has rank ≤ 2: WᵀW has at least 2 zero eigenvalues of 4 (round-off counts as 0)
    expect(() => createEnsemble({ ensemble: "Empirical", alpha: 0.5, eigvals: [0, 1, 2, 3] })).toThrow(
      /eigvals: α = 0.5 < 1 means WᵀW has rank ≤ α·n = 2, so at least 2 of its 4 eigenvalues are 0 .*; got 1/,
    );
    expect(createEnsemble({ ensemble: "Empirical", alpha: 0.5, eigvals: [-1e-16, 3e-16, 2, 3] }).alpha).toBe(
      0.5,
    );
    expect(() =>
      createEnsemble({ ensemble: "Empirical", matrix: { rows: 2, cols: 2, data: [1, 2, 3] } }),
    ).toThrow(/matrix: data must hold rows × cols numbers/);
  });
});
