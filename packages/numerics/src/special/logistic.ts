/**
 * Logistic sigmoid 1/(1 + e^{−x}), evaluated so that e^{±x} never overflows
 * (replica-math.md §4.0): x ≥ 0 ? 1/(1 + e^{−x}) : e^{x}/(1 + e^{x}).
 */

/** 1/(1 + e^{−x}). NaN propagates. */
export function logistic(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}
