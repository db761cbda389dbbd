/**
 * Hidden-layer averages Ψ, 𝒱, 𝒜 for an arbitrary pointwise activation φ (replica-math §2.2), by generic
 * Gaussian integrals rather than the piecewise-linear closed forms of §4.3(a):
 *
 *   Z(B, ω) = ∫dh N(h; ω, v) e^{−Aφ(h)²/2 + Bφ(h)}   (inner, in h),
 *   E[f] = E_{w} ∫dB N(B; 0, A)·Z(B, ω)·f(B, ω),  ω = √m·w   (middle in B, outer in w),
 *
 * using that, given ω, B = Aφ(h₀) + √A η has density N(B; 0, A)·Z(B, ω) (complete the square in η), so the
 * teacher's h₀ and η collapse into one variable. f ∈ {log Z, Var_post(t), f_𝒜}, f_𝒜 = 1/v − Var_post(h)/v² or,
 * where A·v·E φ'² < 1 and φ' is given, the squared score ⟨φ'(h)(B − Aφ(h))⟩² (same average; no cancellation
 * when the posterior is nearly the prior, see `finish`); the posterior moments are taken about the mode
 * (h*, φ(h*)) so that variances do not cancel. Independent of the piecewise
 * engine — the check it is tested against — and valid for tanh, sigmoid, erf or any user function; kinks and
 * jumps of φ must be passed as breakpoints.
 *
 * Rules (three nested adaptive Gauss–Kronrod levels took 5–60 s a call; this takes ~0.5–3 s, agreeing with
 * them to ~1e−14 for tanh and with the ReLU/HardTanh/Probit channels to ≤ 1.3e−9 on the test grid):
 * - outer, smooth φ (no breakpoint feature narrower than the unit scale in w): the trapezoidal rule on
 *   w ∈ [−9, 9], halved until two levels agree to 1e−6 (it converges like e^{−2πd/Δ}; Gauss–Hermite only like
 *   e^{−d√(2n)}, 1e−4 at n = 40 for tanh at v = 0.1 where d = π/(2√m));
 * - outer with kinks, and middle: a fixed Gauss–Legendre rule on every panel of the graded partitions
 *   (sinh-graded at the kink images in w, at Aφ(breakpoints) and the window's images in B);
 * - inner: a nested trapezoid about the mode (smooth posterior) or nested tanh–sinh on the window split at
 *   the breakpoints and modes, each accepted only when two levels agree to 1e−8 of every component's scale;
 *   otherwise the adaptive Gauss–Kronrod pass (very narrow peaks; A·v·φ'² < 1e−6 where the Fisher form of f_𝒜
 *   cancels, when φ' is not given).
 */
import { gaussKronrodVector, type QuadratureRule } from "@infoflow/numerics";
import { GradedPartition } from "./graded-partition";

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const L = 10;
/** Inner h-window half-width in prior standard deviations. */
const H_WINDOW = 10;
const GRID = 16;
/** Outer trapezoid: w ∈ [−W_RANGE, W_RANGE] (e^{−40}), first step, halvings at most, agreement of two levels. */
const W_RANGE = 9;
const W_STEP = 0.5;
const W_LEVELS = 4;
const W_ACCEPT = 1e-6;
/**
 * Gauss–Legendre orders per panel (outer with kinks, middle) and the outer partition's sinh reach and panel
 * length; tuned on the ReLU grid (A ∈ {0.1, 10, 1e3}, Ṽ ∈ {0.1, 1}): 12/16 and reach 2 missed 1e−7 there.
 */
const W_PANEL = 12;
const OUTER_REACH = 8;
const OUTER_PANEL = 1.5;
const B_PANEL = 24;
/** Longest trapezoid step of the inner fast path (tanh, sigmoid: poles at distance π/2, π from the real axis). */
const TRAP_STEP = 0.25;
/** Gauss–Legendre orders of the inner fast path on the pieces between breakpoints and modes. */
const INNER_GL_LOW = 20;
const INNER_GL_HIGH = 32;
/** Tanh–sinh step and half-count of the inner fast path across breakpoints (t ∈ [−3.25, 3.25]). */
const DE_STEP = 1 / 32;
const DE_N = 104;
/** Nodes tanh(π/2·sinh t) and weights δ·(π/2)cosh t/cosh²(π/2·sinh t) at t = jδ, j = −DE_N…DE_N. */
const DE_X = new Float64Array(2 * DE_N + 1);
const DE_W = new Float64Array(2 * DE_N + 1);
for (let j = -DE_N; j <= DE_N; j++) {
  const t = j * DE_STEP;
  const u = 0.5 * Math.PI * Math.sinh(t);
  const ch = Math.cosh(u);
  DE_X[j + DE_N] = Math.tanh(u);
  DE_W[j + DE_N] = (0.5 * Math.PI * Math.cosh(t) * DE_STEP) / (ch * ch);
}
/** Largest change between a nested pair of fast-path sums, relative to each component's scale. */
const ACCEPT = 1e-8;
/** A few units of rounding (2⁻⁵²). */
const ROUND = 1e-15;
/** Halvings of the trapezoid step after the first nested pair disagrees. */
const TRAP_EXTRA_LEVELS = 2;
/** Most trapezoid points on each side of the mode before the fast path gives up. */
const TRAP_MAX = 400;

