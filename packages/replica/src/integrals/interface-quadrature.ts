/**
 * Hidden-layer ("interface") averages Ψ_ℓ, 𝒱_ℓ, 𝒜_ℓ of a piecewise-linear activation (replica-math §4.3(b)):
 *
 *   E[f] = Σ_k T_k,   T_k = ∫Db ∫Dw M_k(B_k, ω) f(B_k, ω),   ω = √m·w,   B_k = A(κ_k ω + c_k) + S_k·b,
 *   S_k = √(A(1 + Aκ_k²v)),
 *
 * for f ∈ {log Z, Var_post(t), (∂_ω log Z)²} (one posterior evaluation gives all three; the activation's kernel
 * supplies M_k·f at a batch of nodes). Each term T_k is integrated on its own, so that its nodes follow its own
 * features and its own support (M_k is negligible outside a strip, §4.5(4)); for an odd activation one term of
 * each mirror pair is integrated with weight 2 (`pieceWeight`), and a piece symmetric about 0 only over b ≥ 0.
 *
 * Order "b-outer" (default): an outer rule in b and, at each outer node, an inner integral in w on a mesh
 * graded towards the points where a piece's mass switches (§4.5(4): for piece j with finite bound e,
 *   ω* = (e·a_j − κ_j(A(c_k − c_j) + S_k b)) / (1/v + Aκ_jκ_k),  width √a_j/(1/v + Aκ_jκ_k) in ω),
 * which have width ~√(v/m) in w. The w-integral is smooth in b when these lines cross the (b, w) plane
 * obliquely: the outer rule is then Gauss–Hermite (its order grows with A·v, whose posterior switches
 * sharpen the b-structure); when a line is steep in b (m small) or A·v is large the outer integral is
 * adaptive on a graded mesh as well. Order "w-outer" (activations whose pieces are all flat: sign) swaps the
 * roles: the inner b-integral sees the posterior switch between two flat pieces as a point,
 *   B* = [A(c_j² − c_j'²)/2 − log(M_j/M_j')]/(c_j − c_j'),  width 1/(|c_j − c_j'|·S_k).
 *
 * Every adaptive integral starts from its graded mesh, estimates each K15 panel's error from the embedded G7
 * rule and bisects only the panels that fail. Accuracy (relTol = 3e−11 on the estimate): the ~500 interface
 * calls recorded from the solvers on the multi-layer cases came out within 6e−11 (relative), and ~480 random
 * points within 1e−10, of references computed with tight nested adaptive quadrature (themselves checked against
 * brute-force (B, ω) integrals), except for averages below the absolute floor 1e−17·scale (𝒱 ≈ 0 at huge A).
 */
import { gaussHermite } from "@infoflow/numerics";
import { PanelMesh } from "./panel-mesh";
import type { Pieces } from "./piecewise-posterior";
import type { TermKernel } from "./term-kernel";

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** Features where M_k < Φ(−FEATURE_Z) ≈ 3e−6 are not graded. */
const FEATURE_Z = 4.5;

