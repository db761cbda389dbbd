/**
 * The replica potential φ at a fixed point (replica-math §2.4, boxed formula; dnner `__phi`) and the
 * quantities reported from it (§1.3, §3.4):
 *
 *   φ = Σ_ℓ α̃_{ℓ−1}/2 [Ã_ℓ(ρ_ℓ − V_ℓ) − α_ℓ A_ℓ Ṽ_ℓ + F_ℓ(A_ℓ V_ℓ, θ_ℓ)]
 *       − Ψ_0(Ã_1) − Σ_{ℓ<L} α̃_ℓ Ψ_ℓ(Ã_{ℓ+1}, Ṽ_ℓ; ρ̃_ℓ) − α̃_L Ψ_out(Ṽ_L; ρ̃_L)
 *
 * regrouped as φ = I_0(Ã_1) + Σ_{ℓ<L} α̃_ℓ I_ℓ(Ã_{ℓ+1}, Ṽ_ℓ) + Σ_ℓ α̃_{ℓ−1}/2 [F_ℓ − Ã_ℓV_ℓ − α_ℓA_ℓṼ_ℓ]
 *       − α̃_L Ψ_out, with I = ½Ãρ − Ψ (the §2.4 information form);
 *
 *   entropy H(T_L)/n₀ = φ,   mi = φ + α̃_L Ψ_out(0; ρ̃_L) = [H(T_L) − H(T_L | T_{L−1})]/n₀,   mmse = V_1.
 */
import type { FixedPoint } from "../interface";
import type { Network } from "./network";

export function potential(net: Network, s: FixedPoint): number {
  const { depth: L, prior, channels, ensembles, alpha, alphaT, rho, rhoT } = net;
  // φ regrouped so that every O(Ã) term cancels inside one scalar function (½Ãρ − Ψ = I, the prior's and each
  // hidden layer's information term) — the same value as the boxed formula, without losing digits at large Ã.
  let phi = prior.mutualInformation
    ? prior.mutualInformation(s.aIn[0])
    : 0.5 * s.aIn[0] * rho[0] - prior.Psi(s.aIn[0]);
  for (let i = 1; i < L; i++) {
    const h = channels[i - 1].hidden(s.aIn[i], s.vIn[i - 1], rhoT[i - 1]);
    phi += alphaT[i] * (h.I ?? 0.5 * s.aIn[i] * rho[i] - h.Psi);
  }
  for (let i = 0; i < L; i++) {
    const f = ensembles[i].F(s.a[i], s.v[i], s.theta[i]);
    phi += 0.5 * alphaT[i] * (f - s.aIn[i] * s.v[i] - alpha[i] * s.a[i] * s.vIn[i]);
  }
  return phi - alphaT[L] * channels[L - 1].outPsi(s.vIn[L - 1], rhoT[L - 1]);
}

/** α̃_L Ψ_out(0; ρ̃_L) = −H(T_L | T_{L−1})/n₀, the term turning the entropy into dnner's "mi". */
export function conditionalEntropyTerm(net: Network): number {
  const L = net.depth;
  return net.alphaT[L] * net.channels[L - 1].outPsi(0, net.rhoT[L - 1]);
}
