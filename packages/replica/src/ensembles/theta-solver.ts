/**
 * The θ-equation of the matrix term F_W (replica-math §2.3, §3.3, dnner's `iter_theta`, "eq. 50a"):
 *
 *   h(θ; γ) = (1−θ)·E_λ[1/(γλ + c)] − 1 = 0,   c = (1−θ)(1−αθ),
 *
 * and the root we need is the smallest positive one. ∂F/∂θ = −(1+α−2αθ)·h/(1−θ), so on [0, 1) the zeros
 * of h are the stationary points of F. With a fraction f₀ = 1−α of zero eigenvalues (n_ℓ < n_{ℓ−1}) h has the
 * trivial root θ = 1, which is not stationary; we solve the deflated r = h/(α(1−θ)) = E₊[1/(γλ+c)] − 1/(1−αθ)
 * instead (§3.3 "deflate the trivial root analytically").
 *
 * Solver (§3.3 "recommended", not dnner's bounded Brent on a squared residual, which is only 1e−5 accurate and
 * can return spurious roots): scan from θ = 0 for the first sign change − → + (points accumulating at a
 * singular end), then a bracketed Newton step on r with r′ from the same O(n) pass (falls back to bisection),
 * to ~1e−15 relative. No sign change → ok = false (the fixed-point iteration then cannot continue from here;
 * the robust driver falls back to ML-VAMP, §3.5). Successive calls from one iteration see nearby γ, so a solve
 * first tries Newton from the previous root and accepts it when r < 0 at 8 grid points below it (a few O(n)
 * passes instead of a full scan).
 */
import type { Spectrum } from "./spectrum";

export interface ThetaRoot {
  theta: number;
  ok: boolean;
}

/** Zero fractions within this of 1−α are treated as exactly 1−α (the rank deficit of an n_ℓ×n_{ℓ−1} matrix). */
const DEFLATE_TOL = 1e-9;
const SCAN_POINTS = 32;
/** Points halving the distance to the end of the interval (down to 2^−40 of a grid step). */
const END_POINTS = 40;
/** Warm start: Newton steps from the previous root, then this many grid points below the root must be < 0. */
const WARM_NEWTON_STEPS = 8;
const WARM_CHECK_POINTS = 8;
const MAX_REFINE = 100;

/** Whether the zero eigenvalues are exactly the rank deficit 1−α (then θ = 1 is a trivial root to deflate). */
export function isDeflatable(spectrum: Spectrum, alpha: number): boolean {
  return (
    alpha < 1 && spectrum.zeroFraction > 0 && Math.abs(spectrum.zeroFraction - (1 - alpha)) <= DEFLATE_TOL
  );
}

/** Solver of the θ-equation for one spectrum; keeps scratch state so each solve allocates nothing. */
export class ThetaSolver {
  private readonly lam: Float64Array;
  private readonly f0: number;
  private readonly deflate: boolean;
  /** Value and derivative of the root function at the last `evaluate` call. */
  private fv = 0;
  private dfv = 0;

  constructor(
    spectrum: Spectrum,
    private readonly alpha: number,
  ) {
    this.lam = spectrum.positive;
    this.f0 = spectrum.zeroFraction;
    this.deflate = isDeflatable(spectrum, alpha);
  }

  /** h(θ; γ) itself (not deflated), for stationarity checks. */
  h(theta: number, gamma: number): number {
    const { lam, f0, alpha } = this;
    const c = (1 - theta) * (1 - alpha * theta);
    let m = 0;
    for (let i = 0; i < lam.length; i++) m += 1 / (gamma * lam[i] + c);
    if (lam.length > 0) m /= lam.length;
    // (1−θ)·f₀/c = f₀/(1−αθ): the zero eigenvalues' share, written without the removable 0/0 at θ = 1.
    return (f0 > 0 ? f0 / (1 - alpha * theta) : 0) + (1 - f0) * (1 - theta) * m - 1;
  }

  /** Root function (h, or its deflated form) and its θ-derivative, in one pass over the eigenvalues. */
  private evaluate(theta: number, gamma: number): void {
    const { lam, f0, alpha } = this;
    const c = (1 - theta) * (1 - alpha * theta);
    const dc = 2 * alpha * theta - (1 + alpha);
    let m = 0;
    let m2 = 0;
    for (let i = 0; i < lam.length; i++) {
      const r = 1 / (gamma * lam[i] + c);
      m += r;
      m2 += r * r;
    }
    if (lam.length > 0) {
      m /= lam.length;
      m2 /= lam.length;
    }
    const s = 1 - alpha * theta;
    if (this.deflate) {
      this.fv = (1 - f0) * m - alpha / s;
      this.dfv = -(1 - f0) * dc * m2 - (alpha * alpha) / (s * s);
    } else {
      const z = f0 > 0 ? f0 / s : 0;
      this.fv = z + (1 - f0) * (1 - theta) * m - 1;
      this.dfv = (f0 > 0 ? (z * alpha) / s : 0) - (1 - f0) * m - (1 - f0) * (1 - theta) * dc * m2;
    }
  }

