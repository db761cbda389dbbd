/**
 * Every closed-form MI against independent computations: the bmi task table (estimators-math §7.1,
 * values printed to 5 decimals), the reference data sets' ground truth, log-det vs
 * canonical-correlation identities, numerical integration (additive noise) and Monte Carlo
 * (Student-t).
 */
import { createRng, digamma, logGamma } from "@infoflow/numerics";
import { describe, expect, it } from "vitest";
import {
  additiveUniformMI,
  buildCovariance,
  createTask,
  denseEquicorrelatedMI,
  gaussianMutualInformation,
  sparsePairsMI,
  studentTCorrection,
  studentTMutualInformation,
} from "../src/index";
import reference from "./fixtures/reference-ground-truth.json";

/** Printed digits of the bmi table: agreement to half a unit in the 5th decimal. */
const PRINTED = 0.5e-5;

describe("bmi task table (estimators-math §7.1) to the printed digits", () => {
  it.each([
    [2, 0.29389],
    [3, 0.41334],
    [5, 0.59281],
    [25, 1.29218],
    [50, 1.62427],
  ])("multinormal dense %i×%i, ρ = 0.5: %f", (d, printed) => {
    const task = createTask({
      family: "multinormal",
      dimX: d,
      dimY: d,
      covariance: { kind: "dense", correlation: 0.5 },
    });
    expect(Math.abs(task.mutualInformation() - printed)).toBeLessThan(PRINTED);
  });

  it.each([2, 3, 5, 25])("multinormal 2-pair %i×%i: −ln(1 − 0.8²) = 1.02165", (d) => {
    const task = createTask({ family: "multinormal", dimX: d, dimY: d, covariance: { kind: "sparse" } });
    expect(Math.abs(task.mutualInformation() - 1.02165)).toBeLessThan(PRINTED);
  });

  it.each([
    [1, 1, 0.22417],
    [2, 1, 0.43195],
    [2, 2, 0.19315],
    [3, 2, 0.29092],
    [3, 3, 0.17871],
    [5, 2, 0.44815],
    [5, 3, 0.29854],
  ])("Student-t %i×%i, identity dispersion, ν = %i: %f", (d, nu, printed) => {
    const task = createTask({ family: "student-t", dimX: d, dimY: d, dof: nu });
    expect(Math.abs(task.mutualInformation() - printed)).toBeLessThan(PRINTED);
  });

  it.each([
    [0.1, 1.70944],
    [0.75, 0.33333],
  ])("additive uniform ε = %f: %f", (eps, printed) => {
    const task = createTask({ family: "additive-uniform", epsilon: eps });
    expect(Math.abs(task.mutualInformation() - printed)).toBeLessThan(PRINTED);
  });

  it("bivariate normal ρ = 0.75 and every transform of it: 0.41334", () => {
    const cov = {
      kind: "matrix" as const,
      matrix: [
        [1, 0.75],
        [0.75, 1],
      ],
    };
    for (const transforms of [[], ["normalCdf"], ["wiggly"], ["halfCube"]] as const) {
      const task = createTask({
        family: "multinormal",
        dimX: 1,
        dimY: 1,
        covariance: cov,
        transforms: [...transforms],
      });
      expect(Math.abs(task.mutualInformation() - 0.41334)).toBeLessThan(PRINTED);
    }
  });
});

