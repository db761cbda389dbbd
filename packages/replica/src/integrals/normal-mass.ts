/**
 * P(l < x < u) for x ~ N(0, τ²), accurate in both tails (differences of erfc on the side where it is small).
 * τ = 0 is the point mass at 0.
 */
import { erfc } from "@infoflow/numerics";

const SQRT1_2 = Math.SQRT1_2;

export function normalCdfDifference(l: number, u: number, tau: number): number {
  if (tau === 0) return l < 0 && 0 < u ? 1 : 0;
  const a = (l / tau) * SQRT1_2;
  const b = (u / tau) * SQRT1_2;
  if (a >= 0) return 0.5 * (erfc(a) - erfc(b));
  if (b <= 0) return 0.5 * (erfc(-b) - erfc(-a));
  return 1 - 0.5 * erfc(-a) - 0.5 * erfc(b);
}
