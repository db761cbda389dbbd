/**
 * Draw one weight matrix W (n_out × n_in, row-major, column-vector convention z = W t) from its
 * ensemble (replica-math §5): Gaussian i.i.d. N(0, scale²/n_in); scale × a Haar partial isometry
 * (the first rows, or columns, of a Haar orthogonal matrix — a uniformly random orthonormal frame);
 * or U·diag(s)·V with Haar U ∈ O(n_out), V ∈ O(n_in) (§5.3, the USV layers of Gabrié et al.).
 */
import { gaussianMatrix, haarOrthogonal, type Rng, toRowMajor } from "@infoflow/numerics";
import type { RowMajorMatrix } from "../interface";
import type { WeightSpec } from "../spec/taskSpec";

/** The min(n_out, n_in) singular values a USV spec asks for (listed, or linearly spaced from → to). */
export function usvSingularValues(
  singularValues: number[] | { from: number; to: number },
  rows: number,
  cols: number,
): Float64Array {
  const r = Math.min(rows, cols);
  if (Array.isArray(singularValues)) return Float64Array.from(singularValues);
  const s = new Float64Array(r);
  const { from, to } = singularValues;
  for (let k = 0; k < r; k++) s[k] = r === 1 ? from : from + ((to - from) * k) / (r - 1);
  return s;
}

export function drawWeights(spec: WeightSpec, rows: number, cols: number, rng: Rng): RowMajorMatrix {
  switch (spec.ensemble) {
    case "gaussian": {
      const m = toRowMajor(gaussianMatrix(rows, cols, rng, (spec.scale * spec.scale) / cols));
      return { data: m.data, rows, cols };
    }
    case "orthogonal": {
      const q = toRowMajor(haarOrthogonal(Math.max(rows, cols), rng));
      const data = new Float64Array(rows * cols);
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) data[i * cols + j] = spec.scale * q.data[i * q.cols + j];
      }
      return { data, rows, cols };
    }
    case "usv": {
      const s = usvSingularValues(spec.singularValues, rows, cols);
      const u = toRowMajor(haarOrthogonal(rows, rng));
      const v = toRowMajor(haarOrthogonal(cols, rng));
      const data = new Float64Array(rows * cols);
      // W_ij = Σ_k U_ik s_k V_kj, k < r
      for (let i = 0; i < rows; i++) {
        const wi = i * cols;
        for (let k = 0; k < s.length; k++) {
          const a = u.data[i * rows + k] * s[k];
          if (a === 0) continue;
          const vk = k * cols;
          for (let j = 0; j < cols; j++) data[wi + j] += a * v.data[vk + j];
        }
      }
      return { data, rows, cols };
    }
  }
}
