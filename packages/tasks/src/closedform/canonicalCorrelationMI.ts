/**
 * Closed forms of I(X;Y) through canonical correlations, I = −½ Σ_i ln(1 − ρ_i²)
 * (estimators-math §7.3), for the two structured covariances of "Beyond normal" (§7.1). They are
 * independent of the log-det route and are what the tests compare it with.
 */

/**
 * Unit variances, every off-diagonal entry ρ: Σ_XX = (1−ρ)I + ρ11ᵀ, Σ_XY = ρ11ᵀ (rank one), so
 * the single canonical correlation has ρ_c² = ρ² · 1ᵀΣ_XX⁻¹1 · 1ᵀΣ_YY⁻¹1 with
 * 1ᵀΣ_XX⁻¹1 = d_x / (1 + (d_x−1)ρ). For d_x = d_y = d this is ρ_c = dρ/(1+(d−1)ρ) (§7.1).
 */
export function denseEquicorrelatedMI(dimX: number, dimY: number, rho: number): number {
  const rc2 = (rho * rho * dimX * dimY) / ((1 + (dimX - 1) * rho) * (1 + (dimY - 1) * rho));
  return -0.5 * Math.log1p(-rc2);
}

/** `pairs` independent pairs with correlation ρ and nothing else: I = −(pairs/2) ln(1 − ρ²). */
export function sparsePairsMI(pairs: number, rho: number): number {
  return -0.5 * pairs * Math.log1p(-rho * rho);
}
