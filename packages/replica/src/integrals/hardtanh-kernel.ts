/**
 * Term kernel (term-kernel.ts) of HardTanh(T): pieces 0 = (−T, T, 1, 0), 1 = (T, ∞, 0, T), 2 = (−∞, −T, 0, −T)
 * (replica-math §4.3). The pointwise posterior of §4.3(a) written with one scaled erfcx per bound:
 *
 *   a = A + 1/v,  y = (B + ω/v)/√a (standardised posterior mean of the linear piece),
 *   β = T√a − y,  α' = T√a + y   (the linear piece is the standard normal truncated to (−α', β)),
 *   z₁ = (T − ω)/√(2v),  z₂ = (T + ω)/√(2v)   (M₁ = ½erfc(z₁), M₂ = ½erfc(z₂): the flat masses),
 *   log W₀ = log M₀ − ½log(1 + Av) + G₀,  G₀ = (vB² + 2ωB − Aω²)/(2(1 + Av)),
 *   log W₁ = log M₁ − AT²/2 + BT,   log W₂ = log M₂ − AT²/2 − BT.
 *
 * The weights are formed relative to W₀'s Gaussian factor e^{G₀} (log Z = G₀ + log Σ_j W_j'), each as a prefactor
 * of order one times e^{exponent}, from quantities that are small where two pieces compete (so that their
 * rounding is not amplified by the score's cancellation between pieces):
 *   W₀' = M₀/√(1 + Av),
 *   W₁' = ½erfcx(z₁)·e^{−β²/2}  (z₁ ≥ 0),   ½erfc(z₁)·e^{E₁}  (z₁ < 0),   E₁ = z₁² − β²/2 = (Ad₁² − 2d₁Δ₁ − vΔ₁²)/(2(1 + Av)),
 *   W₂' likewise with z₂, α', E₂,
 * with d₁ = T − ω, Δ₁ = AT − B, d₂ = T + ω, Δ₂ = AT + B, β = (Δ₁ + d₁/v)/√a, α' = (Δ₂ + d₂/v)/√a, and Δ₁, Δ₂, G₀ and
 * B − Aω written for each term's B (B = Aω + S₀b or AT + S₁b) without subtracting large numbers. M₀ = Φ(β) − Φ(−α')
 * comes from the two tails ½erfcx(|β|/√2)e^{−β²/2}, ½erfcx(|α'|/√2)e^{−α'²/2}, the larger Gaussian factor pulled
 * into the exponent when y is outside (−T√a, T√a). The truncated-normal moments of the linear piece come from the
 * same tails (r1 = (φ(α) − φ(β))/M₀, r2 = (αφ(α) − βφ(β))/M₀, D = r1² − r2, §4.3(a)); the flat pieces' ⟨h⟩ − ω =
 * ±√v·√(2/π)/erfcx(z). f_Ψ = log Z, f_𝒱 = Var_post(t), f_𝒜 = ((⟨h⟩ − ω)/v)² (the squared score, piecewise-posterior.ts).
 * Four erfcx, one logarithm and three to five exponentials per node.
 */
import { fastErfcx } from "./fast-erfcx";
import { logHalfErfc } from "./log-half-erfc";
import type { TermKernel } from "./term-kernel";

/** Bound once (a namespace import read per call costs a getter when transpiled). */
const erfcx = fastErfcx;

