/**
 * Validation and conversion of the two matrix forms the linear-algebra routines accept: an ml-matrix
 * matrix, or a row-major `{ data: Float64Array, rows, cols }` (docs/contracts.md).
 */
import { AbstractMatrix, Matrix } from "ml-matrix";
import { InvalidInputError } from "../errors";
import type { RowMajorMatrix } from "../interface";

/** An ml-matrix matrix or a row-major Float64Array matrix. */
export type MatrixInput = AbstractMatrix | RowMajorMatrix;

/** Throws unless `m` is a well-formed row-major matrix. */
export function checkRowMajor(routine: string, name: string, m: RowMajorMatrix): void {
  if (m == null || !(m.data instanceof Float64Array)) {
    throw new InvalidInputError(`${routine}: ${name}.data must be a Float64Array`);
  }
  if (!Number.isInteger(m.rows) || !Number.isInteger(m.cols) || m.rows < 0 || m.cols < 0) {
    throw new InvalidInputError(
      `${routine}: ${name}.rows and ${name}.cols must be integers ≥ 0 (got ${m.rows}×${m.cols})`,
    );
  }
  if (m.data.length !== m.rows * m.cols) {
    throw new InvalidInputError(
      `${routine}: ${name}.data has length ${m.data.length}, expected rows·cols = ${m.rows}·${m.cols} = ${m.rows * m.cols}`,
    );
  }
}

/** The input as an ml-matrix Matrix (copied from row-major data); checks shape and, if asked, finiteness. */
export function toMatrix(routine: string, name: string, a: MatrixInput, requireFinite = true): Matrix {
  let m: Matrix;
  if (AbstractMatrix.isMatrix(a)) {
    m = a instanceof Matrix ? a : new Matrix(a);
  } else {
    checkRowMajor(routine, name, a as RowMajorMatrix);
    const { data, rows, cols } = a as RowMajorMatrix;
    m = new Matrix(rows, cols);
    for (let i = 0; i < rows; i++) m.setRow(i, data.subarray(i * cols, (i + 1) * cols));
  }
  if (requireFinite) {
    for (let i = 0; i < m.rows; i++) {
      for (let j = 0; j < m.columns; j++) {
        const v = m.get(i, j);
        if (!Number.isFinite(v))
          throw new InvalidInputError(`${routine}: ${name}[${i}][${j}] is not finite (${v})`);
      }
    }
  }
  return m;
}

/** Throws unless m is square. */
export function requireSquare(routine: string, name: string, m: Matrix): void {
  if (m.rows !== m.columns) {
    throw new InvalidInputError(`${routine}: ${name} must be square (got ${m.rows}×${m.columns})`);
  }
}

/** Throws unless m is symmetric to 1e-10 relative to its largest entry. */
export function requireSymmetric(routine: string, name: string, m: Matrix): void {
  requireSquare(routine, name, m);
  const n = m.rows;
  let scale = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) scale = Math.max(scale, Math.abs(m.get(i, j)));
  const tol = 1e-10 * scale;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(m.get(i, j) - m.get(j, i)) > tol) {
        throw new InvalidInputError(
          `${routine}: ${name} must be symmetric (entries [${i}][${j}] = ${m.get(i, j)} and [${j}][${i}] = ${m.get(j, i)})`,
        );
      }
    }
  }
}
