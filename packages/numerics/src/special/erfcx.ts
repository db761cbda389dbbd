/**
 * Scaled complementary error function erfcx(x) = e^{x²} erfc(x) (replica-math.md §4.0).
 *
 * Thin typed wrapper of `@stdlib/math-base-special-erfcx` (stdlib-js; port of S. G. Johnson's Faddeeva package, ~1e-15 relative).
 * NaN propagates (IEEE semantics): this is a hot-loop scalar, so it does not throw.
 */
import impl from "@stdlib/math-base-special-erfcx";

/** Scaled complementary error function erfcx(x) = e^{x²} erfc(x) (replica-math.md §4.0). */
export function erfcx(x: number): number {
  return impl(x);
}
