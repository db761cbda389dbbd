/**
 * log Σ_{i=start}^{end−1} exp(values[i]) with the usual max shift (replica-math.md §4.0), so that no term
 * overflows and the largest term is exact.
 */
import { InvalidInputError } from "../errors";

/** log Σ exp(values[start..end)); −Infinity for an empty range; NaN if any value is NaN. */
export function logSumExp(values: ArrayLike<number>, start = 0, end: number = values?.length): number {
  if (values == null || typeof values.length !== "number") {
    throw new InvalidInputError("logSumExp: values must be an array of numbers");
  }
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > values.length || start > end) {
    throw new InvalidInputError(
      `logSumExp: range [start, end) = [${start}, ${end}) must satisfy 0 ≤ start ≤ end ≤ values.length = ${values.length}`,
    );
  }
  let max = Number.NEGATIVE_INFINITY;
  for (let i = start; i < end; i++) {
    const v = values[i];
    if (Number.isNaN(v)) return Number.NaN;
    if (v > max) max = v;
  }
  if (max === Number.NEGATIVE_INFINITY || max === Number.POSITIVE_INFINITY) return max;
  let sum = 0;
  for (let i = start; i < end; i++) sum += Math.exp(values[i] - max);
  return max + Math.log(sum);
}
