/**
 * log(2 cosh x) = |x| + log1p(e^{−2|x|}) (replica-math.md §4.0), finite for every finite x
 * (the naive form overflows for |x| > 710).
 */
import { log1p } from "./log1p";

/** log(2 cosh x). NaN propagates. */
export function log2cosh(x: number): number {
  const ax = Math.abs(x);
  return ax + log1p(Math.exp(-2 * ax));
}
