/**
 * Term kernel (term-kernel.ts) of Probit = sign: pieces 0 = (0, ∞, 0, +1), 1 = (−∞, 0, 0, −1) (replica-math
 * §4.3); both flat, so the masses M± = ½erfc(∓z), z = ω/√(2v), and the scores ⟨h⟩± − ω = ±√v·√(2/π)/erfcx(∓z)
 * depend on ω only, and B enters through the log-odds u = 2B + log(M₊/M₋) alone:
 *   p₊ = logistic(u),  log Z = log M₊ − A/2 + B + log(1 + e^{−u}),  f_𝒱 = Var(t) = 4p₊p₋,
 *   f_𝒜 = ((p₊(⟨h⟩₊ − ω) + p₋(⟨h⟩₋ − ω))/v)².
 * Over b at fixed w (the "w-outer" order of the sign activation) a node costs one exponential and one log1p.
 */
import { fastErfcx } from "./fast-erfcx";
import { logHalfErfc } from "./log-half-erfc";
import type { TermKernel } from "./term-kernel";

/** Bound once (a namespace import read per call costs a getter when transpiled). */
const erfcx = fastErfcx;

const SQRT_2_PI = Math.sqrt(2 / Math.PI);

export class ProbitKernel implements TermKernel {
  private A = 0;
  private v = 1;
  private sqrtM = 0;
  private sqrtA = 0;
  private invSqrt2v = 1;
  // per ω
  private omega = Number.NaN;
  private logMp = 0;
  private logMm = 0;
  private hp = 0;
  private hm = 0;
  private mP = 0;
  private mM = 0;

  setPoint(A: number, v: number, m: number): void {
    this.A = A;
    this.v = v;
    this.sqrtM = Math.sqrt(m);
    this.sqrtA = Math.sqrt(A);
    this.invSqrt2v = 1 / Math.sqrt(2 * v);
    this.omega = Number.NaN;
  }

  private atOmega(omega: number): void {
    if (omega === this.omega) return;
    this.omega = omega;
    const z = omega * this.invSqrt2v;
    this.logMp = logHalfErfc(-z);
    this.logMm = logHalfErfc(z);
    const s = Math.sqrt(this.v) * SQRT_2_PI;
    this.hp = s / erfcx(-z);
    this.hm = -s / erfcx(z);
    this.mP = Math.exp(this.logMp);
    this.mM = Math.exp(this.logMm);
  }

  /** M_k·(f_Ψ, f_𝒱, f_𝒜) at (B, ω = this.omega) into vals[3i..]. */
  private point(k: number, B: number, vals: Float64Array, i: number): void {
    const u = 2 * B + this.logMp - this.logMm;
    let pP: number;
    let pM: number;
    let logZ: number;
    if (u >= 0) {
      const e = Math.exp(-u);
      pP = 1 / (1 + e);
      pM = e / (1 + e);
      logZ = this.logMp - 0.5 * this.A + B + Math.log1p(e);
    } else {
      const e = Math.exp(u);
      pP = e / (1 + e);
      pM = 1 / (1 + e);
      logZ = this.logMm - 0.5 * this.A - B + Math.log1p(e);
    }
    const score = (pP * this.hp + pM * this.hm) / this.v;
    const mk = k === 0 ? this.mP : this.mM;
    vals[3 * i] = mk * logZ;
    vals[3 * i + 1] = mk * 4 * pP * pM;
    vals[3 * i + 2] = mk * score * score;
  }

  evalOverW(k: number, b: number, w: Float64Array, from: number, count: number, vals: Float64Array): void {
    const B = (k === 0 ? this.A : -this.A) + this.sqrtA * b;
    for (let i = from; i < from + count; i++) {
      this.atOmega(this.sqrtM * w[i]);
      this.point(k, B, vals, i);
    }
  }

  evalOverB(k: number, w: number, b: Float64Array, from: number, count: number, vals: Float64Array): void {
    this.atOmega(this.sqrtM * w);
    const c = k === 0 ? this.A : -this.A;
    for (let i = from; i < from + count; i++) this.point(k, c + this.sqrtA * b[i], vals, i);
  }

  logFlatMass(j: number, omega: number): number {
    return logHalfErfc((j === 0 ? -omega : omega) * this.invSqrt2v);
  }
}
