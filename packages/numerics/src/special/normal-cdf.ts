/**
 * Standard normal CDF Φ(x) = ½ erfc(−x/√2); erfc keeps full relative accuracy in the left tail
 * (Φ(−30) ≈ 4.9e−198), unlike ½(1 + erf(x/√2)).
 */
import { erfc } from "./erfc";

/** Φ(x). NaN propagates. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x * Math.SQRT1_2);
}
