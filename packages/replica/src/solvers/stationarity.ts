/**
 * How far a state is from satisfying the saddle-point equations of replica-math §2.5 — checked directly,
 * whichever solver produced it (ML-VAMP never solves the θ-equation; the fixed-point iteration stops on a
 * small V change, which is not the same as stationarity):
 *
 *   V_1 = 𝒱_0(Ã_1), V_ℓ = 𝒱_{ℓ−1}(Ã_ℓ, Ṽ_{ℓ−1}),  A_ℓ = 𝒜_ℓ(Ã_{ℓ+1}, Ṽ_ℓ), A_L = 𝒜_out(Ṽ_L),
 *   h(θ_ℓ; A_ℓV_ℓ) = 0,  Ṽ_ℓ = θ_ℓ/A_ℓ,  Ã_ℓ = α_ℓθ_ℓ/V_ℓ.
 *
 * Each equation contributes |lhs − rhs| / scale; variances are scaled by max(|lhs|, |rhs|, 1e−3·ρ) so that a
 * nearly perfect recovery (V ≈ 1e−10) is judged on an absolute scale, precisions relatively. Frozen layers
 * (V = 0) only check the V and A equations. The channel calls hit the memo of `buildNetwork` at a state the
 * solver has just evaluated, so this costs almost nothing.
 */
import type { FixedPoint } from "../interface";
import type { Network } from "./network";
import { ZERO_VARIANCE } from "./state";

function rel(x: number, y: number, floor: number): number {
  const d = Math.abs(x - y);
  if (d === 0) return 0;
  return d / Math.max(Math.abs(x), Math.abs(y), floor);
}

export function stationarityResidual(net: Network, s: FixedPoint, fixedV: readonly boolean[]): number {
  const { depth: L, prior, channels, ensembles, alpha, rho, rhoT } = net;
  let worst = 0;
  for (let i = 0; i < L; i++) {
    const hidden = i < L - 1 ? channels[i].hidden(s.aIn[i + 1], s.vIn[i], rhoT[i]) : undefined;
    if (!fixedV[i]) {
      const vPred =
        i === 0 ? prior.V(s.aIn[0]) : channels[i - 1].hidden(s.aIn[i], s.vIn[i - 1], rhoT[i - 1]).V;
      worst = Math.max(worst, rel(s.v[i], vPred, 1e-3 * rho[i]));
    }
    const aPred = hidden ? hidden.A : channels[i].outA(s.vIn[i], rhoT[i]);
    worst = Math.max(worst, rel(s.a[i], aPred, 0));
    if (s.v[i] > ZERO_VARIANCE) {
      worst = Math.max(worst, Math.abs(ensembles[i].thetaEquation(s.theta[i], s.a[i] * s.v[i])));
      worst = Math.max(worst, rel(s.vIn[i], s.theta[i] / s.a[i], 1e-3 * rhoT[i]));
      worst = Math.max(worst, rel(s.aIn[i], (alpha[i] * s.theta[i]) / s.v[i], 0));
    }
  }
  return Number.isNaN(worst) ? Number.POSITIVE_INFINITY : worst;
}
