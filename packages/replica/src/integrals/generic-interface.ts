/**
 * Hidden-layer averages Ψ, 𝒱, 𝒜 for an arbitrary pointwise activation φ (replica-math §2.2), by generic
 * Gaussian integrals rather than the piecewise-linear closed forms of §4.3(a):
 *
 *   Z(B, ω) = ∫dh N(h; ω, v) e^{−Aφ(h)²/2 + Bφ(h)}   (inner, adaptive in h),
 *   E[f] = E_{w} ∫dB N(B; 0, A)·Z(B, ω)·f(B, ω),  ω = √m·w   (middle in B, outer in w),
 *
 * using that, given ω, B = Aφ(h₀) + √A η has density N(B; 0, A)·Z(B, ω) (complete the square in η), so the
 * teacher's h₀ and η collapse into one variable. f ∈ {log Z, Var_post(t), 1/v − Var_post(h)/v²}; the posterior
 * moments are taken about the mode (h*, φ(h*)) so that variances do not cancel. Slow (three nested adaptive
 * levels) but independent of the piecewise engine — the check it is tested against — and valid for tanh,
 * sigmoid, erf or any user function; kinks and jumps of φ must be passed as breakpoints.
 */
import { gaussKronrodVector } from "@infoflow/numerics";
import { GradedPartition } from "./graded-partition";

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const L = 10;
/** Inner h-window half-width in prior standard deviations. */
const H_WINDOW = 10;
const GRID = 16;

export interface GenericActivation {
  phi(h: number): number;
  /** Points where φ has a kink or a jump (sorted). */
  breakpoints: readonly number[];
}

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
      epsRel: 1e-10,
      epsAbs: new Float64Array(5),
      maxSubdivisions: 200,
      breakpoints: [] as number[],
      throwOnFailure: false,
    },
    middle: {
      epsRel: 1e-9,
      epsAbs: new Float64Array(3),
      maxSubdivisions: 200,
      breakpoints: [] as number[],
      throwOnFailure: false,
    },
    outer: {
      epsRel: 1e-9,
      epsAbs: new Float64Array(3),
      maxSubdivisions: 200,
      breakpoints: [] as number[],
      throwOnFailure: false,
    },
  };
  readonly result = new Float64Array(3);

  constructor(private readonly act: GenericActivation) {
    this.modeH = new Float64Array(act.breakpoints.length + 1);
    this.modeE = new Float64Array(act.breakpoints.length + 1);
    this.outer = new GradedPartition(act.breakpoints.length + 1, 2, 4, 4);
    this.opts.outer.breakpoints = this.outer.breakpoints;
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
    fl[0] = 1e-14 * est;
    fl[1] = 1e-12 * est * dphi;
    fl[2] = 1e-13 * est * dphi * dphi;
    fl[3] = 1e-12 * est * sv;
    fl[4] = 1e-13 * est * v;
    bp.sort((a, b) => a - b);
    const r = gaussKronrodVector(
      (h, out) => {
        // e(h) − e*, written in the differences from the mode: the plain form subtracts terms of size A·φ² ~ 1e11
        // (A = 1e10) whose rounding, amplified by e^{…}, left a relative noise of 1e−4 that the adaptive pass
        // bisected in vain.
        const p = this.act.phi(h);
        const dt = p - this.phiStar;
        const dh = h - this.hStar;
        const w = Math.exp(
          dt * (this.cB - 0.5 * this.A * dt) - dh * (this.cH + (0.5 * dh) / this.v) + this.eOff,
        );
        out[0] = w;
        out[1] = w * dt;
        out[2] = w * dt * dt;
        out[3] = w * dh;
        out[4] = w * dh * dh;
      },
      5,
      lo,
      hi,
      this.opts.inner,
    );
    const [i0, i1, i2, i3, i4] = r.value;
    const mt = i1 / i0;
    const mh = i3 / i0;
    const logI = Math.log((i0 * INV_SQRT_2PI) / sv);
    this.inner.logZ = this.eStar + logI;
    this.inner.logDens = this.logDens0 + logI;
    this.inner.fV = Math.max(0, i2 / i0 - mt * mt);
    this.inner.fA = 1 / v - Math.max(0, i4 / i0 - mh * mh) / (v * v);
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
    const mf = this.opts.middle.epsAbs;
    mf[0] = 1e-13 * (1 + 0.5 * A * (pmax * pmax + pmin * pmin));
    mf[1] = 1e-13 * (pmax - pmin) ** 2;
    mf[2] = 1e-13 * (1 / v);
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
    this.opts.middle.breakpoints = gp.breakpoints;
    const r = gaussKronrodVector(
      (s, o) => {
        gp.map(s);
        const B = lo + S * gp.x;
        this.B = B;
        // e^{−60} of the density times |log Z| ≤ 1e−26·(1 + |e*|) is far below the tolerance of every component
        this.posterior(-60 - Math.log1p(Math.abs(B) * (1 + Math.abs(B) / A)));
        const dens = (Math.exp(this.inner.logDens) * INV_SQRT_2PI * S * gp.jac) / sA;
        o[0] = dens * this.inner.logZ;
        o[1] = dens * this.inner.fV;
        o[2] = dens * this.inner.fA;
      },
      3,
      0,
      gp.n,
      this.opts.middle,
    );
    out[0] = r.value[0];
    out[1] = r.value[1];
    out[2] = r.value[2];
  }

  compute(A: number, v: number, m: number): Float64Array {
    this.A = A;
    this.v = v;
    const res = this.result;
    if (m === 0) {
      this.omega = 0;
      this.overB(res);
      return res;
    }
    const sm = Math.sqrt(m);
    const of = this.opts.outer.epsAbs;
    of[0] = 1e-12 * (1 + A * (m + v));
    of[1] = 1e-12 * (m + v);
    of[2] = 1e-12 * (1 + A);
    const gp = this.outer;
    gp.reset();
    for (const p of this.act.breakpoints) gp.feature(p / sm, Math.sqrt(v / m));
    gp.build(-L, L);
    const r = gaussKronrodVector(
      (s, o) => {
        gp.map(s);
        const w = gp.x;
        this.omega = sm * w;
        this.overB(o);
        const g = INV_SQRT_2PI * Math.exp(-0.5 * w * w) * gp.jac;
        o[0] *= g;
        o[1] *= g;
        o[2] *= g;
      },
      3,
      0,
      gp.n,
      this.opts.outer,
    );
    res[0] = r.value[0];
    res[1] = r.value[1];
    res[2] = r.value[2];
    return res;
  }
}
