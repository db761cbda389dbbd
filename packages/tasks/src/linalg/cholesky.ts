/**
 * Cholesky factor of a symmetric positive definite matrix (ml-matrix's decomposition), returned as a
 * row-major lower-triangular Float64Array for the samplers' hot loops, with log det from its diagonal.
 */
import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { InvalidInputError } from "../errors";

export interface CholeskyFactor {
  /** row-major d×d lower-triangular L with L Lᵀ = A */
  readonly lower: Float64Array;
  readonly d: number;
  /** log det A = 2 Σ log L_ii */
  readonly logDet: number;
}

/** Factor A (d×d, row-major or nested arrays); `field` names A in the error when it is not SPD. */
export function cholesky(a: Float64Array | number[][], d: number, field: string): CholeskyFactor {
  const m = Array.isArray(a) ? new Matrix(a) : Matrix.from1DArray(d, d, a);
  const chol = new CholeskyDecomposition(m);
  if (!chol.isPositiveDefinite()) {
    throw new InvalidInputError(`${field}: matrix is not positive definite (Cholesky failed)`);
  }
  const l = chol.lowerTriangularMatrix;
  const lower = new Float64Array(d * d);
  let logDet = 0;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) lower[i * d + j] = l.get(i, j);
    logDet += 2 * Math.log(lower[i * d + i]);
  }
  if (!Number.isFinite(logDet)) {
    throw new InvalidInputError(`${field}: matrix is singular to working precision (log det = ${logDet})`);
  }
  return { lower, d, logDet };
}

/** log det of the principal block A[from:to, from:to] of a row-major d×d SPD matrix. */
export function blockLogDet(a: Float64Array, d: number, from: number, to: number, field: string): number {
  const k = to - from;
  const block = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) block[i * k + j] = a[(from + i) * d + from + j];
  }
  return cholesky(block, k, field).logDet;
}