/** Gauss–Legendre rule on [0, 1] (Newton on the Legendre recurrence). */
function gaussLegendre01(n: number): QuadratureRule {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    nodes[i] = 0.5 * (1 - x);
    weights[i] = 1 / ((1 - x * x) * dp * dp);
  }
  return { nodes, weights };
}

export interface GenericActivation {
  phi(h: number): number;
  /** Points where φ has a kink or a jump (sorted). */
  breakpoints: readonly number[];
  /**
   * φ' where φ is smooth, for a continuous φ (no jumps): then, where A·v·E φ'² is small, f_𝒜 is the squared score
   * ⟨φ'(h)(B − Aφ(h))⟩² (Stein's lemma, see `finish`) instead of the cancelling 1/v − Var_post(h)/v².
   */
  dphi?(h: number): number;
}

/** Inner integrals at B with log-density below skipBelow + LENIENT_MARGIN take the first fast-path estimate. */
const LENIENT_MARGIN = 35;
/** Below this A·v·E φ'² the squared-score form of f_𝒜 is used (when φ' is given; above it the Fisher form). */
const SCORE_FORM_BELOW = 1;
/** Inner integrands: ∫w·{1, dt, dt², dh, dh², φ'(h)(B − Aφ(h))}. */
const MOMENTS = 6;

/** Tolerances of the generic engine (defaults: GENERIC_FULL). */
export interface GenericQuadratureOptions {
  /** Outer trapezoid in w: accepted when two nested levels agree to this (relative, per component). */
  wAccept: number;
  /** Gauss–Legendre order on every panel of the graded B mesh. */
  bPanel: number;
  /** Inner fast paths: accepted when two nested sums agree to this of each component's scale. */
  innerAccept: number;
  /** Inner adaptive fallback: relative tolerance. */
  innerRelTol: number;
}

/** Full accuracy: the settings every validation in the header was measured with. */
export const GENERIC_FULL: GenericQuadratureOptions = {
  wAccept: W_ACCEPT,
  bPanel: B_PANEL,
  innerAccept: ACCEPT,
  innerRelTol: 1e-10,
};

/**
 * For a solver far from its fixed point (interface.ts SCREENING_ACCURACY): the nested rules stop at a looser
 * agreement (the finer sum's error is about the square of the difference). The B panels keep their order (12
 * per panel missed 3e−4 of Ψ at A = 5e5, 16 missed 5e−6). Against GENERIC_FULL on random points
 * (test/quadrature-tiers.test.ts): within 1e−6 relative.
 */
export const GENERIC_SCREENING: GenericQuadratureOptions = {
  wAccept: 1e-3,
  bPanel: B_PANEL,
  innerAccept: 1e-5,
  innerRelTol: 1e-7,
};

export class GenericInterface {
  private A = 0;
  private v = 1;
  private omega = 0;
  private B = 0;
  private hStar = 0;
  private eStar = 0;
  private phiStar = 0;
  private readonly inner = { logZ: 0, logDens: 0, fV: 0, fA: 0 };
  private logDens0 = 0;
  private readonly gridExp = new Float64Array(GRID + 1);
  private readonly modeH: Float64Array;
  private readonly modeE: Float64Array;
  private refH = 0;
  private refE = 0;
  private cB = 0;
  private cH = 0;
  private eOff = 0;
  private readonly outer: GradedPartition;
  private readonly middle: GradedPartition;
  private readonly opts = {
    inner: {
      epsRel: GENERIC_FULL.innerRelTol,
      epsAbs: new Float64Array(MOMENTS),
      maxSubdivisions: 200,
      breakpoints: [] as number[],
      throwOnFailure: false,
    },
  };
  readonly result = new Float64Array(3);
  private readonly outerOut = new Float64Array(3);
  private readonly outerPrev = new Float64Array(3);
  private readonly outerFloor = new Float64Array(3);
  /** ≈ A·E φ'(h)², h ~ N(0, m + v): the scale of 𝒜, against which f_𝒜's rounding is judged. */
  private aScale = 0;
  private readonly wPanelRule = gaussLegendre01(W_PANEL);
  private readonly bRule: QuadratureRule;
  private readonly tier: GenericQuadratureOptions;
  private readonly glLow = gaussLegendre01(INNER_GL_LOW);
  private readonly glHigh = gaussLegendre01(INNER_GL_HIGH);
  private readonly trapCoarse = new Float64Array(MOMENTS);
  private readonly trapFine = new Float64Array(MOMENTS);
  private readonly trapScale = new Float64Array(MOMENTS);
  private readonly trapTmp = new Float64Array(MOMENTS);
  /** The current B weighs so little that any finite fast-path estimate is accepted (see `posterior`). */
  private lenient = false;
  /** This call takes f_𝒜 in the squared-score form (small A·v·E φ'², φ' known). */
  private scoreForm = false;
  private readonly splits: number[] = [];

