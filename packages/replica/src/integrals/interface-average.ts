/**
 * Hidden-layer ("interface") averages Ψ_ℓ, 𝒱_ℓ, 𝒜_ℓ of a piecewise-linear activation (replica-math §4.3(b)):
 *
 *   E[f] = Σ_k ∫Db ∫Dw M_k(B_k, ω) f(B_k, ω),   ω = √m·w,   B_k = A(κ_k ω + c_k) + S_k·b,  S_k = √(A(1 + Aκ_k²v)),
 *
 * for f ∈ {log Z, Var_post(t), 1/v − Var_post(h)/v²}, integrated as one 3-vector (one posterior evaluation per
 * node gives all three). For an odd activation the integrand of piece k at (b, w) equals that of its mirror
 * piece at (−b, −w), so only one of each mirror pair is integrated, with weight 2 (`pieceWeight`).
 *
 * Default order "b-outer": Gauss–Hermite in b (smooth: the switching lines cross it obliquely), and for each
 * node an adaptive Gauss–Kronrod pass in w on a partition graded towards the lines where a piece's mass
 * switches (§4.5(4): at fixed b, for piece j with finite bound e,
 *   ω* = (e·a_j − κ_j(A(c_k − c_j) + S_k b)) / (1/v + Aκ_jκ_k),  width √a_j/(1/v + Aκ_jκ_k) in ω),
 * which have width ~√(v/m) in w and defeat fixed rules when v is small. When m is small those lines cross
 * ω = 0 in a narrow band of b; the b-integral is then adaptive on a graded partition as well.
 * Order "w-outer" (activations with only flat pieces, i.e. sign/Probit) swaps the roles: see `order`.
 */
import { gaussHermite, gaussKronrodVector } from "@infoflow/numerics";
import { GradedPartition } from "./graded-partition";
import { type Pieces, PiecewisePosterior } from "./piecewise-posterior";

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** Half-width of the integration box in b and w: e^{−L²/2} is below double precision relative to 1. */
const L = 10;

export interface InterfaceTolerances {
  /** Relative tolerance of the outer integral when it is adaptive. */
  outerRel: number;
  /** Relative tolerance (QUADPACK's pessimistic estimate) of each inner integral. */
  innerRel: number;
  /**
   * Gauss–Hermite order of the outer b-integral when it is smooth, at A·v ≤ 2; the b-structure sharpens with
   * A·v, so the order grows to 1.4× and 2× of it for A·v ≤ 40 and beyond. 0 = always adaptive.
   */
  outerOrder: number;
  /**
   * Integration order: "b-outer" (default; the inner w-integral sees the piece-mass switches as points) or
   * "w-outer" for activations whose pieces are all flat (sign): the inner b-integral then sees the posterior
   * switch between two flat pieces as a point, B* = [A(c_j² − c_j'²)/2 − log(M_j/M_j')]/(c_j − c_j'), of width
   * 1/(|c_j − c_j'|·√A) — the ridge that makes a Gauss–Hermite rule in b fail for Probit (§4.5(5) table).
   */
  order: "b-outer" | "w-outer";
  /** Graded partitions: reach of the sinh map, its panel length in t, the longest linear panel. */
  reach: number;
  sinhPanel: number;
  linearPanel: number;
}

export const DEFAULT_TOLERANCES: InterfaceTolerances = {
  outerRel: 1e-6,
  innerRel: 1e-5,
  outerOrder: 20,
  order: "b-outer",
  reach: 2,
  sinhPanel: 4,
  linearPanel: 4,
};

export interface InterfaceStats {
  calls: number;
  outerEvaluations: number;
  innerEvaluations: number;
}

interface QuadOptions {
  epsRel: number;
  epsAbs: Float64Array;
  breakpoints: number[];
  maxSubdivisions: number;
  throwOnFailure: boolean;
}

export class InterfaceAverage {
  readonly post: PiecewisePosterior;
  readonly stats: InterfaceStats = { calls: 0, outerEvaluations: 0, innerEvaluations: 0 };
  readonly result = new Float64Array(3);
  private readonly tol: InterfaceTolerances;
  private readonly weight: Float64Array;
  private readonly inner: GradedPartition;
  private readonly outer: GradedPartition;
  private readonly S: Float64Array;
  private m = 0;
  private sqrtM = 0;
  /** The current value of the outer variable (b or w). */
  private x = 0;
  private readonly epsAbsInner = new Float64Array(3);
  private readonly epsAbsOuter = new Float64Array(3);
  private readonly innerOpts: QuadOptions;
  private readonly outerOpts: QuadOptions;
  private readonly innerF: (s: number, out: Float64Array) => void;
  private readonly outerF: (s: number, out: Float64Array) => void;
  private readonly tmp = new Float64Array(3);

