/**
 * Digamma function ψ(x) = Γ'(x)/Γ(x) (poles at 0, −1, −2, … give NaN).
 *
 * Thin typed wrapper of `@stdlib/math-base-special-digamma` (stdlib-js; Boost.Math digamma rational approximations).
 * NaN propagates (IEEE semantics): this is a hot-loop scalar, so it does not throw.
 */
import impl from "@stdlib/math-base-special-digamma";

/** Digamma function ψ(x) = Γ'(x)/Γ(x) (poles at 0, −1, −2, … give NaN). */
export function digamma(x: number): number {
  return impl(x);
}
