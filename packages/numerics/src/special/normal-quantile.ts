/**
 * Standard normal quantile Φ⁻¹(p) = −√2 erfcinv(2p), via `@stdlib/math-base-special-erfcinv`
 * (Boost.Math rational approximations); erfcinv keeps relative accuracy for tiny p.
 */
import stdlibErfcinv from "@stdlib/math-base-special-erfcinv";
import { InvalidInputError } from "../errors";

/** Φ⁻¹(p) for p ∈ [0, 1] (±Infinity at the ends); throws InvalidInputError otherwise. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) {
    throw new InvalidInputError(`normalQuantile: p must be a probability in [0, 1] (got ${String(p)})`);
  }
  return -Math.SQRT2 * stdlibErfcinv(2 * p);
}
