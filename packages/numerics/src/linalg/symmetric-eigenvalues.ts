/**
 * Eigenvalues of a real symmetric matrix, ascending, via ml-matrix's EigenvalueDecomposition
 * (Householder tridiagonalisation + implicit QL, the JAMA/EISPACK tred2/tql2 pair; replica-math.md §5.2).
 * Reference: J. H. Wilkinson & C. Reinsch, "Handbook for Automatic Computation II", Springer (1971).
 */
import { EigenvalueDecomposition } from "ml-matrix";
import { type MatrixInput, requireSymmetric, toMatrix } from "./matrix-input";

/** Ascending eigenvalues of the symmetric matrix a (symmetry checked to 1e-10 relative). */
export function symmetricEigenvalues(a: MatrixInput): Float64Array {
  const m = toMatrix("symmetricEigenvalues", "a", a);
  requireSymmetric("symmetricEigenvalues", "a", m);
  if (m.rows === 0) return new Float64Array(0);
  const values = Float64Array.from(new EigenvalueDecomposition(m, { assumeSymmetric: true }).realEigenvalues);
  return values.sort();
}
