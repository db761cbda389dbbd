/**
 * Layer widths of a teacher network from the input width n₀ and the ratios α_ℓ = n_ℓ / n_{ℓ−1}
 * (replica-math §1.2): n_ℓ = max(1, round(α_ℓ · n_{ℓ−1})). The replica truth then uses the actual
 * ratio n_ℓ / n_{ℓ−1} of the drawn matrices, so the rounding never enters the truth.
 */
export function teacherLayerSizes(n0: number, alphas: readonly number[]): number[] {
  const sizes = [n0];
  for (const alpha of alphas) sizes.push(Math.max(1, Math.round(alpha * sizes[sizes.length - 1])));
  return sizes;
}
