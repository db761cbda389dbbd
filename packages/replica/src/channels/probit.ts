/**
 * Probit(σ²): t = sign(h), h = z + √σ² ξ (replica-math §1.1). Pieces (0, ∞, 0, 1), (−∞, 0, 0, −1) (§4.3);
 * ρ_next = 1; output (§4.2), s = √(m/(2v)), u ~ N(0, s²): 𝒜_out = E_u G(u)/v,  Ψ_out = E_u K(u).
 * Noiseless output (v = 0): t = sign(ω) is a deterministic function of ω, so H(t | ω) = 0 and Ψ_out = 0 (the
 * limit of E_u K(u) as s → ∞); 𝒜_out ~ (vm)^{−1/2} diverges.
 */
import { atomExpectation, atomG, atomK } from "../integrals/output-atoms";
import { pieces } from "../integrals/piecewise-posterior";
import { ProbitKernel } from "../integrals/probit-kernel";
import type { PiecewiseActivation } from "./piecewise-channel";

export const probitActivation: PiecewiseActivation = {
  name: (s2) => `Probit(${s2})`,
  pieces: pieces([
    [0, Number.POSITIVE_INFINITY, 0, 1],
    [Number.NEGATIVE_INFINITY, 0, 0, -1],
  ]),
  // sign is odd: the "−" piece at (b, w) is the "+" piece at (−b, −w).
  pieceWeight: [2, 0],
  quadrature: { order: "w-outer" },
  kernel: () => new ProbitKernel(),
  continuous: false,
  secondMoment: () => 1,
  outA: (v, m) => atomExpectation(atomG, 0, Math.sqrt(m / (2 * v))) / v,
  outPsi: (v, m) => (v === 0 ? 0 : atomExpectation(atomK, 0, Math.sqrt(m / (2 * v)))),
};
