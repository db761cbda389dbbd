/**
 * log Φ(x), accurate in both tails.
 * - x ≤ 0: logErfc(−x/√2) − log 2 (|log Φ| ≥ log 2, so no cancellation; finite down to x ≈ −1.9e154
 *   because logErfc never underflows, see src/special/log-erfc.ts);
 * - x > 0: log1p(−Φ(−x)) with Φ(−x) = ½ erfc(x/√2) at full relative accuracy, so log Φ(x) ≈ −Φ(−x) keeps
 *   its relative accuracy for large x (log Φ(10) ≈ −7.6e−24, not 0).
 */
import { erfc } from "./erfc";
import { logErfc } from "./log-erfc";
import { log1p } from "./log1p";

/** log Φ(x). NaN propagates. */
export function normalLogCdf(x: number): number {
  if (x > 0) return log1p(-0.5 * erfc(x * Math.SQRT1_2));
  return logErfc(-x * Math.SQRT1_2) - Math.LN2;
}
