/**
 * Public-boundary validation for every estimator (shared/docs/estimators-math.md §0.2, §10; CONTRIBUTING
 * "validate at the public boundary; keep inner code free of checks"). Each `check*` returns the value it
 * accepted (narrowed) or throws `InvalidInputError` with one line naming the argument and the problem.
 * The `find*` / `constantColumns` helpers only report, for diagnostics: exact ties must never silently
 * inflate a kNN estimate (scikit-learn issue #30772), so the kNN code reports them instead of guessing.
 */
import { InvalidInputError } from "./errors";
import type { Labels, Samples } from "./interface";

function describe(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value;
}

/** Where flat index `i` of a row-major array with `d` columns sits, for error messages. */
function position(name: string, i: number, d: number): string {
  return d > 1 ? `${name}[${i}] (row ${Math.floor(i / d)}, column ${i % d})` : `${name}[${i}] (row ${i})`;
}

/** Throw naming the first NaN or ±Infinity in `data` (row-major with `d` columns). */
export function checkFinite(data: ArrayLike<number>, name: string, d = 1): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) {
      const what = Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
      throw new InvalidInputError(`${position(name, i, d)} is ${what}; every value must be finite`);
    }
  }
}

/** An integer ≥ `min` (and ≤ `max` when given). */
export function checkInteger(value: unknown, name: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new InvalidInputError(`${name} must be an integer, got ${describe(value)}`);
  }
  if (value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in [${min}, ${max}]`;
    throw new InvalidInputError(`${name} must be an integer ${range}, got ${value}`);
  }
  return value;
}

/** A finite number > 0. */
export function checkPositive(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new InvalidInputError(`${name} must be a finite number > 0, got ${describe(value)}`);
  }
  return value;
}

/**
 * A noise variance σ² (> 0). The pairwise bounds take a *variance* like ibsgd's `kde.py`, while sample
 * propagation's β is a standard deviation (estimators-math.md §10 item 1); the message says which.
 */
export function checkVariance(value: unknown, name = "variance"): number {
  if (typeof value === "number" && value < 0) {
    throw new InvalidInputError(
      `${name} must be > 0 (it is a variance σ², not a standard deviation), got ${value}`,
    );
  }
  if (typeof value === "number" && value === 0) {
    throw new InvalidInputError(`${name} must be > 0; a zero variance makes the noisy entropy -Infinity`);
  }
  return checkPositive(value, name);
}

/** A finite number. */
export function checkNumber(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new InvalidInputError(`${name} must be a finite number, got ${describe(value)}`);
  }
  return value;
}

/** One of the listed string options. */
export function checkOneOf<T extends string>(value: unknown, name: string, options: readonly T[]): T {
  if (typeof value !== "string" || !options.includes(value as T)) {
    throw new InvalidInputError(`${name} must be one of ${options.join(", ")}, got ${describe(value)}`);
  }
  return value as T;
}

/**
 * A `Samples` object: `data` a Float64Array of length n·d, n and d positive integers, every value finite.
 * `minRows` lets callers demand more rows (use `checkRowsForK` for the kNN rule).
 */
export function checkSamples(x: unknown, name = "x", minRows = 1): Samples {
  if (typeof x !== "object" || x === null) {
    throw new InvalidInputError(`${name} must be samples {data: Float64Array, n, d}, got ${describe(x)}`);
  }
  const s = x as Partial<Samples>;
  if (!(s.data instanceof Float64Array)) {
    throw new InvalidInputError(`${name}.data must be a Float64Array (use samples(...) to convert)`);
  }
  checkInteger(s.n, `${name}.n`, 1);
  checkInteger(s.d, `${name}.d`, 1);
  const n = s.n as number;
  const d = s.d as number;
  if (s.data.length !== n * d) {
    throw new InvalidInputError(
      `${name}: data has ${s.data.length} values but shape is [${n}, ${d}] (expected ${n * d})`,
    );
  }
  if (n < minRows) throw new InvalidInputError(`${name} has ${n} rows; at least ${minRows} are needed`);
  checkFinite(s.data, `${name}.data`, d);
  return s as Samples;
}

/** kNN estimators need every point to have k other points: n ≥ k + 1. */
export function checkRowsForK(n: number, k: number, name = "x"): void {
  if (n < k + 1) {
    throw new InvalidInputError(
      `${name} has ${n} rows, too few for k = ${k} (need at least k + 1 = ${k + 1})`,
    );
  }
}

/** Two paired arguments must have the same number of rows. */
export function checkSameRows(nA: number, nB: number, nameA: string, nameB: string): void {
  if (nA !== nB) {
    throw new InvalidInputError(
      `${nameB} has ${nB} rows but ${nameA} has ${nA}; they must be paired row by row`,
    );
  }
}

/**
 * Integer class labels, one per row: an Int32Array (returned as is) or an array of integers (copied).
 */
export function checkLabels(labels: unknown, n: number, name = "labels"): Labels {
  let out: Int32Array;
  if (labels instanceof Int32Array) {
    out = labels;
  } else if (Array.isArray(labels) || ArrayBuffer.isView(labels)) {
    const a = labels as ArrayLike<unknown>;
    out = new Int32Array(a.length);
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (typeof v !== "number" || !Number.isInteger(v) || Math.abs(v) > 2147483647) {
        throw new InvalidInputError(`${name}[${i}] must be a 32-bit integer class label, got ${describe(v)}`);
      }
      out[i] = v;
    }
  } else {
    throw new InvalidInputError(
      `${name} must be an Int32Array or an array of integers, got ${describe(labels)}`,
    );
  }
  if (out.length !== n) {
    throw new InvalidInputError(
      `${name} has ${out.length} entries but there are ${n} rows; one label per row`,
    );
  }
  return out;
}

/** Indices of the columns whose values are all identical (exact comparison). */
export function constantColumns(x: Samples): number[] {
  const { data, n, d } = x;
  const out: number[] = [];
  for (let c = 0; c < d; c++) {
    const first = data[c];
    let constant = true;
    for (let i = 1; i < n && constant; i++) constant = data[i * d + c] === first;
    if (constant) out.push(c);
  }
  return out;
}

/**
 * Throw when a column is constant. Use where a constant column makes the estimate meaningless (a
 * differential entropy is −∞ on a degenerate support); needs n ≥ 2 to say anything.
 */
export function checkNoConstantColumns(x: Samples, name = "x"): void {
  if (x.n < 2) return;
  const cols = constantColumns(x);
  if (cols.length > 0) {
    const c = cols[0];
    throw new InvalidInputError(
      `${name} column ${c} is constant (every row equals ${x.data[c]}); its differential entropy is -Infinity`,
    );
  }
}

/** Exact duplicate rows found by `findDuplicateRows`, for diagnostics. */
export interface TieReport {
  /** rows equal to an earlier row (n minus the number of distinct rows) */
  readonly duplicateRows: number;
  /** distinct rows that occur more than once */
  readonly tiedGroups: number;
  /** size of the largest group of identical rows (1 when there are no ties) */
  readonly largestGroup: number;
}

function compareRows(parts: readonly Samples[], a: number, b: number): number {
  for (const { data, d } of parts) {
    const oa = a * d;
    const ob = b * d;
    for (let c = 0; c < d; c++) {
      const diff = data[oa + c] - data[ob + c];
      if (diff !== 0) return diff < 0 ? -1 : 1;
    }
  }
  return 0;
}

/**
 * Dense group id of every row: rows that are exactly equal (as joint rows (x_i, y_i) when `y` is given)
 * share an id; ids follow the lexicographic order of the rows. Sorting row indices is O(n log n · d) and
 * deterministic. Values are compared numerically, so -0 and +0 tie, as they do for any distance.
 * Inputs must already be finite (`checkSamples`).
 */
export function rowGroups(x: Samples, y?: Samples): { ids: Int32Array; groups: number } {
  const parts = y ? [x, y] : [x];
  const order = new Int32Array(x.n);
  for (let i = 0; i < x.n; i++) order[i] = i;
  order.sort((a, b) => compareRows(parts, a, b) || a - b);
  const ids = new Int32Array(x.n);
  let g = 0;
  for (let r = 0; r < x.n; r++) {
    if (r > 0 && compareRows(parts, order[r - 1], order[r]) !== 0) g++;
    ids[order[r]] = g;
  }
  return { ids, groups: x.n > 0 ? g + 1 : 0 };
}

/** Exact duplicate rows of `x`, or of the joint rows (x_i, y_i) when `y` is given (see `rowGroups`). */
export function findDuplicateRows(x: Samples, y?: Samples): TieReport {
  const { ids, groups } = rowGroups(x, y);
  const sizes = new Int32Array(groups);
  for (let i = 0; i < ids.length; i++) sizes[ids[i]]++;
  let tiedGroups = 0;
  let largestGroup = x.n > 0 ? 1 : 0;
  for (let g = 0; g < groups; g++) {
    if (sizes[g] > 1) tiedGroups++;
    if (sizes[g] > largestGroup) largestGroup = sizes[g];
  }
  return { duplicateRows: x.n - groups, tiedGroups, largestGroup };
}
