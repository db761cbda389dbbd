/**
 * A partition of [lo, hi] into Gauss–Kronrod panels graded towards known narrow features, with the nodes
 * and weights of every panel, for the interface quadrature (replica-math §4.5(4)).
 *
 * The interface integrands switch between pieces across lines in the (b, w) plane: at a fixed outer value a
 * switch sits at a known point p with a known width δ (§4.5(4), "the reason fixed rules fail for small v").
 * Around each feature the map x = p ± δ·sinh(t) (for |x − p| ≤ R) turns every scale between δ and R into O(1)
 * in t, so one K15 panel of length `sinhPanel` in t covers a factor ~e^sinhPanel of scales; beyond R plain
 * panels of length ≤ `linearPanel` take over. Panels live in preallocated typed arrays, can be bisected in
 * their own variable (`split`), and `fillNodes` writes the 15 Kronrod abscissae of a panel with the Kronrod
 * and Gauss weights multiplied by the Jacobian: nothing is allocated per call.
 */
import { G7_AT_K15, K15_NODES, K15_WEIGHTS } from "./kronrod15";
import { sortedFeatures } from "./sorted-features";

// Bound once: a module-namespace import read in the node loop costs a getter call per read when transpiled.
const XK = K15_NODES;
const WK = K15_WEIGHTS;
const WG = G7_AT_K15;

const KIND_LINEAR = 0;
/**
 * Cuts of plain panels: on [0, 3], [3, 5], [5, 8] a K15 panel integrates e^{−x²/2}·(smooth) to ~1e−15 of its mass
 * (the linear term of the exponent over a panel, x̄·h/2, stays below ~10).
 */
const BASE = [-5, -3, 0, 3, 5];
/** Cuts of a coarse mesh, for an integral whose tolerance is ≥ 1e−6 of its size (a node of small outer weight). */
const BASE_COARSE = [-4, 0, 4];
const KIND_SINH = 1;

export class PanelMesh {
  /** Number of panels. */
  n = 0;
  readonly cap: number;
  private readonly kind: Int8Array;
  private readonly t0: Float64Array;
  private readonly t1: Float64Array;
  private readonly centre: Float64Array;
  private readonly scale: Float64Array;
  private readonly fpos: Float64Array;
  private readonly fwid: Float64Array;
  private readonly order: Int32Array;
  private nf = 0;
  private base = BASE;

  /**
   * @param maxFeatures features per build
   * @param cap most panels (initial partition and bisections)
   * @param reach R: the sinh map covers |x − p| ≤ R
   * @param sinhPanel length in t of one graded panel
   * @param linearPanel longest plain panel
   * @param sharp features narrower than this are sinh-graded, wider ones are only cut at
   * @param featurePanel longest plain panel next to a wide feature, in units of its width
   */
  constructor(
    maxFeatures: number,
    cap: number,
    private readonly reach: number,
    private readonly sinhPanel: number,
    private readonly linearPanel: number,
    private readonly sharp: number,
    private readonly featurePanel: number,
  ) {
    this.cap = cap;
    this.kind = new Int8Array(cap);
    this.t0 = new Float64Array(cap);
    this.t1 = new Float64Array(cap);
    this.centre = new Float64Array(cap);
    this.scale = new Float64Array(cap);
    this.fpos = new Float64Array(maxFeatures);
    this.fwid = new Float64Array(maxFeatures);
    this.order = new Int32Array(maxFeatures);
  }

  /** Starts a new set of features. */
  reset(): void {
    this.nf = 0;
  }

  /** A feature at x = p of width δ (ignored when not finite or when δ is not below the reach). */
  feature(p: number, delta: number): void {
    if (!(delta < this.reach) || !(delta > 0) || !Number.isFinite(p) || this.nf === this.fpos.length) return;
    this.fpos[this.nf] = p;
    this.fwid[this.nf] = delta;
    this.nf++;
  }

  private push(kind: number, t0: number, t1: number, centre: number, scale: number): void {
    if (this.n === this.cap) return;
    const i = this.n++;
    this.kind[i] = kind;
    this.t0[i] = t0;
    this.t1[i] = t1;
    this.centre[i] = centre;
    this.scale[i] = scale;
  }

  /**
   * Plain panels on [a, b]: cut at the Gaussian's natural breakpoints 0, ±3, ±5 (unless within 1 of an end, where
   * a feature's graded panels take over) and at most `longest` long.
   */
  private linear(a: number, b: number, longest: number): void {
    if (!(b - a > 1e-9 * (1 + Math.abs(a)))) return;
    let left = a;
    const base = this.base;
    for (let i = 0; i <= base.length; i++) {
      const cut = i < base.length ? base[i] : b;
      if (i < base.length && (cut <= left + 1 || cut >= b - 1)) continue;
      const k = Math.max(1, Math.ceil((cut - left) / longest));
      for (let j = 0; j < k; j++) {
        this.push(KIND_LINEAR, left + ((cut - left) * j) / k, left + ((cut - left) * (j + 1)) / k, 0, 1);
      }
      left = cut;
    }
  }