const SQRT1_2 = Math.SQRT1_2;
const SQRT_2_PI = Math.sqrt(2 / Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
/** Relative size below which a tail or a piece's weight is dropped. */
const TINY = 1e-17;

export class HardTanhKernel implements TermKernel {
  private A = 0;
  private v = 1;
  private invV = 1;
  private sqrtM = 0;
  private a = 1;
  private invA = 1;
  private invRa = 1;
  private invS0 = 1;
  private gDen = 0.5;
  private invSqrt2v = 1;
  private sqrtV = 1;
  private S0 = 0;
  private S1 = 0;

  constructor(private readonly T: number) {}

  setPoint(A: number, v: number, m: number): void {
    this.A = A;
    this.v = v;
    this.invV = 1 / v;
    this.sqrtM = Math.sqrt(m);
    this.a = A + 1 / v;
    this.invA = 1 / this.a;
    this.invRa = 1 / Math.sqrt(this.a);
    this.invS0 = 1 / Math.sqrt(1 + A * v);
    this.gDen = 1 / (2 * (1 + A * v));
    this.invSqrt2v = 1 / Math.sqrt(2 * v);
    this.sqrtV = Math.sqrt(v);
    this.S0 = Math.sqrt(A * (1 + A * v));
    this.S1 = Math.sqrt(A);
  }

  /**
   * M_k·(f_Ψ, f_𝒱, f_𝒜) into vals[3i..] at (B, ω), B given through the term's own stable quantities Δ₁ = AT − B,
   * Δ₂ = AT + B, bMinusAw = B − Aω and g0 = G₀ (header).
   */
  private point(
    k: number,
    omega: number,
    dl1: number,
    dl2: number,
    bMinusAw: number,
    g0: number,
    vals: Float64Array,
    i: number,
  ): void {
    const { A, T, v, invV } = this;
    const d1 = T - omega;
    const d2 = T + omega;
    const beta = (dl1 + d1 * invV) * this.invRa;
    const alpha = (dl2 + d2 * invV) * this.invRa; // α' = −α
    // Linear piece: scaled mass m0 = M₀·e^{σ₀} and scaled densities eA = e^{σ₀ − α'²/2}, eB = e^{σ₀ − β²/2}. A tail
    // ½erfcx(x)·e^{−x²} ≤ ½e^{−x²} below 1e−17 of the mass is dropped without its erfcx.
    let sigma0: number;
    let eA: number;
    let eB: number;
    let m0: number;
    if (beta >= 0 && alpha >= 0) {
      sigma0 = 0;
      eB = Math.exp(-0.5 * beta * beta);
      eA = Math.exp(-0.5 * alpha * alpha);
      const tB = eB > TINY ? erfcx(beta * SQRT1_2) * eB : 0;
      const tA = eA > TINY ? erfcx(alpha * SQRT1_2) * eA : 0;
      m0 = 1 - 0.5 * (tB + tA);
    } else if (beta < 0) {
      sigma0 = 0.5 * beta * beta;
      eB = 1;
      eA = Math.exp(0.5 * (beta - alpha) * (beta + alpha));
      const xB = erfcx(-beta * SQRT1_2);
      m0 = 0.5 * (xB - (eA > TINY * xB ? erfcx(alpha * SQRT1_2) * eA : 0));
    } else {
      sigma0 = 0.5 * alpha * alpha;
      eA = 1;
      eB = Math.exp(0.5 * (alpha - beta) * (alpha + beta));
      const xA = erfcx(-alpha * SQRT1_2);
      m0 = 0.5 * (xA - (eB > TINY * xA ? erfcx(beta * SQRT1_2) * eB : 0));
    }
    const invM0 = 1 / m0;
    const r1 = INV_SQRT_2PI * (eA - eB) * invM0;
    const r2 = INV_SQRT_2PI * (-alpha * eA - beta * eB) * invM0;
    const d0 = r1 * r1 - r2;
    // Flat pieces, each weight relative to e^{G₀} as prefactor × e^{exponent}: for z ≥ 0 the factor e^{−β²/2}
    // (e^{−α'²/2}) is eB·e^{−σ₀} (eA·e^{−σ₀}), already at hand, exponent −σ₀ as for the linear piece; for z < 0
    // the exponent is E (header). The largest exponent X is shifted out.
    const z1 = d1 * this.invSqrt2v;
    const z2 = d2 * this.invSqrt2v;
    // A flat piece with z ≥ 0 shares the exponent −σ₀ of the linear piece and weighs at most ½eB (½eA): below
    // 1e−18 of the linear piece's weight it is dropped without its erfcx (unless it is the term's own mass).
    const w0Scaled = m0 * this.invS0;
    let w1 = 0;
    let l1 = 0;
    let m1 = 0;
    let x1 = -sigma0;
    if (z1 >= 0) {
      if (k === 1 || 0.5 * eB >= TINY * 0.1 * w0Scaled) {
        const c = erfcx(z1);
        w1 = 0.5 * c * eB;
        l1 = SQRT_2_PI / c;
        if (k === 1) m1 = 0.5 * c * Math.exp(-z1 * z1);
      }
    } else {
      const g = Math.exp(-z1 * z1);
      const erfcz = 2 - erfcx(-z1) * g;
      w1 = 0.5 * erfcz;
      m1 = w1;
      x1 = (A * d1 * d1 - 2 * d1 * dl1 - v * dl1 * dl1) * this.gDen;
      l1 = (SQRT_2_PI * g) / erfcz;
    }
    let w2 = 0;
    let l2 = 0;
    let x2 = -sigma0;
    if (z2 >= 0) {
      if (0.5 * eA >= TINY * 0.1 * w0Scaled) {
        const c = erfcx(z2);
        w2 = 0.5 * c * eA;
        l2 = SQRT_2_PI / c;
      }
    } else {
      const g = Math.exp(-z2 * z2);
      const erfcz = 2 - erfcx(-z2) * g;
      w2 = 0.5 * erfcz;
      x2 = (A * d2 * d2 - 2 * d2 * dl2 - v * dl2 * dl2) * this.gDen;
      l2 = (SQRT_2_PI * g) / erfcz;
    }
    let w0 = w0Scaled;
    let X = 0;
    if (sigma0 !== 0 || z1 < 0 || z2 < 0) {
      X = Math.max(-sigma0, x1, x2);
      w0 *= Math.exp(-sigma0 - X);
      w1 *= Math.exp(x1 - X);
      w2 *= Math.exp(x2 - X);
    }
    const sum = w0 + w1 + w2;
    const invSum = 1 / sum;
    const q0 = w0 * invSum;
    const q1 = w1 * invSum;
    const q2 = w2 * invSum;
    const logZ = g0 + X + Math.log(sum);
    // Posterior of t: the linear piece (mean mh0, variance vh0), T on piece 1, −T on piece 2; t − ⟨t⟩ per piece
    // from T ∓ mh0 = (β − r1)/√a, (α' + r1)/√a and q0 + q1 + q2 = 1 (no cancellation when a piece dominates).
    const tMinus = (beta - r1) * this.invRa; // T − mh0
    const tPlus = (alpha + r1) * this.invRa; // T + mh0
    const vh0 = (1 - d0) * this.invA;
    const dt0 = q2 * tPlus - q1 * tMinus;
    const dt1 = q0 * tMinus + 2 * T * q2;
    const dt2 = q0 * tPlus + 2 * T * q1;
    const fV = q0 * (vh0 + dt0 * dt0) + q1 * dt1 * dt1 + q2 * dt2 * dt2;
    const score = (q0 * (bMinusAw * this.invA + r1 * this.invRa) + this.sqrtV * (q1 * l1 - q2 * l2)) * invV;
    const mk = k === 0 ? (sigma0 === 0 ? m0 : m0 * Math.exp(-sigma0)) : m1;
    vals[3 * i] = mk * logZ;
    vals[3 * i + 1] = mk * fV;
    vals[3 * i + 2] = mk * score * score;
  }

  /** Term 0 at (b, ω): B = Aω + S₀b, Δ₁ = A(T − ω) − S₀b, Δ₂ = A(T + ω) + S₀b, G₀ = Aω²/2 + S₀bω + vAb²/2. */
  private term0(b: number, omega: number, vals: Float64Array, i: number): void {
    const { A, T } = this;
    const sb = this.S0 * b;
    const g0 = 0.5 * A * omega * omega + sb * omega + 0.5 * this.v * A * b * b;
    this.point(0, omega, A * (T - omega) - sb, A * (T + omega) + sb, sb, g0, vals, i);
  }

  /** Term 1 at (b, ω): B = AT + S₁b, Δ₁ = −S₁b, Δ₂ = 2AT + S₁b. */
  private term1(b: number, omega: number, vals: Float64Array, i: number): void {
    const { A, T } = this;
    const sb = this.S1 * b;
    const B = A * T + sb;
    const g0 = (this.v * B * B + 2 * omega * B - A * omega * omega) * this.gDen;
    this.point(1, omega, -sb, 2 * A * T + sb, A * (T - omega) + sb, g0, vals, i);
  }

  evalOverW(k: number, b: number, w: Float64Array, from: number, count: number, vals: Float64Array): void {
    const sqrtM = this.sqrtM;
    if (k === 0) for (let i = from; i < from + count; i++) this.term0(b, sqrtM * w[i], vals, i);
    else for (let i = from; i < from + count; i++) this.term1(b, sqrtM * w[i], vals, i);
  }

  evalOverB(k: number, w: number, b: Float64Array, from: number, count: number, vals: Float64Array): void {
    const omega = this.sqrtM * w;
    if (k === 0) for (let i = from; i < from + count; i++) this.term0(b[i], omega, vals, i);
    else for (let i = from; i < from + count; i++) this.term1(b[i], omega, vals, i);
  }

  logFlatMass(j: number, omega: number): number {
    return logHalfErfc((j === 1 ? this.T - omega : this.T + omega) * this.invSqrt2v);
  }
}
