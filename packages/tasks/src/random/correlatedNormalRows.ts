/**
 * n rows of N(0, Σ) in place: fill standard normals, then multiply each row by the lower Cholesky
 * factor L (z ← L z, going from the last coordinate down so the row can be overwritten).
 */
import type { Rng } from "@infoflow/numerics";
import type { CholeskyFactor } from "../linalg/cholesky";

export function correlatedNormalRows(rng: Rng, n: number, factor: CholeskyFactor): Float64Array {
  const { d, lower } = factor;
  const out = rng.fillNormal(new Float64Array(n * d));
  for (let r = 0; r < n; r++) {
    const o = r * d;
    for (let i = d - 1; i >= 0; i--) {
      let s = 0;
      const li = i * d;
      for (let j = 0; j <= i; j++) s += lower[li + j] * out[o + j];
      out[o + i] = s;
    }
  }
  return out;
}
