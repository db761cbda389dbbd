/**
 * Error function erf(x) = (2/√π) ∫₀ˣ e^{−t²} dt.
 *
 * Thin typed wrapper of `@stdlib/math-base-special-erf` (stdlib-js; FreeBSD msun s_erf.c rational approximations).
 * NaN propagates (IEEE semantics): this is a hot-loop scalar, so it does not throw.
 */
import impl from "@stdlib/math-base-special-erf";

/** Error function erf(x) = (2/√π) ∫₀ˣ e^{−t²} dt. */
export function erf(x: number): number {
  return impl(x);
}