export interface InterfaceQuadratureOptions {
  /** "b-outer" (default) or "w-outer" (activations whose pieces are all flat). */
  order: "b-outer" | "w-outer";
  /**
   * φ is odd. Then the term of a piece symmetric about 0 (l = −u, c = 0: HardTanh's linear piece) is even in
   * (b, w) ↦ (−b, −w), so its w-integral is even in b and only b ≥ 0 is integrated (twice).
   */
  odd: boolean;
  /** Relative tolerance of every integral (estimated error, see `panelError`). */
  relTol: number;
  /** Least Gauss–Hermite order of a smooth outer b-integral. */
  outerOrder: number;
  /** Largest: beyond it the outer b-integral is adaptive. */
  maxOuterOrder: number;
  /** Below m = smallM·(m + v) the w-integral hardly smooths b: the outer b-integral is adaptive. */
  smallM: number;
  /** Mesh: reach of the sinh grading, its panel length in t, the longest plain panel. */
  reach: number;
  sinhPanel: number;
  linearPanel: number;
  /** Features narrower than this are sinh-graded; next to wider ones plain panels are ≤ featurePanel widths. */
  sharpFeature: number;
  featurePanel: number;
  /** Most panels of one adaptive integral. */
  maxPanels: number;
  /**
   * An outer node whose share of the sum (weight × number of nodes) is below this needs its inner integral only to
   * ~relTol/coarseWeight: its mesh starts coarse (the error estimate still decides).
   */
  coarseWeight: number;
  /** Half-width of the box in b and w (8: e^{−8²/2} ≈ 1.3e−14 relative to the centre). */
  box: number;
  /** A piece's mass below Φ(−support) is negligible: the support of M_k (8: Φ(−8) ≈ 6e−16). */
  support: number;
  /** Factor on the Gauss–Hermite order of a smooth outer integral (1: the order measured for 1e−11). */
  orderScale: number;
  /** Every integral starts from the coarse mesh (the error estimate still decides). */
  coarse: boolean;
}

export const DEFAULT_QUADRATURE: InterfaceQuadratureOptions = {
  order: "b-outer",
  odd: false,
  relTol: 3e-11,
  outerOrder: 16,
  maxOuterOrder: 120,
  smallM: 0.25,
  reach: 1.5,
  sinhPanel: 3,
  linearPanel: 3,
  sharpFeature: 0.5,
  featurePanel: 3.5,
  maxPanels: 200,
  coarseWeight: 1e-4,
  box: 8,
  support: 8,
  orderScale: 1,
  coarse: false,
};

/**
 * Cheaper settings for a solver far from its fixed point, which needs the averages only to ~1e−3 of its step
 * (interface.ts SCREENING_ACCURACY, solvers/run.ts): coarse meshes, half the Gauss–Hermite order, a looser
 * tolerance; the box and supports stay (a small 𝒱 or 𝒜 can come from the tails). Against DEFAULT_QUADRATURE on
 * random points of every piecewise activation (test/quadrature-tiers.test.ts): Ψ, 𝒱, 𝒜 within 1e−6 relative
 * (1e−19 of their scale when below 1e−13 of it), at 2.3–2.8× fewer integrand evaluations.
 */
export const SCREENING_QUADRATURE: Partial<InterfaceQuadratureOptions> = {
  relTol: 1e-6,
  outerOrder: 8,
  orderScale: 0.5,
  coarse: true,
};

export interface QuadratureStats {
  calls: number;
  evaluations: number;
  /** Adaptive integrals that hit the panel cap before meeting their tolerance. */
  unconverged: number;
}

/** Node buffers and per-panel sums of one adaptive level. */
class Level {
  readonly mesh: PanelMesh;
  readonly x: Float64Array;
  readonly wk: Float64Array;
  readonly wg: Float64Array;
  readonly vals: Float64Array;
  readonly est: Float64Array;
  readonly err: Float64Array;
  constructor(maxFeatures: number, o: InterfaceQuadratureOptions) {
    const cap = o.maxPanels;
    this.mesh = new PanelMesh(
      maxFeatures,
      cap,
      o.reach,
      o.sinhPanel,
      o.linearPanel,
      o.sharpFeature,
      o.featurePanel,
    );
    this.x = new Float64Array(15 * cap);
    this.wk = new Float64Array(15 * cap);
    this.wg = new Float64Array(15 * cap);
    this.vals = new Float64Array(45 * cap);
    this.est = new Float64Array(3 * cap);
    this.err = new Float64Array(3 * cap);
  }
}

/** Permutations of Gauss–Hermite nodes by decreasing weight (central nodes first), per order. */
const byWeight = new Map<number, Int32Array>();
function centralFirst(order: number): Int32Array {
  let p = byWeight.get(order);
  if (p === undefined) {
    const w = gaussHermite(order).weights;
    p = Int32Array.from(Array.from({ length: order }, (_, i) => i).sort((i, j) => w[j] - w[i]));
    byWeight.set(order, p);
  }
  return p;
}

