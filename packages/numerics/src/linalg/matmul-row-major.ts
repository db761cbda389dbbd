/**
 * C = A·B for row-major Float64Array matrices, i–k–j loop order (contiguous inner loop over a row of B
 * and of C, no allocation besides C). Optionally writes into a caller-supplied `out`.
 */
import { InvalidInputError } from "../errors";
import type { RowMajorMatrix } from "../interface";
import { checkRowMajor } from "./matrix-input";

/** a·b; `out.data` (length a.rows·b.cols) is reused when given. */
export function matmulRowMajor(a: RowMajorMatrix, b: RowMajorMatrix, out?: Float64Array): RowMajorMatrix {
  checkRowMajor("matmulRowMajor", "a", a);
  checkRowMajor("matmulRowMajor", "b", b);
  if (a.cols !== b.rows) {
    throw new InvalidInputError(
      `matmulRowMajor: shape mismatch, a is ${a.rows}×${a.cols} and b is ${b.rows}×${b.cols}`,
    );
  }
  const n = a.rows;
  const m = a.cols;
  const p = b.cols;
  let c: Float64Array;
  if (out === undefined) {
    c = new Float64Array(n * p);
  } else {
    if (!(out instanceof Float64Array) || out.length !== n * p) {
      throw new InvalidInputError(`matmulRowMajor: out must be a Float64Array of length ${n * p}`);
    }
    c = out;
    c.fill(0);
  }
  const ad = a.data;
  const bd = b.data;
  for (let i = 0; i < n; i++) {
    const ci = i * p;
    const ai = i * m;
    for (let k = 0; k < m; k++) {
      const aik = ad[ai + k];
      const bk = k * p;
      for (let j = 0; j < p; j++) c[ci + j] += aik * bd[bk + j];
    }
  }
  return { data: c, rows: n, cols: p };
}
