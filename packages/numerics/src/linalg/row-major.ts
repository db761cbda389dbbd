/**
 * Conversion between ml-matrix matrices (an array of row Float64Arrays) and one contiguous row-major
 * Float64Array (entry (i, j) at data[i·cols + j]) for hot loops. Both directions copy.
 */
import { AbstractMatrix, Matrix } from "ml-matrix";
import { InvalidInputError } from "../errors";
import type { RowMajorMatrix } from "../interface";
import { checkRowMajor } from "./matrix-input";

/** A row-major copy of m. */
export function toRowMajor(m: AbstractMatrix): RowMajorMatrix {
  if (!AbstractMatrix.isMatrix(m)) throw new InvalidInputError("toRowMajor: m must be an ml-matrix Matrix");
  const rows = m.rows;
  const cols = m.columns;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) data[base + j] = m.get(i, j);
  }
  return { data, rows, cols };
}

/** An ml-matrix Matrix holding a copy of the row-major data. */
export function fromRowMajor(data: Float64Array, rows: number, cols: number): Matrix {
  checkRowMajor("fromRowMajor", "matrix", { data, rows, cols });
  const m = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) m.setRow(i, data.subarray(i * cols, (i + 1) * cols));
  return m;
}