  constructor(
    private readonly act: GenericActivation,
    tier: GenericQuadratureOptions = GENERIC_FULL,
  ) {
    this.tier = tier;
    this.bRule = gaussLegendre01(tier.bPanel);
    this.opts.inner.epsRel = tier.innerRelTol;
    this.modeH = new Float64Array(act.breakpoints.length + 1);
    this.modeE = new Float64Array(act.breakpoints.length + 1);
    this.outer = new GradedPartition(act.breakpoints.length + 1, OUTER_REACH, OUTER_PANEL, 4);
    this.middle = new GradedPartition(2 * act.breakpoints.length + 2, 0.5, 2.5, 0.25);
  }

  private exponent(h: number): number {
    const d = h - this.omega;
    const p = this.act.phi(h);
    return (-0.5 * d * d) / this.v - 0.5 * this.A * p * p + this.B * p;
  }

  /** log Z, Var_post(t) and 1/v − Var_post(h)/v² at (B, ω) into `this.inner`. */
  private posterior(skipBelow = Number.NEGATIVE_INFINITY): void {
    const { v } = this;
    const sv = Math.sqrt(v);
    const lo = this.omega - H_WINDOW * sv;
    const hi = this.omega + H_WINDOW * sv;
    let best = Number.NEGATIVE_INFINITY;
    let hb = this.omega;
    const es = this.gridExp;
    for (let i = 0; i <= GRID; i++) {
      const h = lo + ((hi - lo) * i) / GRID;
      const e = this.exponent(h);
      es[i] = e;
      if (e > best) {
        best = e;
        hb = h;
      }
    }
    // The grid step is √v·2H/GRID, but at large A·v the posterior is narrower (width ~1/√(A·φ'² + 1/v)): its mode
    // lies between two grid points, far above both. Refine the maximum on every piece between breakpoints (golden
    // section; the exponent is concave on a piece of a piecewise-linear φ), so that e* is the true maximum: a
    // grid value far below it made e^{e − e*} overflow (A = 5e4, v = 1: "integrand is not finite (Infinity)")
    // or, with the peak missed by every node, the integral underflow to 0 and log Z = −∞ (NaN further up).
    // Every piece's own mode is kept (not only the best): at large A·v a piece whose mode is a little lower may hold
    // a peak far narrower than √v (ReLU at B ≈ √A: the flat side's truncated prior and a spike of width 1/√A on
    // the positive side), which the adaptive pass would only find by bisecting down to its width.
    let nModes = 0;
    const modeH = this.modeH;
    const me = this.modeE;
    let a = lo;
    for (let j = 0; j <= this.act.breakpoints.length; j++) {
      const b = j < this.act.breakpoints.length ? Math.min(this.act.breakpoints[j], hi) : hi;
      if (!(b > a)) continue;
      this.refineMode(a, b);
      modeH[nModes] = this.refH;
      me[nModes] = this.refE;
      nModes++;
      if (this.refE > best) {
        best = this.refE;
        hb = this.refH;
      }
      a = b;
      if (b >= hi) break;
    }
    for (const p of this.act.breakpoints) {
      if (p > lo && p < hi) {
        const e = Math.max(
          this.exponent(p - 1e-12 * (1 + Math.abs(p))),
          this.exponent(p + 1e-12 * (1 + Math.abs(p))),
        );
        if (e > best) {
          best = e;
          hb = p;
        }
      }
    }
    this.hStar = hb;
    this.eStar = best;
    this.phiStar = this.act.phi(hb);
    this.cB = this.B - this.A * this.phiStar;
    this.cH = (hb - this.omega) / v;
    this.eOff = this.exponent(hb) - best;
    // log of N(B; 0, A)·e^{best}·√(2πA), as −(h*−ω)²/(2v) − A(φ* − B/A)²/2 − eOff: the plain −B²/(2A) + best
    // subtracts two numbers of size A·φ²/2 (1e10 at A = 1e10) and lost 1e−6 of the B-density.
    const dp = this.phiStar - this.B / this.A;
    const dw = hb - this.omega;
    this.logDens0 = (-0.5 * dw * dw) / v - 0.5 * this.A * dp * dp - this.eOff;
    // Absolute floors from an estimate of ∫e^{e − e*} (Riemann sum on the grid plus the Laplace mass of each
    // mode): the centred first moments are ~0 by design.
    let est = 0;
    for (let i = 0; i <= GRID; i++) est += Math.exp(es[i] - best);
    est *= (hi - lo) / GRID;
    // A B where the density is negligible (its tails: the range is conservative) needs no inner integral:
    // ∫e^{e − e*} ≤ the window's length, so log(density·√(2πA)) ≤ logDens0 + log(2H/√(2π)).
    if (this.logDens0 + Math.log(2 * H_WINDOW * INV_SQRT_2PI) < skipBelow) {
      this.inner.logZ = best;
      this.inner.logDens = Number.NEGATIVE_INFINITY;
      this.inner.fV = 0;
      this.inner.fA = 0;
      return;
    }
    const bp = this.opts.inner.breakpoints;
    bp.length = 0;
    for (const p of this.act.breakpoints) if (p > lo && p < hi) bp.push(p);
    // a peak much narrower than the window: panels at its own scale around it (nodes of a window-wide panel
    // would all fall where the integrand has underflowed)
    for (let j = 0; j < nModes; j++) {
      if (!(me[j] > best - 60)) continue;
      const h = modeH[j];
      const width = this.modeWidth(h, sv);
      est = Math.max(est, 2.5 * width * Math.exp(me[j] - best));
      if (h > lo && h < hi) bp.push(h);
      if (width >= 0.1 * sv) continue;
      for (let k = 1; k <= 4 ** 6; k *= 4) {
        for (const p of [h - k * width, h + k * width]) if (p > lo && p < hi) bp.push(p);
      }
    }
    const fl = this.opts.inner.epsAbs;
    const dphi = Math.abs(this.act.phi(hb + sv) - this.act.phi(hb - sv)) + 1e-300;
    // … and at least the rounding of dt = φ(h) − φ* and dh = h − h* (in saturation φ* ≈ ±1 while the posterior
    // spread of φ is 1e−10: floors below that rounding made the adaptive pass bisect to its cap)
    const rt = ROUND * (Math.abs(this.phiStar) + dphi);
    const rh = ROUND * (Math.abs(hb) + sv);
    fl[0] = 1e-14 * est;
    fl[1] = est * Math.max(1e-12 * dphi, rt);
    fl[2] = est * Math.max(1e-13 * dphi * dphi, rt * dphi);
    fl[3] = est * Math.max(1e-12 * sv, rh);
    fl[4] = est * Math.max(1e-13 * v, rh * sv);
    fl[5] = est * 1e-13 * Math.sqrt(this.aScale);
    // A B whose density is below e^{−25}·(the skip threshold's allowance for |f|) weighs at most ~1e−11 in the
    // B-integral: the fast paths' first estimate is good enough there (a bimodal posterior far in the tails sent
    // ~6% of all inner integrals of a tanh network to the adaptive pass, most of them at such B).
    this.lenient = this.logDens0 + Math.log((est * INV_SQRT_2PI) / sv) < skipBelow + LENIENT_MARGIN;
    if (this.trapezoid(sv, best) || this.doubleExponential(lo, hi, sv, nModes, best)) return;
    bp.sort((a, b) => a - b);
    const r = gaussKronrodVector(
      (h, out) => {
        out.fill(0);
        this.accumulate(h, 1, out);
      },
      MOMENTS,
      lo,
      hi,
      this.opts.inner,
    );
    this.finish(r.value, sv);
  }

