/**
 * Exact Gaussian-linear values (replica-math §6.1): Normal(μ, s²) prior, one Linear(Δ) layer, spectrum {λ_k}
 * of WᵀW (n₀ values), α = n₁/n₀ — H(T)/n₀ = ½ log det(2πe(s²WWᵀ + ΔI))/n₀, written with the eigenvalues of
 * WᵀW; MI = H − α·½log(2πeΔ); MMSE = mean_k 1/(1/s² + λ_k/Δ) (posterior covariance (I/s² + WᵀW/Δ)⁻¹).
 * The mean μ changes none of them (it only shifts T).
 */
import { gaussKronrod } from "@infoflow/numerics";

export interface GaussianLinear {
  entropy: number;
  mi: number;
  mmse: number;
}

export function gaussianLinear(
  alpha: number,
  eigvals: ArrayLike<number>,
  delta: number,
  s2 = 1,
): GaussianLinear {
  let logs = 0;
  let mmse = 0;
  // round-off eigenvalues of a rank-deficient WᵀW (|λ| ≲ 1e−15) are zeros: kept, they move the MMSE by
  // ~λ/Δ (5e−8 at Δ = 1e−8)
  let max = 0;
  for (let k = 0; k < eigvals.length; k++) max = Math.max(max, eigvals[k]);
  for (let k = 0; k < eigvals.length; k++) {
    const lam = eigvals[k] > 1e-12 * max ? eigvals[k] : 0;
    logs += Math.log(s2 * lam + delta);
    mmse += 1 / (1 / s2 + lam / delta);
  }
  const n = eigvals.length;
  const entropy = 0.5 * (logs / n + (alpha - 1) * Math.log(delta) + alpha * Math.log(2 * Math.PI * Math.E));
  return { entropy, mi: entropy - 0.5 * alpha * Math.log(2 * Math.PI * Math.E * delta), mmse: mmse / n };
}

/**
 * E_MP[f(λ)] for the Marchenko–Pastur law of WᵀW with ratio α and E λ = α (replica-math §5.1) by adaptive
 * quadrature: λ = λ₋ + 2r cos²(φ/2), φ ∈ [0, π], which turns the density √((λ₊−λ)(λ−λ₋))/(2πλ) dλ into the
 * smooth (r sin φ)²/(2πλ) dφ (no square-root edges, no cancellation at λ₋ = 0 when α = 1); plus the atom 1−α
 * at 0 when α < 1.
 */
export function mpExpect(alpha: number, f: (lam: number) => number, epsRel = 1e-12): number {
  const lo = (Math.sqrt(alpha) - 1) ** 2;
  const r = 2 * Math.sqrt(alpha);
  const cont = gaussKronrod(
    (phi) => {
      const s = Math.sin(phi / 2);
      const c = Math.cos(phi / 2);
      const lam = lo + 2 * r * c * c;
      return ((4 * r * r * s * s * c * c) / (2 * Math.PI * lam)) * f(lam);
    },
    0,
    Math.PI,
    { epsRel, epsAbs: 1e-14, maxSubdivisions: 2000 },
  ).value;
  return cont + (alpha < 1 ? (1 - alpha) * f(0) : 0);
}
