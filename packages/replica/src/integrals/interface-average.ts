/**
 * Hidden-layer ("interface") averages Ψ_ℓ, 𝒱_ℓ, 𝒜_ℓ of a piecewise-linear activation (replica-math §4.3(b)):
 *
 *   E[f] = Σ_k ∫Db ∫Dw M_k(B_k, ω) f(B_k, ω),   ω = √m·w,   B_k = A(κ_k ω + c_k) + √(A(1 + Aκ_k²v))·b,
 *
 * for f ∈ {log Z, Var_post(t), 1/v − Var_post(h)/v²}, integrated as one 3-vector (one posterior evaluation
 * per node gives all three). The inner w-integral is graded towards the lines where a piece's mass switches
 * (§4.5(4): at fixed b, for piece j with finite bound e,
 *   ω* = (e·a_j − κ_j(A(c_k − c_j) + S_k b)) / (1/v + Aκ_jκ_k),  width √a_j/(1/v + Aκ_jκ_k) in ω),
 * which have width ~√(v/m) in w and defeat fixed rules when v is small; the outer b-integral is smooth
 * except when m is small, where the same lines cross ω = 0 in a narrow band of b and are graded likewise.
 * Both levels are adaptive Gauss–Kronrod (numerics' `gaussKronrodVector`) on these graded partitions.
 */

import { gaussHermite, gaussKronrodVector } from "@infoflow/numerics";
import { GradedPartition } from "./graded-partition";
import { type Pieces, PiecewisePosterior } from "./piecewise-posterior";

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** Half-width of the integration box in b and w: e^{−L²/2} is below double precision relative to 1. */
const L = 10;

export interface InterfaceTolerances {
  /** Relative tolerance of the outer (b) integral. */
  outerRel: number;
  /** Relative tolerance of each inner (w) integral. */
  innerRel: number;
  /** Gauss–Hermite order of the outer integral when it is smooth; 0 = always adaptive. */
  outerOrder: number;
  /** Graded partitions: reach of the sinh map, its panel length in t, the longest linear panel. */
  reach: number;
  sinhPanel: number;
  linearPanel: number;
}

export const DEFAULT_TOLERANCES: InterfaceTolerances = {
  outerRel: 1e-10,
  innerRel: 1e-9,
  outerOrder: 0,
  reach: 2,
  sinhPanel: 4,
  linearPanel: 4,
};

export interface InterfaceStats {
  calls: number;
  innerFallbacks: number;
  outerEvaluations: number;
  innerEvaluations: number;
  maxRelError: number;
}

export class InterfaceAverage {
  readonly post: PiecewisePosterior;
  readonly stats: InterfaceStats = {
    calls: 0,
    innerFallbacks: 0,
    outerEvaluations: 0,
    innerEvaluations: 0,
    maxRelError: 0,
  };
  private readonly inner: GradedPartition;
  private readonly outer: GradedPartition;
  private readonly S: Float64Array;
  private m = 0;
  private sqrtM = 0;
  private b = 0;
  private readonly epsAbsInner = new Float64Array(3);
  private readonly epsAbsOuter = new Float64Array(3);
  private readonly innerOpts: {
    epsRel: number;
    epsAbs: Float64Array;
    breakpoints: number[];
    maxSubdivisions: number;
    throwOnFailure: boolean;
  };
  private readonly outerOpts: {
    epsRel: number;
    epsAbs: Float64Array;
    breakpoints: number[];
    maxSubdivisions: number;
    throwOnFailure: boolean;
  };
  private readonly innerF: (s: number, out: Float64Array) => void;
  private readonly outerF: (s: number, out: Float64Array) => void;
  readonly result = new Float64Array(3);
  private readonly tmp = new Float64Array(3);

