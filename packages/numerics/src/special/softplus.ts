/**
 * Softplus log(1 + eˣ) = max(x, 0) + log1p(e^{−|x|}) (replica-math.md §4.0): no overflow for large x,
 * full relative accuracy for very negative x (softplus(x) ≈ eˣ).
 */
import { log1p } from "./log1p";

/** log(1 + eˣ). NaN propagates. */
export function softplus(x: number): number {
  return Math.max(x, 0) + log1p(Math.exp(-Math.abs(x)));
}
