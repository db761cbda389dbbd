/**
 * W S Wᵀ for row-major W (m × k) and symmetric S (k × k), plus `diag` on the diagonal — the
 * covariance recursion Σ_ℓ = W_ℓ Σ_{ℓ−1} W_ℓᵀ + σ²_ℓ I of a linear-Gaussian chain. Hand-written
 * because it needs products with a transpose in row-major typed arrays and exploits the symmetry
 * of the result (half the dot products).
 */
import type { RowMajorMatrix } from "../interface";

export function congruence(w: RowMajorMatrix, s: Float64Array, diag: number): Float64Array {
  const { rows: m, cols: k, data: wd } = w;
  // M = W S (m × k); S symmetric so row i of M is Σ_l W_il S_l·.
  const ms = new Float64Array(m * k);
  for (let i = 0; i < m; i++) {
    const mi = i * k;
    for (let l = 0; l < k; l++) {
      const a = wd[i * k + l];
      if (a === 0) continue;
      const sl = l * k;
      for (let j = 0; j < k; j++) ms[mi + j] += a * s[sl + j];
    }
  }
  // out_ij = Σ_l M_il W_jl: both rows contiguous.
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    const mi = i * k;
    for (let j = 0; j <= i; j++) {
      const wj = j * k;
      let acc = 0;
      for (let l = 0; l < k; l++) acc += ms[mi + l] * wd[wj + l];
      out[i * m + j] = acc;
      out[j * m + i] = acc;
    }
    out[i * m + i] += diag;
  }
  return out;
}
