/**
 * Pointwise posterior of a piecewise-linear activation t = φ(h), h ~ N(ω, v), under the Gaussian message
 * e^{−A t²/2 + B t} (replica-math §4.3(a), the "unified piecewise-linear formulation"). On piece k,
 * h ∈ (l_k, u_k) and φ(h) = κ_k h + c_k; the posterior of h restricted to a piece is a truncated normal.
 *
 * `evaluate(B, ω)` fills, without allocating:
 *   logZ — the exact, normalised log Z_ℓ(A, B, ω, Ṽ) of §2.2 (f_Ψ),
 *   fV   — Var_post(t) = ∂²_B log Z (f_𝒱),
 *   fA   — (∂_ω log Z)² = ((⟨h⟩ − ω)/v)², whose average equals that of −∂²_ω log Z = 1/v − Var_post(h)/v²
 *          (§4.3(a)) because B | ω has density ∝ Z (so E_B[∂²_ω Z/Z] = 0); unlike 1/v − Var/v² it has no
 *          cancellation when A·v ≪ 1 (there Var_post(h) ≈ v and the difference of two O(1/v) terms is O(A)),
 *          and ⟨h⟩ − ω is formed piece by piece as (κB' − Aκ²ω)/a + s·r1 without subtracting ω,
 *   logM[k] — log of the truncated mass M_k of piece k (the averaging weight of §4.3(b)).
 * `setPoint(A, v)` precomputes everything that depends on (A, v) only.
 */
import { truncatedNormal } from "./truncated-normal";

/** A piecewise-linear activation: on (lo[k], hi[k]) φ(h) = kappa[k]·h + c[k]; pieces cover the real line. */
export interface Pieces {
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly kappa: Float64Array;
  readonly c: Float64Array;
}

export function pieces(list: ReadonlyArray<readonly [number, number, number, number]>): Pieces {
  return {
    lo: Float64Array.from(list, (p) => p[0]),
    hi: Float64Array.from(list, (p) => p[1]),
    kappa: Float64Array.from(list, (p) => p[2]),
    c: Float64Array.from(list, (p) => p[3]),
  };
}

export class PiecewisePosterior {
  readonly n: number;
  readonly p: Pieces;
  A = 0;
  v = 1;
  logZ = 0;
  fV = 0;
  fA = 0;
  /** log M_k per piece. */
  readonly logM: Float64Array;
  /** a_k = 1/v + Aκ_k², the posterior precision of h on piece k. */
  readonly a: Float64Array;
  /** √a_k. */
  readonly sqrtA: Float64Array;
  /** −½ log(1 + Aκ_k² v) − A c_k²/2. */
  private readonly logWConst: Float64Array;
  private readonly gDen: Float64Array;
  private readonly logW: Float64Array;
  private readonly mh: Float64Array;
  private readonly vh: Float64Array;
  private readonly dh: Float64Array;
  /** ⟨h⟩_k − ω per piece. */
  private readonly dOmega: Float64Array;
  private readonly tn = new Float64Array(4);
  /** Truncated-normal results of the flat pieces (κ = 0: they depend on ω only) at `flatOmega`. */
  private readonly flat: Float64Array;
  private flatOmega = Number.NaN;

  constructor(p: Pieces) {
    this.p = p;
    this.n = p.kappa.length;
    const n = this.n;
    this.logM = new Float64Array(n);
    this.a = new Float64Array(n);
    this.sqrtA = new Float64Array(n);
    this.logWConst = new Float64Array(n);
    this.gDen = new Float64Array(n);
    this.logW = new Float64Array(n);
    this.mh = new Float64Array(n);
    this.vh = new Float64Array(n);
    this.dh = new Float64Array(n);
    this.dOmega = new Float64Array(n);
    this.flat = new Float64Array(4 * n);
  }