  constructor(
    p: Pieces,
    private readonly tol: InterfaceTolerances = DEFAULT_TOLERANCES,
  ) {
    this.post = new PiecewisePosterior(p);
    const n = this.post.n;
    this.S = new Float64Array(n);
    this.inner = new GradedPartition(n * n * 2, tol.reach, tol.sinhPanel, tol.linearPanel);
    this.outer = new GradedPartition(n * n * 2, tol.reach, tol.sinhPanel, tol.linearPanel);
    this.innerOpts = {
      epsRel: tol.innerRel,
      epsAbs: this.epsAbsInner,
      breakpoints: this.inner.breakpoints,
      maxSubdivisions: 400,
      throwOnFailure: false,
    };
    this.outerOpts = {
      epsRel: tol.outerRel,
      epsAbs: this.epsAbsOuter,
      breakpoints: this.outer.breakpoints,
      maxSubdivisions: 400,
      throwOnFailure: false,
    };
    this.innerF = (s, out) => this.innerIntegrand(s, out);
    this.outerF = (s, out) => this.outerIntegrand(s, out);
  }

  /** Σ_k M_k·(f_Ψ, f_𝒱, f_𝒜) at (b, w), times the Gaussian weight of w. */
  private pointSum(w: number, out: Float64Array): void {
    const post = this.post;
    const { A, v, n } = post;
    const { kappa, c } = post.p;
    const omega = this.sqrtM * w;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    for (let k = 0; k < n; k++) {
      const B = A * (kappa[k] * omega + c[k]) + this.S[k] * this.b;
      // A piece the teacher almost never visits at this ω contributes nothing (M_k < 2e−22).
      if (post.logMass(k, B, omega) < -50) continue;
      post.evaluate(B, omega);
      const mk = Math.exp(post.logM[k]);
      if (mk === 0) continue;
      s0 += mk * post.logZ;
      s1 += mk * post.fV;
      s2 += mk * post.fA;
    }
    const g = INV_SQRT_2PI * Math.exp(-0.5 * w * w);
    out[0] = g * s0;
    out[1] = g * s1;
    out[2] = g * s2;
    if (v === 0) out[2] = 0;
  }

  private innerIntegrand(s: number, out: Float64Array): void {
    const gp = this.inner;
    gp.map(s);
    this.pointSum(gp.x, out);
    const j = gp.jac;
    out[0] *= j;
    out[1] *= j;
    out[2] *= j;
  }

  private outerIntegrand(s: number, out: Float64Array): void {
    const gp = this.outer;
    gp.map(s);
    const b = gp.x;
    const weight = INV_SQRT_2PI * Math.exp(-0.5 * b * b) * gp.jac;
    this.b = b;
    if (this.m === 0) {
      this.pointSum(0, out);
      // pointSum applied the w-weight φ(0); the w-integral is absent when m = 0.
      const f = weight / INV_SQRT_2PI;
      out[0] *= f;
      out[1] *= f;
      out[2] *= f;
      return;
    }
    this.innerIntegral(b, weight, out);
    out[0] *= weight;
    out[1] *= weight;
    out[2] *= weight;
  }

  /** ∫Dw Σ_k M_k f at fixed b into out; `weight` = the outer weight of this b (sets the absolute floors). */
  private innerIntegral(b: number, weight: number, out: Float64Array): void {
    this.b = b;
    this.buildInner(b);
    const scale = weight > 1e-300 ? 1 / weight : 1e300;
    for (let k = 0; k < 3; k++) this.epsAbsInner[k] = Math.min(1e300, this.epsAbsOuter[k] * 0.01 * scale);
    const r = gaussKronrodVector(this.innerF, 3, 0, this.inner.n, this.innerOpts);
    this.stats.innerEvaluations += r.evaluations;
    out[0] = r.value[0];
    out[1] = r.value[1];
    out[2] = r.value[2];
  }

