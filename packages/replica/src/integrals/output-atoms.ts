/**
 * The atom terms of the output channels (replica-math §4.2, §4.5(3)):
 *   E_u[G(u + c)],  E_u[K(u + c)],   u ~ N(0, s²),  s² = m/(2v),
 * with G(y) = (2/π) e^{−y² − log erfcx(y)} (the Fisher information of an atom ½erfc(y), times 2v) and
 * K(y) = erfc(y)·log(½erfc(y)) (twice its P log P; 0·(−∞) := 0). Both are negligible for |y| > 7, so the
 * integral runs in y = u + c over [c − 10s, c + 10s] ∩ [−8, 8]: the window follows the atom wherever c
 * puts it. dnner integrates over |u| ≤ 10·min(1, s) instead, which misses the atom when c ≳ 8
 * (HardTanh outputs with small noise, §8.2); this is the corrected window of §4.5(3).
 */
import { logErfc, logErfcx } from "@infoflow/numerics";
import { localizedAverage } from "./localized-average";

const TWO_OVER_PI = 2 / Math.PI;
const LN2 = Math.LN2;
/** Where G and K are below 1e−27: beyond it the integrand is zero in double precision relative to O(1) values. */
const Y_MAX = 8;

/** G(y) = (2/π)·e^{−y²}/erfcx(y). */
export function atomG(y: number): number {
  return TWO_OVER_PI * Math.exp(-y * y - logErfcx(y));
}

/** K(y) = erfc(y)·log(½ erfc(y)), 0 where erfc underflows. */
export function atomK(y: number): number {
  const le = logErfc(y);
  if (le === Number.NEGATIVE_INFINITY) return 0;
  return Math.exp(le) * (le - LN2);
}

/** E_u[g(u + c)] for u ~ N(0, s²), g ∈ {G, K}. */
export function atomExpectation(g: (y: number) => number, c: number, s: number): number {
  return localizedAverage(g, c, s, Y_MAX);
}
