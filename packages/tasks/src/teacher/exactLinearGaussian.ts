/**
 * Exact entropy and mutual information of a linear-Gaussian chain at finite size
 * (estimators-math §8 item 2; replica-math §6.1 and §7.4 item 5): X ~ N(μ, v₀ I),
 * T_ℓ = W_ℓ T_{ℓ−1} + √σ²_ℓ ξ_ℓ. T_k is Gaussian with covariance Σ_k (recursion Σ_ℓ = W_ℓ Σ_{ℓ−1} W_ℓᵀ
 * + σ²_ℓ I from Σ_0 = v₀ I) and, given X, covariance Σ_{k|X} (same recursion from Σ_0 = 0), so
 *   H(T_k) = ½ log det(2πe Σ_k),   I(X;T_k) = ½ [log det Σ_k − log det Σ_{k|X}],
 * exact for any noise pattern (intermediate noise included). Totals in nats, by Cholesky.
 */
import { InvalidInputError } from "../errors";
import type { RowMajorMatrix } from "../interface";
import { cholesky } from "../linalg/cholesky";
import { congruence } from "../linalg/congruence";

export interface LinearGaussianExact {
  /** H(T_k) in nats */
  entropy: number;
  /** I(X;T_k) in nats */
  mutualInformation: number;
}

export function exactLinearGaussian(
  priorVar: number,
  weights: readonly RowMajorMatrix[],
  varNoise: readonly number[],
): LinearGaussianExact {
  const n0 = weights[0].cols;
  let sigma: Float64Array = new Float64Array(n0 * n0);
  for (let i = 0; i < n0; i++) sigma[i * n0 + i] = priorVar;
  // Σ_{·|X} stays exactly 0 until the first noisy layer; track that instead of multiplying zeros.
  let conditional: Float64Array | null = null;
  for (let l = 0; l < weights.length; l++) {
    const w = weights[l];
    sigma = congruence(w, sigma, varNoise[l]);
    if (conditional !== null) {
      conditional = congruence(w, conditional, varNoise[l]);
    } else if (varNoise[l] > 0) {
      conditional = new Float64Array(w.rows * w.rows);
      for (let i = 0; i < w.rows; i++) conditional[i * w.rows + i] = varNoise[l];
    }
  }
  if (conditional === null) {
    throw new InvalidInputError("varNoise: every layer is noiseless, so Σ_{T|X} = 0 and I(X;T) is infinite");
  }
  const nk = weights[weights.length - 1].rows;
  const logDet = cholesky(sigma, nk, "exactLinearGaussian: Σ_T").logDet;
  const condLogDet = cholesky(conditional, nk, "exactLinearGaussian: Σ_{T|X}").logDet;
  return {
    entropy: 0.5 * (nk * Math.log(2 * Math.PI * Math.E) + logDet),
    mutualInformation: 0.5 * (logDet - condLogDet),
  };
}
