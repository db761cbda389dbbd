/**
 * ReLU(σ²): t = max(h, 0), h = z + √σ² ξ (replica-math §1.1). Pieces (0, ∞, 1, 0), (−∞, 0, 0, 0) (§4.3);
 * ρ_next = (σ² + ρ̃)/2 (§1.2); output (§4.2), s = √(m/(2v)), u ~ N(0, s²):
 *   𝒜_out = (1 + E_u G(u))/(2v),   Ψ_out = ½E_u K(u) − ¼log(2πe v)
 * (the atom at 0 plus the Gaussian density on t > 0, each half of the time).
 */
import { atomExpectation, atomG, atomK } from "../integrals/output-atoms";
import { pieces } from "../integrals/piecewise-posterior";
import { ReluKernel } from "../integrals/relu-kernel";
import type { PiecewiseActivation } from "./piecewise-channel";
import { ReplicaError } from "./replica-error";

const TWO_PI_E = 2 * Math.PI * Math.E;

export const reluActivation: PiecewiseActivation = {
  name: (s2) => `ReLU(${s2})`,
  pieces: pieces([
    [0, Number.POSITIVE_INFINITY, 1, 0],
    [Number.NEGATIVE_INFINITY, 0, 0, 0],
  ]),
  kernel: () => new ReluKernel(0),
  continuous: true,
  secondMoment: (tau2) => 0.5 * tau2,
  outA: (v, m) => (0.5 * (1 + atomExpectation(atomG, 0, Math.sqrt(m / (2 * v))))) / v,
  outPsi(v, m) {
    if (v === 0) {
      throw new ReplicaError(
        "ReLU output: Ψ_out is infinite at σ² + Ṽ = 0 (t = z on z > 0 has conditional differential entropy −∞)",
      );
    }
    return 0.5 * atomExpectation(atomK, 0, Math.sqrt(m / (2 * v))) - 0.25 * Math.log(TWO_PI_E * v);
  },
};
