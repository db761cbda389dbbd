/**
 * Singular values of a real matrix, descending (min(rows, cols) of them), via ml-matrix's
 * SingularValueDecomposition without singular vectors (Golub–Kahan–Reinsch as in JAMA).
 * Reference: G. H. Golub & C. Reinsch, "Singular value decomposition and least squares solutions",
 * Numer. Math. 14 (1970).
 */
import { SingularValueDecomposition } from "ml-matrix";
import { type MatrixInput, toMatrix } from "./matrix-input";

/** Descending singular values of a. */
export function singularValues(a: MatrixInput): Float64Array {
  const m = toMatrix("singularValues", "a", a);
  if (m.rows === 0 || m.columns === 0) return new Float64Array(0);
  const svd = new SingularValueDecomposition(m, {
    computeLeftSingularVectors: false,
    computeRightSingularVectors: false,
    autoTranspose: true,
  });
  const r = Math.min(m.rows, m.columns);
  const values = Float64Array.from(svd.diagonal.slice(0, r));
  return values.sort().reverse();
}