/**
 * Error estimate of one K15 panel from d = |K15 − G7| and resabs = ∫|f|: resabs·min(1, 100(d/resabs)²). For these
 * analytic integrands the K15 error is below 2(d/resabs)²·resabs on most panels measured, and the factor 100 covers
 * the rest (QUADPACK's (200d/resabs)^{3/2} overestimates it by orders of magnitude at the accuracies needed here);
 * with relTol = 3e−11 every recorded solver call came out within 6e−11 of the tight reference.
 */
function panelError(d: number, resabs: number): number {
  if (!(resabs > 0)) return d;
  const r = d / resabs;
  return r >= 0.1 ? resabs : 100 * resabs * r * r;
}

export class InterfaceQuadrature {
  readonly result = new Float64Array(3);
  readonly stats: QuadratureStats = { calls: 0, evaluations: 0, unconverged: 0 };
  private readonly o: InterfaceQuadratureOptions;
  private readonly n: number;
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  private readonly kappa: Float64Array;
  private readonly c: Float64Array;
  private readonly weight: Float64Array;
  private readonly innerLevel: Level;
  private readonly outerLevel: Level;
  // per call
  private A = 0;
  private v = 1;
  private m = 0;
  private sqrtM = 0;
  private readonly S: Float64Array;
  private readonly a: Float64Array;
  private readonly sqrtA: Float64Array;
  private readonly epsAbs = new Float64Array(3);
  private readonly tolIn = new Float64Array(3);
  private readonly tolOut = new Float64Array(3);
  private readonly term = new Float64Array(3);
  private readonly tmp = new Float64Array(3);
  private readonly fixedOuter = new Float64Array(3);
  /** The next inner integral may start from a coarse mesh (its outer weight is small: loose tolerance). */
  private coarse = false;

  constructor(
    p: Pieces,
    private readonly kernel: TermKernel,
    pieceWeight?: ArrayLike<number>,
    options: Partial<InterfaceQuadratureOptions> = {},
  ) {
    this.o = { ...DEFAULT_QUADRATURE, ...options };
    this.n = p.kappa.length;
    this.lo = p.lo;
    this.hi = p.hi;
    this.kappa = p.kappa;
    this.c = p.c;
    this.weight = Float64Array.from(pieceWeight ?? new Float64Array(this.n).fill(1));
    this.S = new Float64Array(this.n);
    this.a = new Float64Array(this.n);
    this.sqrtA = new Float64Array(this.n);
    const features = 2 * this.n * this.n + 4;
    this.innerLevel = new Level(features, this.o);
    this.outerLevel = new Level(features, this.o);
  }

  /**
   * Ψ, 𝒱, 𝒜 at (A, v = σ² + Ṽ > 0, m = max(ρ̃ − Ṽ, 0)) into `result`; `scale` = rough magnitudes of the three
   * averages, used as absolute-error floors (relative accuracy is what matters, but an average can be ~0).
   */
  compute(A: number, v: number, m: number, scale: Float64Array): Float64Array {
    this.stats.calls++;
    this.A = A;
    this.v = v;
    this.m = m;
    this.sqrtM = Math.sqrt(m);
    const { kappa, n } = this;
    for (let k = 0; k < n; k++) {
      const q = A * kappa[k] * kappa[k];
      this.S[k] = Math.sqrt(A * (1 + q * v));
      this.a[k] = 1 / v + q;
      this.sqrtA[k] = Math.sqrt(this.a[k]);
    }
    this.kernel.setPoint(A, v, m);
    for (let c = 0; c < 3; c++) this.epsAbs[c] = 1e-17 * scale[c];
    const res = this.result;
    res.fill(0);
    for (let k = 0; k < n; k++) {
      const wk = this.weight[k];
      if (wk === 0) continue;
      if (this.o.order === "w-outer") this.termWOuter(k, this.term);
      else this.termBOuter(k, this.term);
      res[0] += wk * this.term[0];
      res[1] += wk * this.term[1];
      res[2] += wk * this.term[2];
    }
    return res;
  }