  /** Graded panels from the feature at p (width δ) over a distance d on side `sign` (panels in increasing x). */
  private graded(p: number, delta: number, sign: number, d: number): void {
    if (!(d > 0)) return;
    const tEnd = Math.asinh(d / delta);
    const k = Math.max(1, Math.ceil(tEnd / this.sinhPanel));
    if (sign > 0) {
      for (let i = 0; i < k; i++) this.push(KIND_SINH, (tEnd * i) / k, (tEnd * (i + 1)) / k, p, delta);
    } else {
      for (let i = k - 1; i >= 0; i--) this.push(KIND_SINH, (tEnd * i) / k, (tEnd * (i + 1)) / k, p, -delta);
    }
  }

  /**
   * Builds the panels of [lo, hi] from the features added since `reset`. `coarse` (an integral needed only to a
   * loose tolerance): fewer cuts, longer plain panels, and only the narrowest features.
   */
  build(lo: number, hi: number, coarse = false): void {
    this.n = 0;
    this.base = coarse ? BASE_COARSE : BASE;
    const { fpos, fwid, order } = this;
    const plain = coarse ? 2 * this.linearPanel : this.linearPanel;
    const sharp = coarse ? 0.25 * this.sharp : this.sharp;
    const kept = sortedFeatures(
      fpos,
      fwid,
      this.nf,
      lo,
      hi,
      coarse ? sharp : Number.POSITIVE_INFINITY,
      order,
    );
    // Narrow features get sinh-graded panels over min(R, half the gap) on each side; wider ones only a cut, with
    // plain panels next to them at most `featurePanel` widths long.
    const R = this.reach;
    let left = lo;
    let leftFeature = -1;
    for (let i = 0; i <= kept; i++) {
      const right = i < kept ? fpos[order[i]] : hi;
      const rightFeature = i < kept ? order[i] : -1;
      const gap = right - left;
      const sharpL = leftFeature >= 0 && fwid[leftFeature] < sharp;
      const sharpR = rightFeature >= 0 && fwid[rightFeature] < sharp;
      const dl = sharpL ? Math.min(R, sharpR ? 0.5 * gap : gap) : 0;
      const dr = sharpR ? Math.min(R, sharpL ? 0.5 * gap : gap) : 0;
      let longest = plain;
      if (leftFeature >= 0 && !sharpL) longest = Math.min(longest, this.featurePanel * fwid[leftFeature]);
      if (rightFeature >= 0 && !sharpR) longest = Math.min(longest, this.featurePanel * fwid[rightFeature]);
      if (sharpL) this.graded(left, fwid[leftFeature], 1, dl);
      this.linear(left + dl, right - dr, longest);
      if (sharpR) this.graded(right, fwid[rightFeature], -1, dr);
      left = right;
      leftFeature = rightFeature;
    }
  }

  /** Bisects panel s in its own variable: s keeps the first half, the second half becomes panel n. */
  split(s: number): boolean {
    if (this.n === this.cap) return false;
    const mid = 0.5 * (this.t0[s] + this.t1[s]);
    if (!(mid > this.t0[s] && mid < this.t1[s])) return false;
    this.push(this.kind[s], mid, this.t1[s], this.centre[s], this.scale[s]);
    this.t1[s] = mid;
    return true;
  }

  /**
   * Writes the 15 Kronrod abscissae of panel s to x[at..at+15) and their Kronrod and Gauss weights times the
   * Jacobian to wk, wg (wg = 0 at the Kronrod-only nodes).
   */
  fillNodes(s: number, x: Float64Array, wk: Float64Array, wg: Float64Array, at: number): void {
    const t0 = this.t0[s];
    const half = 0.5 * (this.t1[s] - t0);
    const mid = t0 + half;
    const sinh = this.kind[s] === KIND_SINH;
    const c = this.centre[s];
    const sc = this.scale[s];
    for (let j = 0; j < 15; j++) {
      const t = mid + half * XK[j];
      let jac = half;
      if (sinh) {
        const e = Math.exp(t);
        const ie = 1 / e;
        x[at + j] = c + 0.5 * sc * (e - ie);
        jac *= 0.5 * Math.abs(sc) * (e + ie);
      } else {
        x[at + j] = t;
      }
      wk[at + j] = jac * WK[j];
      wg[at + j] = jac * WG[j];
    }
  }
}