  setPoint(A: number, v: number): void {
    this.A = A;
    this.v = v;
    this.flatOmega = Number.NaN;
    const { kappa, c } = this.p;
    for (let k = 0; k < this.n; k++) {
      const q = A * kappa[k] * kappa[k];
      this.a[k] = 1 / v + q;
      this.sqrtA[k] = Math.sqrt(this.a[k]);
      this.logWConst[k] = -0.5 * Math.log1p(q * v) - 0.5 * A * c[k] * c[k];
      this.gDen[k] = 1 / (2 * (1 + q * v));
    }
  }

  /** log M_k of piece k alone at (B, ω) (cheap: one truncated-normal mass), to skip negligible pieces. */
  logMass(k: number, B: number, omega: number): number {
    const kap = this.p.kappa[k];
    const mu = kap === 0 ? omega : (omega / this.v + kap * (B - this.A * this.p.c[k])) / this.a[k];
    const sa = this.sqrtA[k];
    truncatedNormal((this.p.lo[k] - mu) * sa, (this.p.hi[k] - mu) * sa, this.tn);
    return this.tn[0];
  }

  evaluate(B: number, omega: number): void {
    const { A, v, n, tn, logM, logW, mh, vh, dh, a, sqrtA } = this;
    const { lo, hi, kappa, c } = this.p;
    let maxLogW = Number.NEGATIVE_INFINITY;
    const flat = this.flat;
    const fresh = omega !== this.flatOmega;
    this.flatOmega = omega;
    for (let k = 0; k < n; k++) {
      const kap = kappa[k];
      const bp = B - A * c[k];
      let mu: number;
      let g: number;
      if (kap === 0) {
        // The piece only asks whether h falls in (l, u): μ = ω and G = 0 exactly (computing
        // β²/(2a) − ω²/(2v) would cancel catastrophically for small v, §4.3(a)).
        mu = omega;
        g = 0;
      } else {
        mu = (omega / v + kap * bp) / a[k];
        g = (kap * kap * v * bp * bp + 2 * kap * omega * bp - A * kap * kap * omega * omega) * this.gDen[k];
      }
      const sa = sqrtA[k];
      let t0: number;
      let t1: number;
      let t3: number;
      if (kap !== 0 || fresh) {
        truncatedNormal((lo[k] - mu) * sa, (hi[k] - mu) * sa, tn);
        t0 = tn[0];
        t1 = tn[1];
        t3 = tn[3];
        if (kap === 0) {
          flat[4 * k] = t0;
          flat[4 * k + 1] = t1;
          flat[4 * k + 3] = t3;
        }
      } else {
        t0 = flat[4 * k];
        t1 = flat[4 * k + 1];
        t3 = flat[4 * k + 3];
      }
      const s = 1 / sa;
      logM[k] = t0;
      const lw = t0 + this.logWConst[k] + g + B * c[k];
      logW[k] = lw;
      if (lw > maxLogW) maxLogW = lw;
      mh[k] = mu + s * t1;
      dh[k] = s * s * t3;
      vh[k] = s * s - dh[k];
      // ⟨h⟩_k − ω without cancellation (μ − ω = (κB' − Aκ²ω)/a).
      this.dOmega[k] = (kap === 0 ? 0 : (kap * bp - A * kap * kap * omega) / a[k]) + s * t1;
    }
    let sumW = 0;
    for (let k = 0; k < n; k++) {
      const w = Math.exp(logW[k] - maxLogW);
      logW[k] = w;
      sumW += w;
    }
    this.logZ = maxLogW + Math.log(sumW);
    const inv = 1 / sumW;
    let meanT = 0;
    for (let k = 0; k < n; k++) {
      const w = logW[k] * inv;
      logW[k] = w;
      meanT += w * (kappa[k] * mh[k] + c[k]);
    }
    let fV = 0;
    let score = 0;
    for (let k = 0; k < n; k++) {
      const w = logW[k];
      if (w === 0) continue;
      const kap = kappa[k];
      const dt = kap * mh[k] + c[k] - meanT;
      fV += w * (kap * kap * vh[k] + dt * dt);
      score += w * this.dOmega[k];
    }
    this.fV = fV;
    score /= v;
    this.fA = score * score;
  }
}