  // ---- the adaptive panel integral (both levels) ------------------------------------------------------

  /**
   * ∫ g(x) φ(x) dx on the panels of `lev.mesh` (already built), g the term-k integrand at the outer value
   * `y` (level "inner": a kernel batch) or the inner integral at x (level "outer"); tolerance per component
   * max(tolAbs_c, relTol·|I_c|). Result into `out`.
   */
  private adaptive(
    lev: Level,
    outer: boolean,
    k: number,
    y: number,
    tolAbs: Float64Array,
    out: Float64Array,
  ) {
    const mesh = lev.mesh;
    let np = mesh.n;
    if (np === 0) {
      out.fill(0);
      return;
    }
    for (let s = 0; s < np; s++) mesh.fillNodes(s, lev.x, lev.wk, lev.wg, 15 * s);
    this.evaluatePanels(lev, outer, k, y, 0, np, tolAbs);
    const relTol = this.o.relTol;
    const { est, err } = lev;
    for (;;) {
      let i0 = 0;
      let i1 = 0;
      let i2 = 0;
      let e0 = 0;
      let e1 = 0;
      let e2 = 0;
      for (let s = 0; s < np; s++) {
        i0 += est[3 * s];
        i1 += est[3 * s + 1];
        i2 += est[3 * s + 2];
        e0 += err[3 * s];
        e1 += err[3 * s + 1];
        e2 += err[3 * s + 2];
      }
      out[0] = i0;
      out[1] = i1;
      out[2] = i2;
      const t0 = Math.max(tolAbs[0], relTol * Math.abs(i0));
      const t1 = Math.max(tolAbs[1], relTol * Math.abs(i1));
      const t2 = Math.max(tolAbs[2], relTol * Math.abs(i2));
      if (e0 <= t0 && e1 <= t1 && e2 <= t2) return;
      // bisect the panel with the largest error relative to the tolerance
      let worst = 0;
      let worstScore = -1;
      for (let s = 0; s < np; s++) {
        const sc = Math.max(err[3 * s] / t0, err[3 * s + 1] / t1, err[3 * s + 2] / t2);
        if (sc > worstScore) {
          worstScore = sc;
          worst = s;
        }
      }
      if (!mesh.split(worst)) {
        this.stats.unconverged++;
        return;
      }
      mesh.fillNodes(worst, lev.x, lev.wk, lev.wg, 15 * worst);
      mesh.fillNodes(np, lev.x, lev.wk, lev.wg, 15 * np);
      this.evaluatePanels(lev, outer, k, y, worst, worst + 1, tolAbs);
      this.evaluatePanels(lev, outer, k, y, np, np + 1, tolAbs);
      np++;
    }
  }

