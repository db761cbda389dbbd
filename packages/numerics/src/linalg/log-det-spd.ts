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
  // requireSymmetric accepts round-off asymmetry, which ml-matrix's Cholesky rejects: use (A + Aᵀ)/2.
  const n = r.rows;
  const sym = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) sym[i * n + j] = 0.5 * (r.data[i * n + j] + r.data[j * n + i]);
  }
  const m = fromRowMajor(sym, n, n);
  const chol = new CholeskyDecomposition(m);
  if (!chol.isPositiveDefinite()) {
    throw new InvalidInputError(`logDetSpd: a (${m.rows}×${m.columns}) is not positive definite`);
  }
  const l = chol.lowerTriangularMatrix;
  let s = 0;
  for (let i = 0; i < m.rows; i++) s += Math.log(l.get(i, i));
  return 2 * s;
}
