/**
 * A partition of [−L, L] graded towards known narrow features, expressed as one composite variable
 * s ∈ [0, nSegments] so that a single adaptive Gauss–Kronrod pass (breakpoints at the integers) covers it.
 *
 * The interface integrands of replica-math §4.3(b) switch between pieces across lines in the (b, w) plane:
 * at fixed b, a transition sits at a known w* with a known width δ (§4.5(4), "the reason fixed rules fail
 * for small v"). Around each feature the map w = p ± δ·sinh(t) (for |w − p| ≤ R) turns every scale between δ
 * and R into O(1) in t, so the integrand is smooth in t whatever δ is; beyond R plain linear segments
 * take over (the Gaussian tails vary on the unit scale in w, not in t). Features wider than R/4 are treated
 * as ordinary breakpoints. Everything lives in preallocated typed arrays: no allocation per call.
 */

import { sortedFeatures } from "./sorted-features";

const KIND_LINEAR = 0;
const KIND_SINH = 1;

export class GradedPartition {
  /** Number of unit segments; s ∈ [0, n]. */
  n = 0;
  /** How many of them are linear (n equals it when no feature was narrow enough to be graded). */
  linearSegments = 0;
  /** Breakpoints 1..n−1 for the adaptive pass. */
  readonly breakpoints: number[] = [];
  private readonly kind: Int8Array;
  private readonly t0: Float64Array;
  private readonly t1: Float64Array;
  private readonly centre: Float64Array;
  private readonly scale: Float64Array;
  private readonly fpos: Float64Array;
  private readonly fwid: Float64Array;
  private readonly order: Int32Array;
  private nf = 0;
  /** Mapped abscissa and Jacobian of the last `map` call. */
  x = 0;
  jac = 0;

  /**
   * @param maxFeatures features per call
   * @param reach R: the sinh map covers |w − p| ≤ R
   * @param panel length in t of one sinh sub-segment (a few units keeps the K15 rule accurate at once)
   * @param linearPanel longest linear segment (the Gaussian weight varies on the unit scale)
   */
  constructor(
    maxFeatures: number,
    private readonly reach = 1,
    private readonly panel = 2.5,
    private readonly linearPanel = 1.5,
  ) {
    const cap = 20 * (maxFeatures + 2) + 64;
    this.kind = new Int8Array(cap);
    this.t0 = new Float64Array(cap);
    this.t1 = new Float64Array(cap);
    this.centre = new Float64Array(cap);
    this.scale = new Float64Array(cap);
    this.fpos = new Float64Array(maxFeatures);
    this.fwid = new Float64Array(maxFeatures);
    this.order = new Int32Array(maxFeatures);
  }

  /** Starts a new partition; features are then added with `feature` and the partition built by `build`. */
  reset(): void {
    this.nf = 0;
  }

  /** A feature at w = p of width δ (ignored if outside (lo, hi) or wider than R/4). */
  feature(p: number, delta: number): void {
    if (!(delta < 0.25 * this.reach) || !Number.isFinite(p)) return;
    this.fpos[this.nf] = p;
    this.fwid[this.nf] = delta;
    this.nf++;
  }

  private push(kind: number, t0: number, t1: number, centre: number, scale: number): void {
    if (kind === KIND_LINEAR) this.linearSegments++;
    const i = this.n++;
    this.kind[i] = kind;
    this.t0[i] = t0;
    this.t1[i] = t1;
    this.centre[i] = centre;
    this.scale[i] = scale;
  }

  private linear(a: number, b: number): void {
    if (!(b > a)) return;
    const k = Math.max(1, Math.ceil((b - a) / this.linearPanel));
    for (let i = 0; i < k; i++)
      this.push(KIND_LINEAR, a + ((b - a) * i) / k, a + ((b - a) * (i + 1)) / k, 0, 1);
  }

  /** Sinh-graded segment from the feature at p (width δ) to p + sign·d, split into panels of length ≤ panel. */
  private graded(p: number, delta: number, sign: number, d: number): void {
    if (!(d > 0)) return;
    const tEnd = Math.asinh(d / delta);
    const k = Math.max(1, Math.ceil(tEnd / this.panel));
    for (let i = 0; i < k; i++) {
      this.push(KIND_SINH, (tEnd * i) / k, (tEnd * (i + 1)) / k, p, sign * delta);
    }
  }

  /** Builds the segments of [lo, hi] from the features added since `reset`. */
  build(lo: number, hi: number): void {
    this.n = 0;
    this.linearSegments = 0;
    const { fpos, fwid, order } = this;
    const kept = sortedFeatures(fpos, fwid, this.nf, lo, hi, Number.POSITIVE_INFINITY, order);
    const R = this.reach;
    let left = lo;
    let leftFeature = -1;
    for (let i = 0; i <= kept; i++) {
      const right = i < kept ? fpos[order[i]] : hi;
      const rightFeature = i < kept ? order[i] : -1;
      const gap = right - left;
      const dl = leftFeature >= 0 ? Math.min(R, rightFeature >= 0 ? 0.5 * gap : gap) : 0;
      const dr = rightFeature >= 0 ? Math.min(R, leftFeature >= 0 ? 0.5 * gap : gap) : 0;
      if (leftFeature >= 0) this.graded(left, fwid[leftFeature], 1, dl);
      this.linear(left + dl, right - dr);
      if (rightFeature >= 0) this.gradedReversed(right, fwid[rightFeature], dr);
      left = right;
      leftFeature = rightFeature;
    }
    this.breakpoints.length = 0;
    for (let i = 1; i < this.n; i++) this.breakpoints.push(i);
  }

  /** Graded segment ending at the feature p, panels in increasing w. */
  private gradedReversed(p: number, delta: number, d: number): void {
    if (!(d > 0)) return;
    const tEnd = Math.asinh(d / delta);
    const k = Math.max(1, Math.ceil(tEnd / this.panel));
    for (let i = k - 1; i >= 0; i--) {
      this.push(KIND_SINH, (tEnd * i) / k, (tEnd * (i + 1)) / k, p, -delta);
    }
  }

  /** Maps s ∈ [0, n] to x (and dx/ds in `jac`). */
  map(s: number): void {
    let i = Math.floor(s);
    if (i >= this.n) i = this.n - 1;
    const u = s - i;
    const t0 = this.t0[i];
    const dt = this.t1[i] - t0;
    const t = t0 + u * dt;
    if (this.kind[i] === KIND_LINEAR) {
      this.x = t;
      this.jac = dt;
    } else {
      const sc = this.scale[i];
      this.x = this.centre[i] + sc * Math.sinh(t);
      this.jac = Math.abs(sc) * Math.cosh(t) * dt;
    }
  }
}