describe("reference data sets' ground truth (shared/reference/estimators/datasets/index.json)", () => {
  it.each(reference.gaussianPairs.map((g) => [g.name, g] as const))(
    "%s: log-det MI of its covariance to 1e-12 relative",
    (_name, g) => {
      const sigma = Float64Array.from(g.covariance.flat());
      const mi = gaussianMutualInformation(sigma, g.dimX, g.dimY);
      expect(Math.abs(mi - g.miNats)).toBeLessThan(1e-12 * g.miNats);
    },
  );

  it("bmi tasks: bivariate normal, additive 0.1, Student 1×1 ν = 1, dense 3×3 (1e-12 relative)", () => {
    const byId = Object.fromEntries(reference.bmiTasks.map((t) => [t.bmiTaskId, t.miNats]));
    const tasks: Array<[string, unknown]> = [
      [
        "1v1-normal-0.75",
        { family: "multinormal", dimX: 1, dimY: 1, covariance: { kind: "dense", correlation: 0.75 } },
      ],
      ["1v1-additive-0.1", { family: "additive-uniform", epsilon: 0.1 }],
      ["student-identity-1-1-1", { family: "student-t", dimX: 1, dimY: 1, dof: 1 }],
      [
        "multinormal-dense-3-3-0.5",
        { family: "multinormal", dimX: 3, dimY: 3, covariance: { kind: "dense", correlation: 0.5 } },
      ],
    ];
    for (const [bmiId, spec] of tasks) {
      const truth = byId[bmiId];
      expect(Math.abs(createTask(spec).mutualInformation() - truth)).toBeLessThan(1e-12 * truth);
    }
  });
});

describe("log-det vs canonical-correlation identities", () => {
  it.each([
    [1, 1, 0.3],
    [2, 5, 0.2],
    [7, 3, -0.05],
    [4, 4, 0.9],
    [40, 10, 0.5],
  ])("dense %i×%i ρ = %f: log-det equals −½ ln(1 − ρ_c²) to 1e-11", (dx, dy, rho) => {
    const sigma = buildCovariance({ kind: "dense", correlation: rho }, dx, dy);
    expect(gaussianMutualInformation(sigma, dx, dy)).toBeCloseTo(denseEquicorrelatedMI(dx, dy, rho), 11);
  });

  it.each([
    [3, 4, 1, 0.5],
    [5, 5, 3, 0.8],
    [10, 2, 2, -0.95],
  ])("sparse %i×%i with %i pairs ρ = %f: log-det equals −(k/2) ln(1 − ρ²) to 1e-12", (dx, dy, pairs, rho) => {
    const sigma = buildCovariance({ kind: "sparse", pairs, correlation: rho }, dx, dy);
    expect(gaussianMutualInformation(sigma, dx, dy)).toBeCloseTo(sparsePairsMI(pairs, rho), 12);
  });

  it("random covariance: log-det equals −½ Σ ln(1 − ρ_i²) over canonical correlations (eigenvalues of Σ_XX⁻¹Σ_XYΣ_YY⁻¹Σ_YX) to 1e-10", () => {
    // Canonical correlations of a 2×1 split by hand: ρ_c² = Σ_YX Σ_XX⁻¹ Σ_XY / Σ_YY (Y scalar).
    const rng = createRng(7);
    const a = new Float64Array(9);
    rng.fillNormal(a);
    const s = new Float64Array(9);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let acc = i === j ? 0.5 : 0;
        for (let k = 0; k < 3; k++) acc += a[i * 3 + k] * a[j * 3 + k];
        s[i * 3 + j] = acc;
      }
    const [sxx00, sxx01, sxx11] = [s[0], s[1], s[4]];
    const [sxy0, sxy1, syy] = [s[2], s[5], s[8]];
    const det = sxx00 * sxx11 - sxx01 * sxx01;
    const quad = (sxy0 * (sxx11 * sxy0 - sxx01 * sxy1) + sxy1 * (sxx00 * sxy1 - sxx01 * sxy0)) / det;
    const rc2 = quad / syy;
    expect(gaussianMutualInformation(s, 2, 1)).toBeCloseTo(-0.5 * Math.log1p(-rc2), 10);
  });

  it("explicit non-symmetric or indefinite matrices are rejected naming the field", () => {
    expect(() =>
      createTask({
        family: "multinormal",
        dimX: 1,
        dimY: 1,
        covariance: {
          kind: "matrix",
          matrix: [
            [1, 0.5],
            [0.4, 1],
          ],
        },
      }),
    ).toThrow(/covariance\.matrix\[1\]\[0\]: matrix is not symmetric/);
    expect(() =>
      createTask({
        family: "multinormal",
        dimX: 1,
        dimY: 1,
        covariance: {
          kind: "matrix",
          matrix: [
            [1, 2],
            [2, 1],
          ],
        },
      }),
    ).toThrow(/covariance: matrix is not positive definite/);
  });
});