  /**
   * log Z, Var_post(t), f_𝒜 from the moments ∫e^{e − e*}·{1, dt, dt², dh, dh², φ'(B − Aφ)} about the mode. f_𝒜 has
   * two forms with the same average over B (the Fisher identity E(∂_ω log Z)² = −E ∂²_ω log Z): the Fisher form
   * 1/v − Var_post(h)/v², which cancels when the posterior is nearly the prior (A·v·φ'² ≪ 1), and the squared
   * score ((⟨h⟩ − ω)/v)² with, by Stein's lemma (integration by parts against N(h; ω, v)),
   * (⟨h⟩ − ω)/v = ⟨φ'(h)(B − Aφ(h))⟩ — a plain average there, cancelling only when A·v is large.
   */
  private finish(i: Float64Array, sv: number): void {
    const v = this.v;
    const i0 = i[0];
    const mt = i[1] / i0;
    const logI = Math.log((i0 * INV_SQRT_2PI) / sv);
    this.inner.logZ = this.eStar + logI;
    this.inner.logDens = this.logDens0 + logI;
    this.inner.fV = Math.max(0, i[2] / i0 - mt * mt);
    if (this.scoreForm) {
      const score = i[5] / i0;
      this.inner.fA = score * score;
    } else {
      const mh = i[3] / i0;
      this.inner.fA = 1 / v - Math.max(0, i[4] / i0 - mh * mh) / (v * v);
    }
  }

  /** The inner integrands at h (e(h) − e* in differences from the mode), times `weight`, added to acc. */
  private accumulate(
    h: number,
    weight: number,
    acc: Float64Array,
    weight2 = 0,
    acc2: Float64Array | null = null,
  ): void {
    const p = this.act.phi(h);
    const dt = p - this.phiStar;
    const dh = h - this.hStar;
    const w = Math.exp(dt * (this.cB - 0.5 * this.A * dt) - dh * (this.cH + (0.5 * dh) / this.v) + this.eOff);
    const wt = w * dt;
    const wh = w * dh;
    // B − Aφ(h) = cB − A·dt; φ' from the activation (set whenever scoreForm is)
    const ws = this.scoreForm ? w * (this.act.dphi as (h: number) => number)(h) * (this.cB - this.A * dt) : 0;
    addMoments(acc, weight, w, wt, dt, wh, dh, ws);
    // the same node in a second (nested) sum
    if (acc2 !== null) addMoments(acc2, weight2, w, wt, dt, wh, dh, ws);
  }

