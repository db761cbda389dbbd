/**
 * log|Γ(x)| (+Infinity at the poles 0, −1, −2, …).
 *
 * Thin typed wrapper of `@stdlib/math-base-special-gammaln` (stdlib-js; FreeBSD msun e_lgamma_r.c).
 * NaN propagates (IEEE semantics): this is a hot-loop scalar, so it does not throw.
 */
import impl from "@stdlib/math-base-special-gammaln";

/** log|Γ(x)| (+Infinity at the poles 0, −1, −2, …). */
export function logGamma(x: number): number {
  return impl(x);
}
