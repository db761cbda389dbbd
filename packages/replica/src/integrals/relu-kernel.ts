/**
 * Term kernel (term-kernel.ts) of ReLU and LeakyReLU(γ ≥ 0): pieces "+" = (0, ∞, 1, 0) (k = 0) and
 * "−" = (−∞, 0, γ, 0) (k = 1; flat when γ = 0), in the explicit pointwise form of replica-math §4.3(c'):
 *
 *   a± = (1 or γ²)A + 1/v,  φ₊ = (B + ω/v)/√(2a₊),  φ₋ = (γB + ω/v)/√(2a₋),
 *   E₊ = erfcx(−φ₊),  E₋ = erfcx(φ₋),   L± = log E± − ½log(1 + (1 or γ²)Av),
 *   log Z = −ω²/(2v) − log 2 + logSumExp(L₊, L₋),   p₊ = logistic(L₊ − L₋),
 *   r₊ = √(2/(πa₊))/E₊,  r₋ = −√(2/(πa₋))/E₋,  μ₊ = (B + ω/v)/a₊,  μ₋ = (γB + ω/v)/a₋,
 *   f₊ = μ₊ + r₊,  f₋ = γ(μ₋ + r₋),  d₊ = 1/a₊ − μ₊r₊ − r₊²,  d₋ = γ²(1/a₋ − μ₋r₋ − r₋²),
 *   f_𝒱 = p₊d₊ + p₋d₋ + p₊p₋(f₊ − f₋)²,
 *   f_𝒜 = ((p₊(⟨h⟩₊ − ω) + p₋(⟨h⟩₋ − ω))/v)²,  ⟨h⟩₊ − ω = (B − Aω)/a₊ + r₊,  ⟨h⟩₋ − ω = γ(B − γAω)/a₋ + r₋
 *
 * (f_𝒜 is the squared score (∂_ω log Z)², whose average equals that of −∂²_ω log Z, piecewise-posterior.ts);
 * term weights M₊ = ½erfc(−φ₊) = ½E₊e^{−φ₊²} at B = Aω + S₊b and M₋ = ½erfc(φ₋) = ½E₋e^{−φ₋²} at
 * B = γAω + S₋b. The log-weights are log M± − ½log(1 + (1 or γ²)Av) + G± with G± = φ±² − ω²/(2v) in the
 * form (γ²vB² + 2γωB − γ²Aω²)/(2(1 + γ²Av)) of §4.3(a) (the −ω²/(2v) of (c') cancels catastrophically
 * against log E± when v is small). Two erfcx, one logarithm and three exponentials per node.
 */
import { fastErfcx } from "./fast-erfcx";
import { logHalfErfc } from "./log-half-erfc";
import type { TermKernel } from "./term-kernel";

/** Bound once (a namespace import read per call costs a getter when transpiled). */
const erfcx = fastErfcx;

const SQRT_2_PI = Math.sqrt(2 / Math.PI);

export class ReluKernel implements TermKernel {
  private A = 0;
  private v = 1;
  private invV = 1;
  private sqrtM = 0;
  private ap = 1;
  private am = 1;
  private invRap = 1;
  private invRam = 1;
  private rp = 0;
  private rm = 0;
  private logSp = 0;
  private logSm = 0;
  private gDenP = 0.5;
  private gDenM = 0.5;
  private invSp = 1;
  private invSm = 1;
  private Sp = 0;
  private Sm = 0;
  private readonly g: number;

  constructor(gamma: number) {
    this.g = gamma;
  }

  setPoint(A: number, v: number, m: number): void {
    const g = this.g;
    this.A = A;
    this.v = v;
    this.invV = 1 / v;
    this.sqrtM = Math.sqrt(m);
    this.ap = A + 1 / v;
    this.am = g * g * A + 1 / v;
    this.invRap = 1 / Math.sqrt(2 * this.ap);
    this.invRam = 1 / Math.sqrt(2 * this.am);
    this.rp = SQRT_2_PI / Math.sqrt(this.ap);
    this.rm = SQRT_2_PI / Math.sqrt(this.am);
    this.logSp = 0.5 * Math.log1p(A * v);
    this.logSm = 0.5 * Math.log1p(g * g * A * v);
    this.gDenP = 1 / (2 * (1 + A * v));
    this.gDenM = 1 / (2 * (1 + g * g * A * v));
    this.invSp = Math.exp(-this.logSp);
    this.invSm = Math.exp(-this.logSm);
    this.Sp = Math.sqrt(A * (1 + A * v));
    this.Sm = Math.sqrt(A * (1 + g * g * A * v));
  }