  /**
   * Fast path of the inner integral for a smooth posterior: the trapezoidal rule on the whole line about the
   * mode, which converges like e^{−2πd/Δ} for an integrand analytic in a strip of half-width d, checked by
   * halving the step (nested). Accepted when each component moved by less than 1e−6 of its scale (∫w, ∫w·d²,
   * and √(∫w·∫w·d²) for the centred first moments, which are ~0), so that the halved sum is good to ~1e−12
   * of it; otherwise — a breakpoint of φ where the posterior is not negligible, two peaks on the grid, a step
   * too coarse — false, and the adaptive pass runs.
   */
  private trapezoid(sv: number, best: number): boolean {
    const es = this.gridExp;
    let peaks = 0;
    for (let i = 0; i <= GRID; i++) {
      if (es[i] > best - 46 && (i === 0 || es[i] > es[i - 1]) && (i === GRID || es[i] >= es[i + 1])) peaks++;
    }
    if (peaks > 1) return false;
    const c = this.hStar;
    const step = Math.min(0.5 * this.modeWidth(c, sv), TRAP_STEP);
    const coarse = this.trapCoarse;
    const fine = this.trapFine;
    coarse.fill(0);
    fine.fill(0);
    this.accumulate(c, step, coarse);
    let left = 0;
    let right = 0;
    for (const dir of [-1, 1]) {
      let small = 0;
      let k = 1;
      for (; k <= TRAP_MAX; k++) {
        const h = c + dir * k * step;
        const before = coarse[0];
        this.accumulate(h, step, coarse);
        this.accumulate(h - 0.5 * dir * step, step, fine);
        small = coarse[0] - before < 1e-22 * step ? small + 1 : 0;
        if (small >= 2) break;
      }
      if (k > TRAP_MAX) return false;
      if (dir < 0) left = k * step;
      else right = k * step;
    }
    for (const p of this.act.breakpoints) if (p >= c - left && p <= c + right) return false;
    for (let k = 0; k < MOMENTS; k++) fine[k] = 0.5 * (fine[k] + coarse[k]);
    if (this.accept(coarse, fine, sv)) return true;
    // Poles of φ near the real axis (tanh at ±iπ/2, pulled closer by a large A·φ²) slow the convergence: at
    // A ≈ 32, B ≈ −30 the pair still differed by 1e−9 of a scale of 1e−2. Up to two more halvings (each the
    // fine level's node count again) before the costlier paths.
    const tmp = this.trapTmp;
    let h = 0.5 * step;
    for (let level = 0; level < TRAP_EXTRA_LEVELS; level++) {
      tmp.fill(0);
      const n = Math.ceil((left + right) / h);
      for (let j = 0; j < n; j++) this.accumulate(c - left + (j + 0.5) * h, h, tmp);
      for (let k = 0; k < MOMENTS; k++) {
        coarse[k] = fine[k];
        fine[k] = 0.5 * (fine[k] + tmp[k]);
      }
      if (this.accept(coarse, fine, sv)) return true;
      h *= 0.5;
    }
    return false;
  }

  /**
   * Accepts a nested pair of sums (step Δ and Δ/2 of a rule converging like e^{−c/Δ}, whose halved error is
   * about the square of the coarse one) when each component moved by less than 1e−6 of its scale: ∫w, ∫w·d²,
   * and √(∫w·∫w·d²) for the centred first moments (~0); the scales are at least 1e6 × the rounding of dt and
   * dh (see `posterior`), an error of 1e−6 of which moves Var_post by ~1e−22·|φ*|·sd. Sets the inner values.
   */
  private accept(coarse: Float64Array, fine: Float64Array, sv: number): boolean {
    const rt = 1e6 * ROUND * Math.abs(this.phiStar);
    const rh = 1e6 * ROUND * Math.abs(this.hStar);
    const sc = this.trapScale;
    sc[0] = fine[0];
    sc[1] = Math.sqrt(fine[0] * fine[2]) + rt * fine[0];
    sc[2] = fine[2] + rt * sc[1];
    sc[3] = Math.sqrt(fine[0] * fine[4]) + rh * fine[0];
    sc[4] = fine[4] + rh * sc[3];
    if (this.lenient && fine[0] > 0 && allFinite(fine)) {
      this.finish(fine, sv);
      return true;
    }
    const accept = this.tier.innerAccept;
    for (let k = 0; k < 3; k++) if (!(Math.abs(fine[k] - coarse[k]) <= accept * sc[k])) return false;
    if (this.scoreForm) {
      // the score's scale is √(A·E φ'²) (at small A·v, B ~ √A): a score near 0 needs no relative accuracy
      const scale = Math.abs(fine[5]) + 1e-3 * Math.sqrt(this.aScale) * fine[0];
      if (!(Math.abs(fine[5] - coarse[5]) <= accept * scale)) return false;
      this.finish(fine, sv);
      return true;
    }
    for (let k = 3; k < 5; k++) if (!(Math.abs(fine[k] - coarse[k]) <= accept * sc[k])) return false;
    // f_𝒜 = (v − Var_post h)/v² cancels when A·v·φ'² ≪ 1; its error must stay far below the average 𝒜 (scale
    // aScale ≈ A·E φ'²), so the h-variance must be good to ACCEPT of v²·max(|f_𝒜|, aScale), and the sums'
    // rounding (~1e−15 of v, against ~1e−16 for the adaptive pass) must be 1e−9 of it: at A = 1e−3, v = 1e−5
    // (v·aScale = 5e−9) it showed at 8e−7 in 𝒜, so such points go to the adaptive pass (or, with φ' known,
    // take the squared-score form above)
    const mh = fine[3] / fine[0];
    const v2 = this.v * this.v;
    const gap = Math.max(Math.abs(this.v - (fine[4] / fine[0] - mh * mh)), v2 * this.aScale);
    if (!(this.v * this.aScale >= 1e-6 && Math.abs(fine[4] - coarse[4]) <= accept * gap * fine[0]))
      return false;
    this.finish(fine, sv);
    return true;
  }

