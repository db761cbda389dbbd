/**
 * eˣ − 1, accurate for small |x|.
 *
 * Thin typed wrapper of `@stdlib/math-base-special-expm1` (stdlib-js; FreeBSD msun s_expm1.c).
 * NaN propagates (IEEE semantics): this is a hot-loop scalar, so it does not throw.
 */
import impl from "@stdlib/math-base-special-expm1";

/** eˣ − 1, accurate for small |x|. */
export function expm1(x: number): number {
  return impl(x);
}