  /** Values at the nodes of panels [s0, s1) (Gaussian weight folded into wk, wg), then their K15/G7 sums. */
  private evaluatePanels(
    lev: Level,
    outer: boolean,
    k: number,
    y: number,
    s0: number,
    s1: number,
    tolAbs: Float64Array,
  ) {
    const { x, wk, wg, vals, est, err } = lev;
    const from = 15 * s0;
    const count = 15 * (s1 - s0);
    for (let i = from; i < from + count; i++) {
      const g = INV_SQRT_2PI * Math.exp(-0.5 * x[i] * x[i]);
      wk[i] *= g;
      wg[i] *= g;
    }
    if (outer) {
      const tmp = this.tmp;
      for (let i = from; i < from + count; i++) {
        // The inner integral at this node needs accuracy tol/weight (its weight in the outer sum).
        const w = Math.abs(wk[i]) > 1e-300 ? 0.1 / Math.abs(wk[i]) : 1e300;
        for (let c = 0; c < 3; c++) this.tolIn[c] = Math.min(1e300, tolAbs[c] * w);
        this.coarse = Math.abs(wk[i]) < this.o.coarseWeight / 100;
        this.innerAt(k, x[i], this.tolIn, tmp);
        vals[3 * i] = tmp[0];
        vals[3 * i + 1] = tmp[1];
        vals[3 * i + 2] = tmp[2];
      }
    } else {
      this.stats.evaluations += count;
      if (this.o.order === "w-outer") this.kernel.evalOverB(k, y, x, from, count, vals);
      else this.kernel.evalOverW(k, y, x, from, count, vals);
    }
    for (let s = s0; s < s1; s++) {
      let k0 = 0;
      let k1 = 0;
      let k2 = 0;
      let g0 = 0;
      let g1 = 0;
      let g2 = 0;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      for (let j = 15 * s; j < 15 * s + 15; j++) {
        const f0 = vals[3 * j];
        const f1 = vals[3 * j + 1];
        const f2 = vals[3 * j + 2];
        const kw = wk[j];
        const gw = wg[j];
        k0 += kw * f0;
        k1 += kw * f1;
        k2 += kw * f2;
        g0 += gw * f0;
        g1 += gw * f1;
        g2 += gw * f2;
        a0 += Math.abs(kw * f0);
        a1 += Math.abs(kw * f1);
        a2 += Math.abs(kw * f2);
      }
      est[3 * s] = k0;
      est[3 * s + 1] = k1;
      est[3 * s + 2] = k2;
      err[3 * s] = panelError(Math.abs(k0 - g0), a0);
      err[3 * s + 1] = panelError(Math.abs(k1 - g1), a1);
      err[3 * s + 2] = panelError(Math.abs(k2 - g2), a2);
    }
  }

  /** The inner integral of term k at the outer value y (b for "b-outer", w for "w-outer"). */
  private innerAt(k: number, y: number, tolAbs: Float64Array, out: Float64Array): void {
    if (this.o.order === "w-outer") this.innerOverB(k, y, tolAbs, out);
    else this.innerOverW(k, y, tolAbs, out);
  }

  // ---- order "b-outer" -------------------------------------------------------------------------------

  /** ∫Dw M_k f at fixed b. */
  private innerOverW(k: number, b: number, tolAbs: Float64Array, out: Float64Array): void {
    const { A, v, m, kappa, c, lo, hi, n, a, sqrtA, S } = this;
    if (m === 0) {
      this.fixedOuter[0] = 0;
      this.stats.evaluations++;
      this.kernel.evalOverW(k, b, this.fixedOuter, 0, 1, this.tmp);
      out[0] = this.tmp[0];
      out[1] = this.tmp[1];
      out[2] = this.tmp[2];
      return;
    }
    const sm = this.sqrtM;
    // Support of M_k in ω: μ_k = ω + κ_k S_k b/a_k within Z/√a_k of (l_k, u_k).
    const shiftK = (kappa[k] * S[k] * b) / a[k];
    const { box: L, support: Z } = this.o;
    const wLo = Math.max(-L, (lo[k] - Z / sqrtA[k] - shiftK) / sm);
    const wHi = Math.min(L, (hi[k] + Z / sqrtA[k] - shiftK) / sm);
    const mesh = this.innerLevel.mesh;
    mesh.reset();
    if (!(wHi > wLo)) {
      out.fill(0);
      return;
    }
    // A switch where M_k < Φ(−FEATURE_Z) hardly weighs in: not graded (the error estimate still watches it).
    const zLo = (lo[k] - FEATURE_Z / sqrtA[k] - shiftK) / sm;
    const zHi = (hi[k] + FEATURE_Z / sqrtA[k] - shiftK) / sm;
    for (let j = 0; j < n; j++) {
      const den = 1 / v + A * kappa[j] * kappa[k];
      if (!(Math.abs(den) > 0)) continue;
      const width = sqrtA[j] / Math.abs(den) / sm;
      const shift = kappa[j] * (A * (c[k] - c[j]) + S[k] * b);
      for (let e = 0; e < 2; e++) {
        const bound = e === 0 ? lo[j] : hi[j];
        if (!Number.isFinite(bound)) continue;
        const at = (bound * a[j] - shift) / den / sm;
        if (at > zLo && at < zHi) mesh.feature(at, width);
      }
    }
    mesh.build(wLo, wHi, this.coarse || this.o.coarse);
    this.adaptive(this.innerLevel, false, k, b, tolAbs, out);
  }