  /** Inner partition at fixed b: the switching lines of §4.5(4) for every (k, j, bound). */
  private buildInner(b: number): void {
    const { A, v, n, a, sqrtA } = this.post;
    const { lo, hi, kappa, c } = this.post.p;
    const gp = this.inner;
    gp.reset();
    const invSqrtM = 1 / this.sqrtM;
    for (let k = 0; k < n; k++) {
      for (let j = 0; j < n; j++) {
        const den = 1 / v + A * kappa[j] * kappa[k];
        const width = (sqrtA[j] / den) * invSqrtM;
        const shift = kappa[j] * (A * (c[k] - c[j]) + this.S[k] * b);
        if (Number.isFinite(lo[j])) gp.feature(((lo[j] * a[j] - shift) / den) * invSqrtM, width);
        if (Number.isFinite(hi[j])) gp.feature(((hi[j] * a[j] - shift) / den) * invSqrtM, width);
      }
    }
    gp.build(-L, L);
  }

  /**
   * Outer partition: where the switching lines of pieces with κ_j ≠ 0 cross the band |ω| ≲ 6√m they make a
   * feature in b of width max(√a_j/(κ_j S_k), extent of the crossing).
   */
  private buildOuter(): void {
    const { A, v, n, a, sqrtA } = this.post;
    const { lo, hi, kappa, c } = this.post.p;
    const gp = this.outer;
    gp.reset();
    for (let k = 0; k < n; k++) {
      const Sk = this.S[k];
      if (Sk === 0) continue;
      for (let j = 0; j < n; j++) {
        const kj = kappa[j];
        if (kj === 0) continue;
        const den = 1 / v + A * kj * kappa[k];
        const width =
          sqrtA[j] / (Math.abs(kj) * Sk) + (12 * this.sqrtM * Math.abs(den)) / (Math.abs(kj) * Sk);
        const base = A * (c[j] - c[k]);
        if (Number.isFinite(lo[j])) gp.feature(((lo[j] * a[j]) / kj + base) / Sk, width);
        if (Number.isFinite(hi[j])) gp.feature(((hi[j] * a[j]) / kj + base) / Sk, width);
      }
    }
    gp.build(-L, L);
  }

  /**
   * Ψ, 𝒱, 𝒜 at (A, v = σ² + Ṽ, m = max(ρ̃ − Ṽ, 0)) into `result`; `scale` = rough magnitudes of the three
   * averages, used as absolute-error floors (relative accuracy is what matters, but an average can be 0).
   */
  compute(A: number, v: number, m: number, scale: Float64Array): Float64Array {
    this.stats.calls++;
    const post = this.post;
    post.setPoint(A, v);
    const { kappa } = post.p;
    for (let k = 0; k < post.n; k++) this.S[k] = Math.sqrt(A * (1 + A * kappa[k] * kappa[k] * v));
    this.m = m;
    this.sqrtM = Math.sqrt(m);
    for (let k = 0; k < 3; k++) this.epsAbsOuter[k] = 1e-15 * scale[k];
    this.buildOuter();
    if (this.m > 0 && this.outer.n <= this.outer.linearSegments && this.tol.outerOrder > 0) {
      // Smooth in b: Gauss–Hermite (the Gaussian weight of b is the rule's).
      const rule = gaussHermite(this.tol.outerOrder);
      const res = this.result;
      res.fill(0);
      const tmp = this.tmp;
      for (let i = 0; i < rule.nodes.length; i++) {
        const wi = rule.weights[i];
        this.innerIntegral(rule.nodes[i], wi, tmp);
        res[0] += wi * tmp[0];
        res[1] += wi * tmp[1];
        res[2] += wi * tmp[2];
      }
      this.stats.outerEvaluations += rule.nodes.length;
      return res;
    }
    const r = gaussKronrodVector(this.outerF, 3, 0, this.outer.n, this.outerOpts);
    this.stats.outerEvaluations += r.evaluations;
    for (let k = 0; k < 3; k++) {
      this.result[k] = r.value[k];
      const rel = r.error[k] / Math.max(Math.abs(r.value[k]), scale[k] * 1e-6);
      if (rel > this.stats.maxRelError) this.stats.maxRelError = rel;
    }
    return this.result;
  }
}
