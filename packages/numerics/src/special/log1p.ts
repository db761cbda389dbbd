/**
 * log(1 + x), accurate for small |x|.
 *
 * Thin typed wrapper of `@stdlib/math-base-special-log1p` (stdlib-js; FreeBSD msun s_log1p.c).
 * NaN propagates (IEEE semantics): this is a hot-loop scalar, so it does not throw.
 */
import impl from "@stdlib/math-base-special-log1p";

/** log(1 + x), accurate for small |x|. */
export function log1p(x: number): number {
  return impl(x);
}