  private termBOuter(k: number, out: Float64Array): void {
    const { A, v, m, kappa, c, lo, hi, n, a, sqrtA, S } = this;
    const mesh = this.outerLevel.mesh;
    mesh.reset();
    const half = this.o.odd && lo[k] === -hi[k] && c[k] === 0;
    // A line with κ_j ≠ 0 crosses b at b* = (e·a_j/κ_j + A(c_j − c_k))/S_k; after the w-integral its trace in
    // b has width δ_b = hypot(√a_j, √m·den)/(|κ_j|S_k) (its own width and the Gaussian in w seen along it).
    let deltaB = Number.POSITIVE_INFINITY;
    for (let j = 0; j < n; j++) {
      const kj = kappa[j];
      if (kj === 0 || S[k] === 0) continue;
      const den = 1 / v + A * kj * kappa[k];
      const width = Math.hypot(sqrtA[j], this.sqrtM * den) / (Math.abs(kj) * S[k]);
      const base = A * (c[j] - c[k]);
      deltaB = Math.min(deltaB, width);
      for (const e of [lo[j], hi[j]]) {
        if (!Number.isFinite(e)) continue;
        const at = ((e * a[j]) / kj + base) / S[k];
        mesh.feature(half ? Math.abs(at) : at, width);
      }
    }
    // Gauss–Hermite order (measured against tight adaptive references on the solvers' calls, 1e−11 of the
    // average): a trace of width δ_b needs ~40/δ_b² nodes; the posterior switches between pieces make b-features
    // that sharpen with A·v (a flat piece's term: at b ≈ ±√(log(1 + A·v))): ~10·log(1 + A·v) + 8 nodes for a flat
    // piece's term, ~8·log(1 + A·v) + 8 up to 32 for a linear one. Even orders, so that the nodes pair up (±b).
    const lav = Math.log1p(A * v);
    const even = (x: number) => 2 * Math.ceil(x / 2);
    let order = even(40 / (deltaB * deltaB));
    if (kappa[k] === 0) order = Math.max(order, even(10 * lav + 8));
    else order = Math.max(order, Math.min(32, even(8 * lav + 8)));
    order = Math.max(even(order * this.o.orderScale), this.o.outerOrder);
    // With m small the w-integral barely smooths anything in b: adaptive (its mesh has the lines' traces).
    if (m >= this.o.smallM * (m + v) && order <= this.o.maxOuterOrder) {
      this.gaussHermiteOverB(k, order, half, out);
      return;
    }
    const L = this.o.box;
    mesh.build(half ? 0 : -L, L, this.o.coarse);
    for (let i = 0; i < 3; i++) this.tolOut[i] = half ? 0.5 * this.epsAbs[i] : this.epsAbs[i];
    this.adaptive(this.outerLevel, true, k, 0, this.tolOut, out);
    if (half) for (let i = 0; i < 3; i++) out[i] *= 2;
  }

  /**
   * Smooth b-integral: Gauss–Hermite, central nodes first so the running sum sets the inner floors; `half`: the
   * integrand is even in b (the order is even, so the nodes come in ± pairs): the b > 0 nodes, weight doubled.
   */
  private gaussHermiteOverB(k: number, order: number, half: boolean, out: Float64Array): void {
    const rule = gaussHermite(order);
    const perm = centralFirst(order);
    const tmp = this.tmp;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    const relTol = this.o.relTol;
    for (let r = 0; r < order; r++) {
      const i = perm[r];
      if (half && rule.nodes[i] < 0) continue;
      const wi = half ? 2 * rule.weights[i] : rule.weights[i];
      const share = 1 / (wi * order);
      this.tolIn[0] = (this.epsAbs[0] + relTol * Math.abs(s0)) * share;
      this.tolIn[1] = (this.epsAbs[1] + relTol * Math.abs(s1)) * share;
      this.tolIn[2] = (this.epsAbs[2] + relTol * Math.abs(s2)) * share;
      this.coarse = wi * order < this.o.coarseWeight;
      this.innerOverW(k, rule.nodes[i], this.tolIn, tmp);
      s0 += wi * tmp[0];
      s1 += wi * tmp[1];
      s2 += wi * tmp[2];
    }
    out[0] = s0;
    out[1] = s1;
    out[2] = s2;
  }

