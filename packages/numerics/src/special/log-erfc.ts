/**
 * log(erfc(x)), stable in both tails and accurate near 0.
 *
 * replica-math.md §4.0, refined in the middle range:
 * - x > 0.5: log(erfc(x)) = log(erfcx(x)) − x², which never underflows (at x = 40, erfc(x) ≈ 1e−697 is
 *   0 in double precision, but log erfcx(40) − 1600 is finite);
 * - |x| ≤ 0.5: log1p(−erf(x)), which keeps relative accuracy where log erfc(x) ≈ −2x/√π is small;
 * - x < −0.5: log(erfc(x)) with erfc(x) ∈ (1.52, 2], no cancellation (at x = −40 the value is log 2).
 * Reference: W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969).
 */
import { erf } from "./erf";
import { erfc } from "./erfc";
import { erfcx } from "./erfcx";
import { log1p } from "./log1p";

/** log(erfc(x)); −Infinity only as x → +Infinity. NaN propagates. */
export function logErfc(x: number): number {
  if (x > 0.5) return Math.log(erfcx(x)) - x * x;
  if (x >= -0.5) return log1p(-erf(x));
  return Math.log(erfc(x));
}