describe("additive uniform noise: closed form vs numerical h(Y) − ln 2ε", () => {
  // Y = U(0,1) + U(−ε, ε) has the trapezoid density p(y) = |[y−ε, y+ε] ∩ [0,1]| / (2ε).
  function entropyByQuadrature(eps: number): number {
    const m = 400000;
    const lo = -eps;
    const hi = 1 + eps;
    const h = (hi - lo) / m;
    let acc = 0;
    for (let i = 0; i < m; i++) {
      const y = lo + (i + 0.5) * h;
      const p = (Math.min(1, y + eps) - Math.max(0, y - eps)) / (2 * eps);
      if (p > 0) acc -= p * Math.log(p) * h;
    }
    return acc;
  }
  it.each([0.05, 0.1, 0.3, 0.5, 0.75, 2])("ε = %f agrees to 1e-8 (midpoint rule, 4e5 cells)", (eps) => {
    expect(Math.abs(additiveUniformMI(eps) - (entropyByQuadrature(eps) - Math.log(2 * eps)))).toBeLessThan(
      1e-8,
    );
  });
});

describe("Student-t", () => {
  it("c(ν, dx, dy) from entropies equals the simplified Γ/ψ form (estimators-math §7.3) to 1e-12", () => {
    for (const [nu, dx, dy] of [
      [1, 1, 1],
      [2.5, 3, 2],
      [30, 4, 7],
    ]) {
      const a = nu / 2;
      const bx = (nu + dx) / 2;
      const by = (nu + dy) / 2;
      const bxy = (nu + dx + dy) / 2;
      const simplified =
        logGamma(a) +
        logGamma(bxy) -
        logGamma(bx) -
        logGamma(by) +
        bx * digamma(bx) +
        by * digamma(by) -
        bxy * digamma(bxy) -
        a * digamma(a);
      expect(studentTCorrection(nu, dx, dy)).toBeCloseTo(simplified, 12);
    }
  });

  it("c ~ d_x d_y / (2ν²) as ν → ∞ (to 1% at ν = 1000)", () => {
    // With w/ν = e^u, u ≈ N(0, 2/ν), X and Y are conditionally independent Gaussians given the small
    // latent u, each carrying Fisher information d/2 about it: I ≈ ½ ρ², ρ² ≈ (2/ν)² (d_x/2)(d_y/2).
    for (const [dx, dy] of [
      [3, 3],
      [2, 5],
      [1, 1],
    ]) {
      const c = studentTCorrection(1000, dx, dy);
      expect(Math.abs((c * 1000 * 1000) / ((dx * dy) / 2) - 1)).toBeLessThan(0.01);
    }
  });

  it("c is positive and decreasing in ν", () => {
    let prev = Number.POSITIVE_INFINITY;
    for (const nu of [0.3, 1, 2, 5, 10, 100, 1000]) {
      const c = studentTCorrection(nu, 2, 3);
      expect(c).toBeGreaterThan(0);
      expect(c).toBeLessThan(prev);
      prev = c;
    }
  });

  /**
   * Monte Carlo: I = E[log p(x,y) − log p(x) − log p(y)] with the multivariate t density
   * log p(v) = lnΓ((ν+k)/2) − lnΓ(ν/2) − (k/2) ln(νπ) − ½ ln det Σ − ((ν+k)/2) ln(1 + vᵀΣ⁻¹v/ν);
   * the marginals of a t are t with the same ν and the diagonal blocks of Σ. Independent of the
   * entropy route. Tolerance 4 standard errors.
   */
  it.each([
    [1, 1, 1, 0],
    [2, 1, 3, 0.6],
    [3, 2, 4, -0.15],
  ])(
    "dx = %i, dy = %i, ν = %f, dense ρ = %f: closed form within 4 MC standard errors (n = 200 000)",
    (dx, dy, nu, rho) => {
      const spec = {
        family: "student-t" as const,
        dimX: dx,
        dimY: dy,
        dof: nu,
        dispersion: rho === 0 ? { kind: "identity" as const } : { kind: "dense" as const, correlation: rho },
      };
      const task = createTask(spec);
      const n = 200000;
      const { x, y } = task.sample(n, 12345);
      const d = dx + dy;
      const sigma = buildCovariance(spec.dispersion, dx, dy);
      const inv = invertSmall(sigma, d);
      const invX = invertSmall(block(sigma, d, 0, dx), dx);
      const invY = invertSmall(block(sigma, d, dx, d), dy);
      const logNorm = (k: number, logDet: number) =>
        logGamma((nu + k) / 2) - logGamma(nu / 2) - (k / 2) * Math.log(nu * Math.PI) - 0.5 * logDet;
      const cJ = logNorm(d, Math.log(inv.det));
      const cX = logNorm(dx, Math.log(invX.det));
      const cY = logNorm(dy, Math.log(invY.det));
      const v = new Float64Array(d);
      let sum = 0;
      let sum2 = 0;
      for (let r = 0; r < n; r++) {
        for (let i = 0; i < dx; i++) v[i] = x.data[r * dx + i];
        for (let i = 0; i < dy; i++) v[dx + i] = y.data[r * dy + i];
        const lj = cJ - ((nu + d) / 2) * Math.log1p(quadForm(inv.inverse, v, 0, d) / nu);
        const lx = cX - ((nu + dx) / 2) * Math.log1p(quadForm(invX.inverse, v, 0, dx) / nu);
        const ly = cY - ((nu + dy) / 2) * Math.log1p(quadForm(invY.inverse, v, dx, dy) / nu);
        const s = lj - lx - ly;
        sum += s;
        sum2 += s * s;
      }
      const mean = sum / n;
      const se = Math.sqrt((sum2 / n - mean * mean) / n);
      const truth = studentTMutualInformation(sigma, dx, dy, nu);
      expect(Math.abs(mean - truth)).toBeLessThan(4 * se);
      expect(se).toBeLessThan(0.01);
    },
  );
});