  // ---- order "w-outer" -------------------------------------------------------------------------------

  /** ∫Db M_k f at fixed w. */
  private innerOverB(k: number, w: number, tolAbs: Float64Array, out: Float64Array): void {
    const { A, v, kappa, c, lo, hi, n, a, sqrtA, S } = this;
    const omega = this.sqrtM * w;
    const mesh = this.innerLevel.mesh;
    mesh.reset();
    const Sk = S[k];
    if (Sk > 0) {
      for (let j = 0; j < n; j++) {
        const kj = kappa[j];
        if (kj === 0) {
          // Posterior switch between two flat pieces j, i (their masses depend on ω only).
          for (let i = j + 1; i < n; i++) {
            const dc = c[j] - c[i];
            if (kappa[i] !== 0 || dc === 0) continue;
            const logRatio = this.kernel.logFlatMass(j, omega) - this.kernel.logFlatMass(i, omega);
            const Bstar = (0.5 * A * (c[j] * c[j] - c[i] * c[i]) - logRatio) / dc;
            mesh.feature((Bstar - A * c[k]) / Sk, 1 / (Math.abs(dc) * Sk));
          }
          continue;
        }
        // μ_j = e at B = (e·a_j − ω/v)/κ_j + A c_j.
        const den = 1 / v + A * kj * kappa[k];
        const width = sqrtA[j] / (Math.abs(kj) * Sk);
        const shift = A * (c[k] - c[j]) + (omega * den) / kj;
        if (Number.isFinite(lo[j])) mesh.feature(((lo[j] * a[j]) / kj - shift) / Sk, width);
        if (Number.isFinite(hi[j])) mesh.feature(((hi[j] * a[j]) / kj - shift) / Sk, width);
      }
    }
    mesh.build(-this.o.box, this.o.box, this.coarse || this.o.coarse);
    this.adaptive(this.innerLevel, false, k, w, tolAbs, out);
  }

  private termWOuter(k: number, out: Float64Array): void {
    const { v, m, kappa, lo, hi, n, sqrtA } = this;
    if (m === 0) {
      for (let i = 0; i < 3; i++) this.tolOut[i] = this.epsAbs[i];
      this.innerOverB(k, 0, this.tolOut, out);
      return;
    }
    const sm = this.sqrtM;
    const { box: L, support: Z } = this.o;
    let wLo = -L;
    let wHi = L;
    if (kappa[k] === 0) {
      wLo = Math.max(wLo, (lo[k] - Z * Math.sqrt(v)) / sm);
      wHi = Math.min(wHi, (hi[k] + Z * Math.sqrt(v)) / sm);
    }
    const mesh = this.outerLevel.mesh;
    mesh.reset();
    // The masses of flat pieces switch at their bounds, width √v in ω.
    for (let j = 0; j < n; j++) {
      if (kappa[j] !== 0) continue;
      const width = 1 / sqrtA[j] / sm;
      if (Number.isFinite(lo[j])) mesh.feature(lo[j] / sm, width);
      if (Number.isFinite(hi[j])) mesh.feature(hi[j] / sm, width);
    }
    if (!(wHi > wLo)) {
      out.fill(0);
      return;
    }
    mesh.build(wLo, wHi, this.o.coarse);
    for (let i = 0; i < 3; i++) this.tolOut[i] = this.epsAbs[i];
    this.adaptive(this.outerLevel, true, k, 0, this.tolOut, out);
  }
}
