/**
 * E_η[f(η)], η ~ N(0, 1), by adaptive Gauss–Kronrod on [−10, 10] (replica-math §4.5(2): epsRel 1e−11 or
 * better; the mass outside is 1.5e−23) with caller-supplied breakpoints where f switches sharply.
 */
import { gaussKronrod } from "@infoflow/numerics";

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const L = 10;

export function gaussianAverage(f: (eta: number) => number, breakpoints: number[] = []): number {
  const bp = breakpoints.filter((x) => x > -L && x < L).sort((x, y) => x - y);
  const g = (eta: number) => f(eta) * INV_SQRT_2PI * Math.exp(-0.5 * eta * eta);
  return gaussKronrod(g, -L, L, {
    epsRel: 1e-13,
    epsAbs: 1e-17,
    maxSubdivisions: 400,
    breakpoints: bp,
    throwOnFailure: false,
  }).value;
}