function block(a: Float64Array, d: number, from: number, to: number): Float64Array {
  const k = to - from;
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) out[i * k + j] = a[(from + i) * d + from + j];
  return out;
}

/** Gauss–Jordan inverse and determinant of a small matrix (test-only, independent of the Cholesky route). */
function invertSmall(a: Float64Array, d: number): { inverse: Float64Array; det: number } {
  const m = Float64Array.from(a);
  const inv = new Float64Array(d * d);
  for (let i = 0; i < d; i++) inv[i * d + i] = 1;
  let det = 1;
  for (let c = 0; c < d; c++) {
    let p = c;
    for (let r = c + 1; r < d; r++) if (Math.abs(m[r * d + c]) > Math.abs(m[p * d + c])) p = r;
    if (p !== c) {
      det = -det;
      for (let j = 0; j < d; j++) {
        [m[c * d + j], m[p * d + j]] = [m[p * d + j], m[c * d + j]];
        [inv[c * d + j], inv[p * d + j]] = [inv[p * d + j], inv[c * d + j]];
      }
    }
    const piv = m[c * d + c];
    det *= piv;
    for (let j = 0; j < d; j++) {
      m[c * d + j] /= piv;
      inv[c * d + j] /= piv;
    }
    for (let r = 0; r < d; r++) {
      if (r === c) continue;
      const f = m[r * d + c];
      for (let j = 0; j < d; j++) {
        m[r * d + j] -= f * m[c * d + j];
        inv[r * d + j] -= f * inv[c * d + j];
      }
    }
  }
  return { inverse: inv, det };
}

function quadForm(inv: Float64Array, v: Float64Array, offset: number, k: number): number {
  let q = 0;
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += inv[i * k + j] * v[offset + j];
    q += v[offset + i] * s;
  }
  return q;
}