  /**
   * Fast path across breakpoints: the window split at the breakpoints of φ and at every non-negligible mode,
   * and the tanh–sinh rule on each piece (double-exponential clustering at the ends resolves a kink or a peak
   * at an end at every scale), checked by halving the step as in `trapezoid`.
   */
  private doubleExponential(lo: number, hi: number, sv: number, nModes: number, best: number): boolean {
    // trim the window to where e − e* > −46 (beyond the outermost non-negligible mode the exponent falls on
    // every piece, as any other piece's maximum is below e* − 46): a long empty stretch would need the finest level
    let cl = this.hStar;
    let cr = this.hStar;
    for (let j = 0; j < nModes; j++) {
      if (this.modeE[j] > best - 46) {
        cl = Math.min(cl, this.modeH[j]);
        cr = Math.max(cr, this.modeH[j]);
      }
    }
    const d0 = this.modeWidth(this.hStar, sv);
    let d = d0;
    while (cl - d > lo && this.exponent(cl - d) > best - 46) d *= 2;
    const a0 = Math.max(lo, cl - d);
    d = d0;
    while (cr + d < hi && this.exponent(cr + d) > best - 46) d *= 2;
    const b0 = Math.min(hi, cr + d);
    const sp = this.splits;
    sp.length = 0;
    sp.push(a0, b0, this.hStar);
    for (const p of this.act.breakpoints) if (p > a0 && p < b0) sp.push(p);
    for (let j = 0; j < nModes; j++) {
      const h = this.modeH[j];
      if (this.modeE[j] > best - 46 && h > a0 && h < b0) sp.push(h);
    }
    sp.sort((a, b) => a - b);
    const coarse = this.trapCoarse;
    const fine = this.trapFine;
    // first Gauss–Legendre of two orders on each piece (the integrand is analytic on a piece; geometric
    // convergence, so the higher order's error is far below their difference) — 4× fewer points than tanh–sinh
    // when the piece holds no scale much finer than itself
    // (only on pieces at most 40 widths of the narrowest non-negligible peak long: both orders can miss a peak far narrower than the piece at
    // its end alike and agree — A = 1e10, width 1e−5 on a piece of length 5 gave 𝒱 off by 2e−6)
    let dmin = d0;
    for (let j = 0; j < nModes; j++) {
      if (this.modeE[j] > best - 46) dmin = Math.min(dmin, this.modeWidth(this.modeH[j], sv));
    }
    let glOk = true;
    for (let i = 0; i + 1 < sp.length; i++) if (sp[i + 1] - sp[i] > 40 * dmin) glOk = false;
    coarse.fill(0);
    fine.fill(0);
    if (glOk) {
      this.legendre(sp, this.glLow, coarse);
      this.legendre(sp, this.glHigh, fine);
      if (this.accept(coarse, fine, sv)) return true;
    }
    coarse.fill(0);
    fine.fill(0);
    // levels: step 4δ (coarse) and 2δ (fine) first; if they disagree, 2δ against δ (the odd nodes added)
    this.deLevels(sp, 2, coarse, fine);
    if (this.accept(coarse, fine, sv)) return true;
    for (let k = 0; k < MOMENTS; k++) coarse[k] = fine[k];
    this.deLevels(sp, 1, null, fine);
    return this.accept(coarse, fine, sv);
  }

  /** A Gauss–Legendre rule on [0, 1] applied to every piece of `sp`, into acc. */
  private legendre(sp: number[], rule: QuadratureRule, acc: Float64Array): void {
    for (let i = 0; i + 1 < sp.length; i++) {
      const a = sp[i];
      const len = sp[i + 1] - a;
      if (!(len > 0)) continue;
      for (let j = 0; j < rule.nodes.length; j++)
        this.accumulate(a + len * rule.nodes[j], len * rule.weights[j], acc);
    }
  }

