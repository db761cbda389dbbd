/**
 * The cols eigenvalues of WᵀW for a rows × cols matrix W (the spectrum the replica ensembles use;
 * replica-math.md §5.2 TS note): eigen-decompose the smaller Gram matrix (WᵀW if rows ≥ cols, else WWᵀ),
 * pad with cols − rows zeros, clip tiny negative round-off to 0. Returned ascending.
 */
import { InvalidInputError } from "../errors";
import type { RowMajorMatrix } from "../interface";
import { checkRowMajor } from "./matrix-input";
import { symmetricEigenvalues } from "./symmetric-eigenvalues";

/** Ascending eigenvalues of WᵀW (length w.cols). */
export function gramEigenvalues(w: RowMajorMatrix): Float64Array {
  checkRowMajor("gramEigenvalues", "w", w);
  const { data, rows, cols } = w;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new InvalidInputError(
        `gramEigenvalues: w[${Math.floor(i / cols)}][${i % cols}] is not finite (${data[i]})`,
      );
    }
  }
  const k = Math.min(rows, cols);
  const g = new Float64Array(k * k);
  if (rows >= cols) {
    // WᵀW = Σ_r w_r w_rᵀ (rank-one updates over rows, contiguous access)
    for (let r = 0; r < rows; r++) {
      const base = r * cols;
      for (let i = 0; i < cols; i++) {
        const wi = data[base + i];
        if (wi === 0) continue;
        const gi = i * cols;
        for (let j = 0; j < cols; j++) g[gi + j] += wi * data[base + j];
      }
    }
  } else {
    // WWᵀ: dot products of rows
    for (let i = 0; i < rows; i++) {
      for (let j = i; j < rows; j++) {
        let s = 0;
        for (let c = 0; c < cols; c++) s += data[i * cols + c] * data[j * cols + c];
        g[i * rows + j] = s;
        g[j * rows + i] = s;
      }
    }
  }
  const eig = symmetricEigenvalues({ data: g, rows: k, cols: k });
  const out = new Float64Array(cols); // leading zeros are the padding (ascending order)
  for (let i = 0; i < k; i++) out[cols - k + i] = Math.max(0, eig[i]);
  return out;
}
