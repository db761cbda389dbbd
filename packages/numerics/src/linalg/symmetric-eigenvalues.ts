/**
 * Eigenvalues of a real symmetric matrix, ascending: Householder tridiagonalisation followed by the
 * implicit QL algorithm, eigenvalues only (replica-math.md §5.2 TS note; src/linalg/householder-tridiagonal.ts
 * and src/linalg/tridiagonal-eigenvalues.ts). Backward stable: each eigenvalue is exact for a matrix
 * within a few ε·‖A‖ of the input.
 * Reference: J. H. Wilkinson & C. Reinsch, "Handbook for Automatic Computation II", Springer (1971).
 */
import { householderTridiagonal } from "./householder-tridiagonal";
import { asRowMajor, type MatrixInput, requireSymmetric } from "./matrix-input";
import { tridiagonalEigenvalues } from "./tridiagonal-eigenvalues";

/** Ascending eigenvalues of the symmetric matrix a (symmetry checked to 1e-10 relative). */
export function symmetricEigenvalues(a: MatrixInput): Float64Array {
  const routine = "symmetricEigenvalues";
  const m = asRowMajor(routine, "a", a); // a private copy: the reduction works in place
  requireSymmetric(routine, "a", m);
  const n = m.rows;
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  householderTridiagonal(m.data, n, d, e);
  tridiagonalEigenvalues(d, e, n, routine);
  return d.sort();
}