  /**
   * Tanh–sinh sums over the pieces of `sp`: with stride 2, nodes j·2δ into `fine` (step 2δ) and the even ones
   * into `coarse` (step 4δ); with stride 1, `fine` (step 2δ) is halved to step δ by adding the odd nodes.
   */
  private deLevels(sp: number[], stride: number, coarse: Float64Array | null, fine: Float64Array): void {
    const X = DE_X;
    const W = DE_W;
    if (stride === 1) for (let k = 0; k < MOMENTS; k++) fine[k] *= 0.5;
    const fineFactor = stride === 1 ? 1 : 2;
    for (let i = 0; i + 1 < sp.length; i++) {
      const a = sp[i];
      const b = sp[i + 1];
      if (!(b > a)) continue;
      const mid = 0.5 * (a + b);
      const half = 0.5 * (b - a);
      for (let j = stride === 1 ? -DE_N + 1 : -DE_N; j <= DE_N; j += 2) {
        const jj = j + DE_N;
        const hw = half * W[jj];
        if (coarse !== null && j % 4 === 0)
          this.accumulate(mid + half * X[jj], fineFactor * hw, fine, 4 * hw, coarse);
        else this.accumulate(mid + half * X[jj], fineFactor * hw, fine);
      }
    }
  }

  /** Golden-section maximum of the exponent on [a, b] (to ~1e−12 of the bracket) into refH, refE. */
  private refineMode(a: number, b: number): void {
    const g = 0.5 * (Math.sqrt(5) - 1);
    let x1 = b - g * (b - a);
    let x2 = a + g * (b - a);
    let e1 = this.exponent(x1);
    let e2 = this.exponent(x2);
    for (let it = 0; it < 60 && b - a > 1e-12 * (1 + Math.abs(a) + Math.abs(b)); it++) {
      if (e1 >= e2) {
        b = x2;
        x2 = x1;
        e2 = e1;
        x1 = b - g * (b - a);
        e1 = this.exponent(x1);
      } else {
        a = x1;
        x1 = x2;
        e1 = e2;
        x2 = a + g * (b - a);
        e2 = this.exponent(x2);
      }
    }
    this.refH = e1 >= e2 ? x1 : x2;
    this.refE = Math.max(e1, e2);
  }

  /** Width of the posterior peak at its mode h: 1/√(−e''(h)) from a central difference, at most √v. */
  private modeWidth(h: number, sv: number): number {
    const d = 1e-4 * sv;
    const e0 = this.exponent(h);
    const curv = -(this.exponent(h + d) - 2 * e0 + this.exponent(h - d)) / (d * d);
    return curv > 1 / (sv * sv) ? 1 / Math.sqrt(curv) : sv;
  }

  /** ∫dB N(B; 0, A) Z(B, ω) (log Z, Var t, f_𝒜) at the current ω into out. */
  private overB(out: Float64Array): void {
    const { A, v } = this;
    if (A === 0) {
      this.B = 0;
      this.posterior();
      out[0] = 0;
      out[1] = this.inner.fV;
      out[2] = 0;
      return;
    }
    // B = Aφ(h₀) + √A η with h₀ within 12√v of ω: the range of φ there bounds where B lives.
    const sv = Math.sqrt(v);
    let pmin = Number.POSITIVE_INFINITY;
    let pmax = Number.NEGATIVE_INFINITY;
    for (let i = 0; i <= GRID; i++) {
      const p = this.act.phi(this.omega + H_WINDOW * sv * (2 * (i / GRID) - 1));
      if (p < pmin) pmin = p;
      if (p > pmax) pmax = p;
    }
    const sA = Math.sqrt(A);
    const lo = A * pmin - 9 * sA;
    const hi = A * pmax + 9 * sA;
    // The density of B given ω is the image of N(h₀; ω, v) under Aφ smoothed by N(0, A): where φ is flat (or
    // saturates) it has a spike of width √A at Aφ(p), tiny against the range A·(pmax − pmin) once A·v ≫ 1, and
    // the posterior switches pieces across it. Grade the mesh towards those images (sinh map: every scale
    // from √A to the range in O(1) panels); in u = (B − lo)/S.
    const S = hi - lo;
    const gp = this.middle;
    gp.reset();
    const wid = sA / S;
    const hw = H_WINDOW * sv;
    for (const p of this.act.breakpoints) {
      if (p > this.omega - hw && p < this.omega + hw) {
        // a jump: both one-sided values
        const e = 1e-12 * (1 + Math.abs(p));
        gp.feature((A * this.act.phi(p - e) - lo) / S, wid);
        gp.feature((A * this.act.phi(p + e) - lo) / S, wid);
      }
    }
    gp.feature((A * this.act.phi(this.omega - hw) - lo) / S, wid);
    gp.feature((A * this.act.phi(this.omega + hw) - lo) / S, wid);
    gp.build(0, 1);
    // a fixed Gauss–Legendre rule on every panel of the graded mesh (in the mapped variable the integrand is
    // smooth on the panel's own scale)
    const rule = this.bRule;
    let o0 = 0;
    let o1 = 0;
    let o2 = 0;
    for (let k = 0; k < gp.n; k++) {
      for (let i = 0; i < rule.nodes.length; i++) {
        gp.map(k + rule.nodes[i]);
        const B = lo + S * gp.x;
        this.B = B;
        // e^{−60} of the density times |log Z| ≤ 1e−26·(1 + |e*|) is far below the tolerance of every component
        this.posterior(-60 - Math.log1p(Math.abs(B) * (1 + Math.abs(B) / A)));
        if (this.inner.logDens === Number.NEGATIVE_INFINITY) continue;
        const dens = (Math.exp(this.inner.logDens) * INV_SQRT_2PI * S * gp.jac * rule.weights[i]) / sA;
        o0 += dens * this.inner.logZ;
        o1 += dens * this.inner.fV;
        o2 += dens * this.inner.fA;
      }
    }
    out[0] = o0;
    out[1] = o1;
    out[2] = o2;
  }