  /**
   * @param pieceWeight multiplicity of each piece's integral (2 for one of a mirror pair, 0 for the other)
   */
  constructor(p: Pieces, pieceWeight?: ArrayLike<number>, tol: Partial<InterfaceTolerances> = {}) {
    this.tol = { ...DEFAULT_TOLERANCES, ...tol };
    this.post = new PiecewisePosterior(p);
    const n = this.post.n;
    this.weight = Float64Array.from(pieceWeight ?? new Float64Array(n).fill(1));
    this.S = new Float64Array(n);
    const { reach, sinhPanel, linearPanel } = this.tol;
    this.inner = new GradedPartition(n * n * 2, reach, sinhPanel, linearPanel);
    this.outer = new GradedPartition(n * n * 2, reach, sinhPanel, linearPanel);
    const opts = (epsRel: number, epsAbs: Float64Array, gp: GradedPartition): QuadOptions => ({
      epsRel,
      epsAbs,
      breakpoints: gp.breakpoints,
      maxSubdivisions: 400,
      throwOnFailure: false,
    });
    this.innerOpts = opts(this.tol.innerRel, this.epsAbsInner, this.inner);
    this.outerOpts = opts(this.tol.outerRel, this.epsAbsOuter, this.outer);
    const wOuter = this.tol.order === "w-outer";
    this.innerF = wOuter ? (s, out) => this.innerOverB(s, out) : (s, out) => this.innerOverW(s, out);
    this.outerF = wOuter ? (s, out) => this.outerOverW(s, out) : (s, out) => this.outerOverB(s, out);
  }

  /** Σ_k weight_k·M_k·(f_Ψ, f_𝒱, f_𝒜) at (b, w), without the Gaussian weights. */
  private pointSum(b: number, w: number, out: Float64Array): void {
    const post = this.post;
    const { A, n } = post;
    const { kappa, c } = post.p;
    const omega = this.sqrtM * w;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    for (let k = 0; k < n; k++) {
      const wk = this.weight[k];
      if (wk === 0) continue;
      const B = A * (kappa[k] * omega + c[k]) + this.S[k] * b;
      post.evaluate(B, omega);
      const mk = wk * Math.exp(post.logM[k]);
      if (mk === 0) continue;
      s0 += mk * post.logZ;
      s1 += mk * post.fV;
      s2 += mk * post.fA;
    }
    out[0] = s0;
    out[1] = s1;
    out[2] = s2;
  }

  /** Adaptive pass over the composite variable of `gp`; the result is left in `out`. */
  private adaptive(
    f: (s: number, out: Float64Array) => void,
    gp: GradedPartition,
    opts: QuadOptions,
    out: Float64Array,
  ) {
    const r = gaussKronrodVector(f, 3, 0, gp.n, opts);
    out[0] = r.value[0];
    out[1] = r.value[1];
    out[2] = r.value[2];
    return r.evaluations;
  }

  /** Inner absolute floors: the outer tolerance divided by this node's outer weight. */
  private innerFloors(weight: number): void {
    const scale = weight > 1e-300 ? 1 / weight : 1e300;
    for (let k = 0; k < 3; k++) this.epsAbsInner[k] = Math.min(1e300, this.epsAbsOuter[k] * 0.01 * scale);
  }

  // ---- order "b-outer" ------------------------------------------------------------------------------

  private innerOverW(s: number, out: Float64Array): void {
    const gp = this.inner;
    gp.map(s);
    const w = gp.x;
    this.pointSum(this.x, w, out);
    const g = INV_SQRT_2PI * Math.exp(-0.5 * w * w) * gp.jac;
    out[0] *= g;
    out[1] *= g;
    out[2] *= g;
  }

  /** ∫Dw Σ_k M_k f at fixed b into out (weight = the outer weight of this b, for the absolute floors). */
  private integralOverW(b: number, weight: number, out: Float64Array): void {
    this.x = b;
    if (this.m === 0) {
      this.pointSum(b, 0, out);
      return;
    }
    this.buildInnerW(b);
    this.innerFloors(weight);
    this.stats.innerEvaluations += this.adaptive(this.innerF, this.inner, this.innerOpts, out);
  }

  private outerOverB(s: number, out: Float64Array): void {
    const gp = this.outer;
    gp.map(s);
    const weight = INV_SQRT_2PI * Math.exp(-0.5 * gp.x * gp.x) * gp.jac;
    this.integralOverW(gp.x, weight, out);
    out[0] *= weight;
    out[1] *= weight;
    out[2] *= weight;
  }

