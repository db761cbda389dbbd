/**
 * Standard normal density φ(x) = e^{−x²/2}/√(2π) (replica-math.md §4).
 */

const INV_SQRT_2PI = 0.3989422804014327; // 1/√(2π)

/** φ(x). NaN propagates. */
export function normalPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}