  /** overB at ω = √m·w into o; returns the Gaussian weight N(w). */
  private omegaTerm(sm: number, w: number, o: Float64Array): number {
    this.omega = sm * w;
    this.overB(o);
    return INV_SQRT_2PI * Math.exp(-0.5 * w * w);
  }

  compute(A: number, v: number, m: number): Float64Array {
    this.A = A;
    this.v = v;
    // A·E φ'² by central differences on a 41-point trapezoid over ±6 prior deviations
    const sp = Math.sqrt(m + v);
    const eps = 1e-4 * sp;
    let ep = 0;
    for (let i = -20; i <= 20; i++) {
      const z = 0.3 * i;
      const d = (this.act.phi(sp * z + eps) - this.act.phi(sp * z - eps)) / (2 * eps);
      ep += 0.3 * INV_SQRT_2PI * Math.exp(-0.5 * z * z) * d * d;
    }
    this.aScale = A * ep;
    this.scoreForm = this.act.dphi !== undefined && v * this.aScale < SCORE_FORM_BELOW;
    const res = this.result;
    if (m === 0) {
      this.omega = 0;
      this.overB(res);
      return res;
    }
    const sm = Math.sqrt(m);
    const of = this.outerFloor;
    of[0] = 1e-12 * (1 + A * (m + v));
    of[1] = 1e-12 * (m + v);
    of[2] = 1e-12 * (1 + A);
    const gp = this.outer;
    gp.reset();
    for (const p of this.act.breakpoints) gp.feature(p / sm, Math.sqrt(v / m));
    gp.build(-L, L);
    const o = this.outerOut;
    let r0 = 0;
    let r1 = 0;
    let r2 = 0;
    if (gp.n === gp.linearSegments) {
      // No feature narrower than the unit scale: the integrand is analytic in w, but (tanh at small v) with
      // singularities as close as π/(2√m) to the real axis, where Gauss–Hermite converges only like
      // e^{−d√(2n)} (1e−4 at n = 40). The trapezoidal rule converges like e^{−2πd/Δ}: halve Δ until two
      // levels agree to W_ACCEPT (the halved sum's error is about its square).
      const prev = this.outerPrev;
      let step = W_STEP;
      let n = Math.ceil(W_RANGE / step);
      for (let k = -n; k <= n; k++) {
        const g = this.omegaTerm(sm, k * step, o);
        r0 += g * o[0];
        r1 += g * o[1];
        r2 += g * o[2];
      }
      r0 *= step;
      r1 *= step;
      r2 *= step;
      for (let level = 0; level < W_LEVELS; level++) {
        prev[0] = r0;
        prev[1] = r1;
        prev[2] = r2;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        for (let k = -n; k < n; k++) {
          const g = this.omegaTerm(sm, (k + 0.5) * step, o);
          s0 += g * o[0];
          s1 += g * o[1];
          s2 += g * o[2];
        }
        r0 = 0.5 * (r0 + step * s0);
        r1 = 0.5 * (r1 + step * s1);
        r2 = 0.5 * (r2 + step * s2);
        step *= 0.5;
        n *= 2;
        const wAccept = this.tier.wAccept;
        if (
          Math.abs(r0 - prev[0]) <= wAccept * Math.abs(r0) + of[0] &&
          Math.abs(r1 - prev[1]) <= wAccept * Math.abs(r1) + of[1] &&
          Math.abs(r2 - prev[2]) <= wAccept * Math.abs(r2) + of[2]
        ) {
          break;
        }
      }
    } else {
      const rule = this.wPanelRule;
      for (let k = 0; k < gp.n; k++) {
        for (let i = 0; i < rule.nodes.length; i++) {
          gp.map(k + rule.nodes[i]);
          const w = gp.x;
          this.omega = sm * w;
          this.overB(o);
          const g = INV_SQRT_2PI * Math.exp(-0.5 * w * w) * gp.jac * rule.weights[i];
          r0 += g * o[0];
          r1 += g * o[1];
          r2 += g * o[2];
        }
      }
    }
    res[0] = r0;
    res[1] = r1;
    res[2] = r2;
    return res;
  }
}

function allFinite(xs: Float64Array): boolean {
  for (let i = 0; i < xs.length; i++) if (!Number.isFinite(xs[i])) return false;
  return true;
}

/** acc += weight·{w, w·dt, w·dt², w·dh, w·dh², w·score}, given wt = w·dt, wh = w·dh and ws = w·score. */
function addMoments(
  acc: Float64Array,
  weight: number,
  w: number,
  wt: number,
  dt: number,
  wh: number,
  dh: number,
  ws: number,
): void {
  acc[0] += weight * w;
  acc[1] += weight * wt;
  acc[2] += weight * wt * dt;
  acc[3] += weight * wh;
  acc[4] += weight * wh * dh;
  acc[5] += weight * ws;
}
