/**
 * Complementary error function erfc(x) = 1 − erf(x), accurate in the right tail.
 *
 * Thin typed wrapper of `@stdlib/math-base-special-erfc` (stdlib-js; FreeBSD msun s_erf.c rational approximations).
 * NaN propagates (IEEE semantics): this is a hot-loop scalar, so it does not throw.
 */
import impl from "@stdlib/math-base-special-erfc";

/** Complementary error function erfc(x) = 1 − erf(x), accurate in the right tail. */
export function erfc(x: number): number {
  return impl(x);
}
