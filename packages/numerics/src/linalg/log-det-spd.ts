/**
 * log det A of a symmetric positive-definite matrix: 2 Σ log L_ii with A = LLᵀ (Cholesky, ml-matrix).
 * Never overflows where det A itself would.
 * Reference: G. H. Golub & C. F. Van Loan, "Matrix Computations", 4th ed., §4.2.
 */
import { CholeskyDecomposition } from "ml-matrix";
import { InvalidInputError } from "../errors";
import { asRowMajor, type MatrixInput, requireSymmetric } from "./matrix-input";
import { fromRowMajor } from "./row-major";

/** log det a for a symmetric positive-definite a; InvalidInputError otherwise. */
export function logDetSpd(a: MatrixInput): number {
  const r = asRowMajor("logDetSpd", "a", a);
  requireSymmetric("logDetSpd", "a", r);
  const m = fromRowMajor(r.data, r.rows, r.cols);
  const chol = new CholeskyDecomposition(m);
  if (!chol.isPositiveDefinite()) {
    throw new InvalidInputError(`logDetSpd: a (${m.rows}×${m.columns}) is not positive definite`);
  }
  const l = chol.lowerTriangularMatrix;
  let s = 0;
  for (let i = 0; i < m.rows; i++) s += Math.log(l.get(i, i));
  return 2 * s;
}