  /** Inner partition at fixed b: the switching lines of §4.5(4) for every (k, j, bound). */
  private buildInnerW(b: number): void {
    const { A, v, n, a, sqrtA } = this.post;
    const { lo, hi, kappa, c } = this.post.p;
    const gp = this.inner;
    gp.reset();
    const invSqrtM = 1 / this.sqrtM;
    for (let k = 0; k < n; k++) {
      if (this.weight[k] === 0) continue;
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
   * Outer partition in b: where the switching lines of pieces with κ_j ≠ 0 cross the band |ω| ≲ 6√m they make
   * a feature in b of width max(√a_j/(κ_j S_k), extent of the crossing).
   */
  private buildOuterB(): void {
    const { A, v, n, a, sqrtA } = this.post;
    const { lo, hi, kappa, c } = this.post.p;
    const gp = this.outer;
    gp.reset();
    for (let k = 0; k < n; k++) {
      const Sk = this.S[k];
      if (Sk === 0 || this.weight[k] === 0) continue;
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

  private computeBOuter(): void {
    this.buildOuterB();
    const res = this.result;
    if (this.m > 0 && this.outer.n === this.outer.linearSegments && this.tol.outerOrder > 0) {
      // Smooth in b: Gauss–Hermite (its weight is the Gaussian of b).
      const av = this.post.A * this.post.v;
      const base = this.tol.outerOrder;
      const rule = gaussHermite(av <= 2 ? base : av <= 40 ? Math.round(1.4 * base) : 2 * base);
      res.fill(0);
      const tmp = this.tmp;
      for (let i = 0; i < rule.nodes.length; i++) {
        const wi = rule.weights[i];
        this.integralOverW(rule.nodes[i], wi, tmp);
        res[0] += wi * tmp[0];
        res[1] += wi * tmp[1];
        res[2] += wi * tmp[2];
      }
      this.stats.outerEvaluations += rule.nodes.length;
      return;
    }
    this.stats.outerEvaluations += this.adaptive(this.outerF, this.outer, this.outerOpts, res);
  }

  // ---- order "w-outer" (flat pieces only) --------------------------------------------------------------

  private innerOverB(s: number, out: Float64Array): void {
    const gp = this.inner;
    gp.map(s);
    const b = gp.x;
    this.pointSum(b, this.x, out);
    const g = INV_SQRT_2PI * Math.exp(-0.5 * b * b) * gp.jac;
    out[0] *= g;
    out[1] *= g;
    out[2] *= g;
  }

  /** ∫Db Σ_k M_k f at fixed w into out. */
  private integralOverB(w: number, weight: number, out: Float64Array): void {
    this.x = w;
    this.buildInnerB(w);
    this.innerFloors(weight);
    this.stats.innerEvaluations += this.adaptive(this.innerF, this.inner, this.innerOpts, out);
  }

  private outerOverW(s: number, out: Float64Array): void {
    const gp = this.outer;
    gp.map(s);
    const weight = INV_SQRT_2PI * Math.exp(-0.5 * gp.x * gp.x) * gp.jac;
    this.integralOverB(gp.x, weight, out);
    out[0] *= weight;
    out[1] *= weight;
    out[2] *= weight;
  }

  /** Inner partition at fixed w: the posterior switch between every two flat pieces, for each integrated k. */
  private buildInnerB(w: number): void {
    const post = this.post;
    const { A, n, logM } = post;
    const { c } = post.p;
    const omega = this.sqrtM * w;
    // Flat pieces: M_j depends on ω only (κ_j = 0, μ_j = ω); logMass fills it for any B.
    for (let j = 0; j < n; j++) logM[j] = post.logMass(j, 0, omega);
    const gp = this.inner;
    gp.reset();
    for (let k = 0; k < n; k++) {
      if (this.weight[k] === 0) continue;
      const Sk = this.S[k];
      for (let j = 0; j < n; j++) {
        for (let i = j + 1; i < n; i++) {
          const dc = c[j] - c[i];
          if (dc === 0) continue;
          const Bstar = (0.5 * A * (c[j] * c[j] - c[i] * c[i]) - (logM[j] - logM[i])) / dc;
          gp.feature((Bstar - A * c[k]) / Sk, 1 / (Math.abs(dc) * Sk));
        }
      }
    }
    gp.build(-L, L);
  }

  /** Outer partition in w: the mass switches at the bounds of the flat pieces, width √(v/m). */
  private buildOuterW(): void {
    const { v, n } = this.post;
    const { lo, hi } = this.post.p;
    const gp = this.outer;
    gp.reset();
    const width = Math.sqrt(v) / this.sqrtM;
    for (let j = 0; j < n; j++) {
      if (Number.isFinite(lo[j])) gp.feature(lo[j] / this.sqrtM, width);
      if (Number.isFinite(hi[j])) gp.feature(hi[j] / this.sqrtM, width);
    }
    gp.build(-L, L);
  }

  private computeWOuter(): void {
    if (this.m === 0) {
      this.integralOverB(0, 1, this.result);
      return;
    }
    this.buildOuterW();
    this.stats.outerEvaluations += this.adaptive(this.outerF, this.outer, this.outerOpts, this.result);
  }

  /**
   * Ψ, 𝒱, 𝒜 at (A, v = σ² + Ṽ > 0, m = max(ρ̃ − Ṽ, 0)) into `result`; `scale` = rough magnitudes of the three
   * averages, used as absolute-error floors (relative accuracy is what matters, but an average can be ~0).
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
    if (this.tol.order === "w-outer") this.computeWOuter();
    else this.computeBOuter();
    return this.result;
  }
}
