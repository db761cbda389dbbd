/**
 * log(erfcx(x)) = x² + log(erfc(x)), never overflowing.
 *
 * replica-math.md §4.0: for x ≥ 0, erfcx(x) ∈ (0, 1] is computed directly; for x < 0, erfcx(x)
 * = e^{x²} erfc(x) overflows beyond x ≈ −26.6 but x² + log(erfc(x)) does not (erfc(x) ∈ (1, 2]).
 */
import { erfc } from "./erfc";
import { erfcx } from "./erfcx";

/** log(erfcx(x)). NaN propagates. */
export function logErfcx(x: number): number {
  if (x < 0) return x * x + Math.log(erfc(x));
  return Math.log(erfcx(x));
}
