/**
 * Explanations that travel with a number (users-ask.md §1 items 1 and 3): why an entropy or an MI
 * estimate can be negative, so a user reading `diagnostics.negative` knows whether it is a bug.
 */

/** Note for a negative differential entropy. */
export function negativeEntropyNote(value: number): string | undefined {
  if (value >= 0) return undefined;
  return (
    "differential entropy can be negative: it is not a count of bits but depends on the data's scale " +
    "(multiplying x by c adds d·ln|c|); a negative value is not an error"
  );
}

/** Note for a negative MI estimate, with its standard error when known. */
export function negativeMINote(value: number, stdError?: number): string | undefined {
  if (value >= 0) return undefined;
  const se =
    stdError !== undefined && stdError > 0
      ? ` (it is ${(-value / stdError).toFixed(1)} standard errors below 0)`
      : "";
  return (
    `mutual information is ≥ 0 but this estimate is not constrained to be${se}: it fluctuates around ` +
    "the true value, and when that is near 0 it can come out negative. Keep the raw value for bias " +
    "analysis, clip at 0 only for display, and compare with the shuffle null (param shuffles)"
  );
}
