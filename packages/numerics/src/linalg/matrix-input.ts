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

/** A row-major copy of the input, checked for shape and finite entries. */
export function asRowMajor(routine: string, name: string, a: MatrixInput): RowMajorMatrix {
  let out: RowMajorMatrix;
  if (AbstractMatrix.isMatrix(a)) {
    const rows = a.rows;
    const cols = a.columns;
    const data = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) data[i * cols + j] = a.get(i, j);
    out = { data, rows, cols };
  } else {
    const r = a as RowMajorMatrix;
    checkRowMajor(routine, name, r);
    out = { data: Float64Array.from(r.data), rows: r.rows, cols: r.cols };
  }
  const { data, cols } = out;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new InvalidInputError(
        `${routine}: ${name}[${Math.floor(i / cols)}][${i % cols}] is not finite (${data[i]})`,
      );
    }
  }
  return out;
}

/** The input as an ml-matrix Matrix (a copy), checked for shape and finite entries. */
export function toMatrix(routine: string, name: string, a: MatrixInput): Matrix {
  const { data, rows, cols } = asRowMajor(routine, name, a);
  const m = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) m.setRow(i, data.subarray(i * cols, (i + 1) * cols));
  return m;
}

/** Throws unless m is square and symmetric to 1e-10 relative to its largest entry. */
export function requireSymmetric(routine: string, name: string, m: RowMajorMatrix): void {
  const { data, rows: n, cols } = m;
  if (n !== cols) throw new InvalidInputError(`${routine}: ${name} must be square (got ${n}×${cols})`);
  let scale = 0;
  for (let i = 0; i < data.length; i++) scale = Math.max(scale, Math.abs(data[i]));
  const tol = 1e-10 * scale;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const aij = data[i * n + j];
      const aji = data[j * n + i];
      if (Math.abs(aij - aji) > tol) {
        throw new InvalidInputError(
          `${routine}: ${name} must be symmetric (entries [${i}][${j}] = ${aij} and [${j}][${i}] = ${aji})`,
        );
      }
    }
  }
}