  /** The root function alone (no derivative: one division and one addition per eigenvalue), for sign tests. */
  private value(theta: number, gamma: number): number {
    const { lam, f0, alpha } = this;
    const c = (1 - theta) * (1 - alpha * theta);
    let m = 0;
    for (let i = 0; i < lam.length; i++) m += 1 / (gamma * lam[i] + c);
    if (lam.length > 0) m /= lam.length;
    const s = 1 - alpha * theta;
    if (this.deflate) return (1 - f0) * m - alpha / s;
    return (f0 > 0 ? f0 / s : 0) + (1 - f0) * (1 - theta) * m - 1;
  }

  /** Upper end of the search interval and whether the root function blows up (to +∞) there. */
  private interval(gamma: number): { hi: number; singular: boolean } {
    const { alpha, lam, f0 } = this;
    if (this.deflate) return { hi: 1, singular: false };
    let sing = Number.POSITIVE_INFINITY;
    if (lam.length > 0) {
      // smallest θ with (1−θ)(1−αθ) = −γ λ_min (the positive eigenvalues' pole)
      const disc = (1 - alpha) * (1 - alpha) - 4 * alpha * gamma * lam[0];
      if (disc >= 0) sing = (1 + alpha - Math.sqrt(disc)) / (2 * alpha);
    }
    if (f0 > 0) sing = Math.min(sing, 1 / alpha); // the zero eigenvalues' pole f₀/(1−αθ)
    return sing <= 1 ? { hi: sing, singular: true } : { hi: 1, singular: false };
  }

  solve(gamma: number): ThetaRoot {
    if (gamma === 0) return { theta: 0, ok: true };
    if (!(gamma > 0) || !Number.isFinite(gamma)) return { theta: Number.NaN, ok: false };
    const { hi, singular } = this.interval(gamma);
    const warm = this.warmStart(gamma, hi);
    const r = warm ?? this.scan(gamma, hi, singular);
    this.previous = r.ok ? r.theta : Number.NaN;
    return r;
  }

  /** Root from the previous call's root (successive sweeps move γ little): Newton from there, then a check. */
  private previous = Number.NaN;

  private warmStart(gamma: number, hi: number): ThetaRoot | undefined {
    let x = this.previous;
    if (!(x > 0 && x < hi)) return undefined;
    for (let it = 0; it < WARM_NEWTON_STEPS; it++) {
      this.evaluate(x, gamma);
      const next = x - this.fv / this.dfv;
      if (!(next > 0 && next < hi)) return undefined;
      const dx = Math.abs(next - x);
      x = next;
      if (dx <= 1e-15 * x) break;
      if (it === WARM_NEWTON_STEPS - 1) return undefined;
    }
    // the first root: r < 0 on a grid below it (r(0) < 0 always for γ > 0); a second root close below the
    // previous one is what this guards against
    if (!(this.value(x * (1 - 1e-9), gamma) < 0)) return undefined;
    for (let j = 1; j < WARM_CHECK_POINTS; j++) {
      if (!(this.value((x * j) / WARM_CHECK_POINTS, gamma) < 0)) return undefined;
    }
    return { theta: x, ok: true };
  }

  /**
   * Scan from θ = 0 for the first sign change − → + of the root function, then refine. Points: uniform, then
   * halving the distance to the end of the interval — near θ = 1 the small eigenvalues create structure of
   * width ~√(γλ_min) (square matrices: a pair of roots just below 1 that a uniform grid steps over) — then the
   * end itself when the root function is finite there.
   */
  private scan(gamma: number, hi: number, singular: boolean): ThetaRoot {
    let lo = 0;
    const flo = this.value(0, gamma);
    if (flo >= 0) return { theta: 0, ok: flo === 0 };
    const step = hi / SCAN_POINTS;
    const count = SCAN_POINTS - 1 + END_POINTS + (singular ? 0 : 1);
    for (let i = 1; i <= count; i++) {
      let x: number;
      if (i < SCAN_POINTS) x = i * step;
      else if (i < SCAN_POINTS + END_POINTS) x = hi - step * 2 ** (SCAN_POINTS - 1 - i);
      else x = hi;
      if (!(x > lo)) continue;
      const fx = this.value(x, gamma);
      if (fx >= 0) return fx === 0 ? { theta: x, ok: true } : this.refine(lo, x, gamma);
      lo = x;
    }
    // No root: h < 0 on the whole interval, so ∂F/∂θ > 0 and F climbs to the end of the interval; the iteration
    // continues from (just below) that end, where dnner's minimiser also ends up (θ ≈ 1, replica-components).
    return { theta: hi * (1 - 1e-6), ok: false };
  }

  /** Bracketed Newton on [a, b] with r(a) < 0 < r(b). */
  private refine(a: number, b: number, gamma: number): ThetaRoot {
    let x = 0.5 * (a + b);
    for (let it = 0; it < MAX_REFINE; it++) {
      this.evaluate(x, gamma);
      const f = this.fv;
      if (f === 0) break;
      if (f < 0) a = x;
      else b = x;
      let next = x - f / this.dfv;
      if (!(next > a && next < b)) next = 0.5 * (a + b);
      const dx = Math.abs(next - x);
      x = next;
      if (dx <= 1e-15 * x || b - a <= 1e-15 * x) break;
    }
    return { theta: x, ok: true };
  }
}
