/**
 * JSON has no NaN or ±Infinity; like shared/reference, write them as the strings "NaN",
 * "Infinity", "-Infinity" (a failed replica solve records NaN rather than dropping the epoch) and
 * read them back as numbers.
 */
export function nonFiniteReplacer(_key: string, value: unknown): unknown {
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return value;
}

export function nonFiniteReviver(_key: string, value: unknown): unknown {
  if (value === "NaN") return Number.NaN;
  if (value === "Infinity") return Number.POSITIVE_INFINITY;
  if (value === "-Infinity") return Number.NEGATIVE_INFINITY;
  return value;
}
