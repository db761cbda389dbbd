/**
 * The `samples(...)` builder: turns the shapes users have (rows as `number[][]`, the reference data
 * sets' `{ shape: [n, d], data: [...] }`, a flat array with explicit n and d, or a 1-D column) into the
 * row-major Float64 `Samples` every estimator takes, validating at the boundary (`validate.ts`).
 */
import { InvalidInputError } from "./errors";
import type { Samples } from "./interface";
import { checkInteger, checkSamples } from "./validate";

/** The array layout of the reference data sets: `shape` is `[n]` (a column) or `[n, d]`. */
export interface ShapedArray {
  readonly shape: readonly number[];
  readonly data: ArrayLike<number>;
}

export type SamplesInput = Float64Array | ArrayLike<number> | ArrayLike<ArrayLike<number>> | ShapedArray;

function isShaped(v: unknown): v is ShapedArray {
  return typeof v === "object" && v !== null && "shape" in v && "data" in v;
}

function copyNumbers(src: ArrayLike<unknown>, name: string): Float64Array {
  const out = new Float64Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    if (typeof v !== "number") {
      throw new InvalidInputError(`${name}[${i}] must be a number, got ${v === null ? "null" : typeof v}`);
    }
    out[i] = v;
  }
  return out;
}

function fromRows(rows: ArrayLike<ArrayLike<number>>, name: string): Samples {
  const n = rows.length;
  if (n === 0) throw new InvalidInputError(`${name} has no rows`);
  const d = rows[0].length;
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (row === null || typeof row !== "object" || row.length !== d) {
      const len = row !== null && typeof row === "object" ? row.length : typeof row;
      throw new InvalidInputError(
        `${name} row ${i} has length ${len} but row 0 has ${d}; rows must be equal length`,
      );
    }
    for (let c = 0; c < d; c++) {
      const v = row[c];
      if (typeof v !== "number") {
        throw new InvalidInputError(
          `${name}[${i}][${c}] must be a number, got ${v === null ? "null" : typeof v}`,
        );
      }
      data[i * d + c] = v;
    }
  }
  return { data, n, d };
}

function fromShaped(a: ShapedArray, name: string): Samples {
  const { shape } = a;
  if (!Array.isArray(shape) || shape.length < 1 || shape.length > 2) {
    throw new InvalidInputError(`${name}.shape must be [n] or [n, d], got ${JSON.stringify(shape)}`);
  }
  const n = checkInteger(shape[0], `${name}.shape[0]`, 1);
  const d = shape.length === 2 ? checkInteger(shape[1], `${name}.shape[1]`, 1) : 1;
  if (a.data.length !== n * d) {
    throw new InvalidInputError(
      `${name}: data has ${a.data.length} values but shape is ${JSON.stringify(shape)} (expected ${n * d})`,
    );
  }
  return { data: copyNumbers(a.data, `${name}.data`), n, d };
}

/**
 * Build validated `Samples`. Accepts rows (`number[][]`), `{ shape, data }`, or a flat array with `n`
 * and `d` (a flat array without them is one column). A Float64Array with matching n·d is used without
 * copying. Throws `InvalidInputError` naming `name` and the first bad entry.
 */
export function samples(input: SamplesInput, n?: number, d?: number, name = "x"): Samples {
  let s: Samples;
  if (isShaped(input)) {
    s = fromShaped(input, name);
  } else if (input instanceof Float64Array || (input.length > 0 && typeof input[0] === "number")) {
    const flat = input as ArrayLike<number>;
    const rows = n ?? (d === undefined ? flat.length : Math.floor(flat.length / d));
    const cols = d ?? (n === undefined ? 1 : Math.floor(flat.length / n));
    checkInteger(rows, `${name}.n`, 1);
    checkInteger(cols, `${name}.d`, 1);
    if (rows * cols !== flat.length) {
      throw new InvalidInputError(
        `${name}: data has ${flat.length} values but shape is [${rows}, ${cols}] (expected ${rows * cols})`,
      );
    }
    const data = input instanceof Float64Array ? input : copyNumbers(flat, `${name}.data`);
    s = { data, n: rows, d: cols };
  } else if (input.length > 0 && typeof input[0] === "object") {
    s = fromRows(input as ArrayLike<ArrayLike<number>>, name);
  } else if (input.length === 0) {
    throw new InvalidInputError(`${name} has no rows`);
  } else {
    throw new InvalidInputError(`${name} must be rows (number[][]), {shape, data}, or a flat numeric array`);
  }
  return checkSamples(s, name);
}
