/**
 * Gaussian i.i.d. weights W_ij ~ N(0, 1/n_{ℓ−1}) (replica-math §2.3, §5.1; dnner `Gaussian`). The spectrum of
 * WᵀW is Marchenko–Pastur with E λ = α, for which the θ-equation is solved exactly by θ* = γ and
 * F_W(γ) = α γ; the LMMSE variance uses the MP Stieltjes transform g(z) = E[1/(λ − z)] at z < 0.
 */
import type { Ensemble } from "../interface";

/** Marchenko–Pastur Stieltjes transform E[1/(λ − z)] at z < 0 (ratio α, E λ = α; atom 1−α at 0 when α < 1). */
export function marchenkoPasturStieltjes(alpha: number, z: number): number {
  const t = 1 + z - alpha;
  return (-t - Math.sqrt(t * t - 4 * z)) / (2 * z);
}

export function gaussianEnsemble(alpha: number): Ensemble {
  return {
    name: `Gaussian(${alpha})`,
    alpha,
    eigMean: alpha,
    theta: (gamma) => ({ theta: gamma, ok: gamma >= 0 && Number.isFinite(gamma) }),
    thetaEquation(theta, gamma) {
      const c = (1 - theta) * (1 - alpha * theta);
      // (1−θ)·E[1/(γλ + c)] − 1 with E[1/(γλ + c)] = g(−c/γ)/γ
      const s = gamma === 0 ? 1 / c : marchenkoPasturStieltjes(alpha, -c / gamma) / gamma;
      return (1 - theta) * s - 1;
    },
    F: (A, V) => alpha * A * V,
    llmse: (p, q) => q * marchenkoPasturStieltjes(alpha, -p * q),
  };
}
