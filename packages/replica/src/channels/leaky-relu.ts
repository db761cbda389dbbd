/**
 * LeakyReLU(σ², γ): t = h for h > 0, γh for h < 0 (replica-math §1.1). Pieces (0, ∞, 1, 0), (−∞, 0, γ, 0)
 * (§4.3); ρ_next = (1 + γ²)(σ² + ρ̃)/2 (§1.2). Output role (not in dnner; §4.2 [I]): for γ > 0 the map is
 * invertible, so 𝒜_out = 1/v (Fisher information of ω from h) and Ψ_out = −½log(2πe v) − ½log γ
 * (H(t|ω) = H(h|ω) + E log|φ'(h)|, and h < 0 half of the time); γ = 0 is ReLU.
 */

import { pieces } from "../integrals/piecewise-posterior";
import { ReluKernel } from "../integrals/relu-kernel";
import type { PiecewiseActivation } from "./piecewise-channel";
import { reluActivation } from "./relu";
import { ReplicaError } from "./replica-error";

const TWO_PI_E = 2 * Math.PI * Math.E;

export function leakyReluActivation(gamma: number): PiecewiseActivation {
  return {
    name: (s2) => `LeakyReLU(${s2}, ${gamma})`,
    pieces: pieces([
      [0, Number.POSITIVE_INFINITY, 1, 0],
      [Number.NEGATIVE_INFINITY, 0, gamma, 0],
    ]),
    kernel: () => new ReluKernel(gamma),
    continuous: true,
    secondMoment: (tau2) => 0.5 * (1 + gamma * gamma) * tau2,
    outA: (v, m) => (gamma === 0 ? reluActivation.outA(v, m) : 1 / v),
    outPsi(v, m) {
      if (gamma === 0) return reluActivation.outPsi(v, m);
      if (v === 0) {
        throw new ReplicaError(
          `LeakyReLU output: Ψ_out is infinite at σ² + Ṽ = 0 (an invertible noiseless output has H(t | z) = −∞)`,
        );
      }
      return -0.5 * Math.log(TWO_PI_E * v) - 0.5 * Math.log(gamma);
    },
  };
}