  /** M_k·(f_Ψ, f_𝒱, f_𝒜) at (B, ω) into vals[3i..]. */
  private point(k: number, B: number, omega: number, vals: Float64Array, i: number): void {
    const { A, g, v, invV, ap, am } = this;
    const phiP = (B + omega * invV) * this.invRap;
    const phiM = (g * B + omega * invV) * this.invRam;
    const eP = erfcx(-phiP);
    const eM = erfcx(phiM);
    // Masses M± = ½erfc(∓φ±) and exponents G± = φ±² − ω²/(2v) in the cancellation-free form of §4.3(a):
    // log W± = log M± − ½log(1 + (1 or γ²)Av) + G±.
    const mP = eP === Number.POSITIVE_INFINITY ? 1 : 0.5 * eP * Math.exp(-phiP * phiP);
    const mM = eM === Number.POSITIVE_INFINITY ? 1 : 0.5 * eM * Math.exp(-phiM * phiM);
    const gP = (v * B * B + 2 * omega * B - A * omega * omega) * this.gDenP - this.logSp;
    const gM = (g * g * v * B * B + 2 * g * omega * B - g * g * A * omega * omega) * this.gDenM - this.logSm;
    let pP: number;
    let pM: number;
    let logZ: number;
    if (mP > 0 && mM > 0) {
      const X = Math.max(gP, gM);
      const wP = gP === X ? mP : mP * Math.exp(gP - X);
      const wM = gP === X ? mM * Math.exp(gM - X) : mM;
      logZ = X + Math.log(wP + wM);
      if (eP < Number.POSITIVE_INFINITY && eM < Number.POSITIVE_INFINITY) {
        // The same weights as E±/√(1 + (1 or γ²)Av) (§4.3(c')): their ratio without the large G± (whose
        // rounding, ~1e−16·|G|, the score's cancellation between the pieces would amplify).
        const qP = eP * this.invSp;
        const qM = eM * this.invSm;
        pP = qP / (qP + qM);
        pM = qM / (qP + qM);
      } else {
        pP = wP / (wP + wM);
        pM = wM / (wP + wM);
      }
    } else {
      // A mass underflowed (φ far in its tail): log M + G = log(½erfcx) − ω²/(2v) there, without cancellation.
      const half = 0.5 * omega * omega * invV;
      const lP = mP > 0 ? Math.log(mP) + gP : Math.log(0.5 * eP) - half - this.logSp;
      const lM = mM > 0 ? Math.log(mM) + gM : Math.log(0.5 * eM) - half - this.logSm;
      const X = Math.max(lP, lM);
      const sP = Math.exp(lP - X);
      const sM = Math.exp(lM - X);
      pP = sP / (sP + sM);
      pM = sM / (sP + sM);
      logZ = X + Math.log(sP + sM);
    }
    const rP = this.rp / eP;
    const rM = -this.rm / eM;
    const muP = (B + omega * invV) / ap;
    const muM = (g * B + omega * invV) / am;
    const fP = muP + rP;
    const fM = g * (muM + rM);
    const dP = 1 / ap - muP * rP - rP * rP;
    const dM = g * g * (1 / am - muM * rM - rM * rM);
    const df = fP - fM;
    const fV = pP * dP + pM * dM + pP * pM * df * df;
    const score = (pP * ((B - A * omega) / ap + rP) + pM * ((g * (B - g * A * omega)) / am + rM)) * invV;
    const mk = k === 0 ? mP : mM;
    vals[3 * i] = mk * logZ;
    vals[3 * i + 1] = mk * fV;
    vals[3 * i + 2] = mk * score * score;
  }

  evalOverW(k: number, b: number, w: Float64Array, from: number, count: number, vals: Float64Array): void {
    const { A, sqrtM } = this;
    const slope = k === 0 ? A : this.g * A;
    const sb = (k === 0 ? this.Sp : this.Sm) * b;
    for (let i = from; i < from + count; i++) {
      const omega = sqrtM * w[i];
      this.point(k, slope * omega + sb, omega, vals, i);
    }
  }

  evalOverB(k: number, w: number, b: Float64Array, from: number, count: number, vals: Float64Array): void {
    const omega = this.sqrtM * w;
    const base = (k === 0 ? this.A : this.g * this.A) * omega;
    const S = k === 0 ? this.Sp : this.Sm;
    for (let i = from; i < from + count; i++) this.point(k, base + S * b[i], omega, vals, i);
  }

  logFlatMass(_j: number, omega: number): number {
    // Only the "−" piece of ReLU (γ = 0) is flat: M₋ = ½erfc(ω/√(2v)).
    return logHalfErfc(omega / Math.sqrt(2 * this.v));
  }
}
