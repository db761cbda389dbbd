/**
 * HardTanh(σ², T): t = clip(h, −T, T) (replica-math §1.1). Pieces (−T, T, 1, 0), (T, ∞, 0, T),
 * (−∞, −T, 0, −T) (§4.3). With τ² = m + v (= σ² + ρ̃ unless m was clipped):
 *   ρ_next = T² erfc(T/√(2τ²)) + τ² erf(T/√(2τ²)) − T√(2τ²/π) e^{−T²/(2τ²)}   (§1.2),
 *   𝒜_out = E_u G(u + c)/v + erf(T/√(2τ²))/v − 2T·N(T; 0, τ²)/τ²,
 *   Ψ_out = E_u K(u + c) − ½ erf(T/√(2τ²))(1 + log 2πv) + T v N(T; 0, τ²)/τ²,
 * c = T/√(2v), u ~ N(0, m/(2v)) (§4.2; the Gaussian-part averages E_ζ[·] of §4.2 done in closed form:
 * E_ζ erf((√m ζ + T)/√(2v)) = erf(T/√(2τ²)), E_ζ[q N(q; 0, v)] = T v N(T; 0, τ²)/τ²). The atom integrals use
 * the window of §4.5(3) that follows the atom at u ≈ −c: dnner's misses it for c ≳ 8 (§8.2).
 */

import { erf, erfc } from "@infoflow/numerics";
import { HardTanhKernel } from "../integrals/hardtanh-kernel";
import { atomExpectation, atomG, atomK } from "../integrals/output-atoms";
import { pieces } from "../integrals/piecewise-posterior";
import type { PiecewiseActivation } from "./piecewise-channel";
import { ReplicaError } from "./replica-error";

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

export function hardTanhActivation(T: number): PiecewiseActivation {
  const density = (tau2: number) => (INV_SQRT_2PI / Math.sqrt(tau2)) * Math.exp((-0.5 * T * T) / tau2);
  return {
    name: (s2) => `HardTanh(${s2}, ${T})`,
    pieces: pieces([
      [-T, T, 1, 0],
      [T, Number.POSITIVE_INFINITY, 0, T],
      [Number.NEGATIVE_INFINITY, -T, 0, -T],
    ]),
    // odd: the piece (−∞, −T) at (b, w) is the piece (T, ∞) at (−b, −w).
    pieceWeight: [1, 2, 0],
    quadrature: { odd: true },
    kernel: () => new HardTanhKernel(T),
    continuous: true,
    secondMoment(tau2) {
      if (tau2 === 0) return 0;
      const x = T / Math.sqrt(2 * tau2);
      return T * T * erfc(x) + tau2 * erf(x) - 2 * T * tau2 * density(tau2);
    },
    outA(v, m) {
      const tau2 = m + v;
      const atoms = atomExpectation(atomG, T / Math.sqrt(2 * v), Math.sqrt(m / (2 * v)));
      return (atoms + erf(T / Math.sqrt(2 * tau2))) / v - (2 * T * density(tau2)) / tau2;
    },
    outPsi(v, m) {
      if (v === 0) {
        throw new ReplicaError(
          "HardTanh output: Ψ_out is infinite at σ² + Ṽ = 0 (t = z on |z| < T has conditional differential entropy −∞)",
        );
      }
      const tau2 = m + v;
      const atoms = atomExpectation(atomK, T / Math.sqrt(2 * v), Math.sqrt(m / (2 * v)));
      return (
        atoms -
        0.5 * erf(T / Math.sqrt(2 * tau2)) * (1 + Math.log(2 * Math.PI * v)) +
        (T * v * density(tau2)) / tau2
      );
    },
  };
}
