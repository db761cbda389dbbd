/**
 * One-dimensional Gaussian expectation ∫Dz f(z) = E f(Z), Z ~ N(0, 1).
 *
 * Default: Gauss–Hermite of order 80 (src/quadrature/gauss-hermite.ts), exact for polynomials of degree
 * ≤ 159 and fast for smooth f. `{ adaptive: { epsRel, epsAbs } }` instead integrates f(z)φ(z) over the
 * whole real line with adaptive G7–K15 (replica-math.md §4.5 items 1–2), for integrands with kinks or
 * narrow features; where φ(z) underflows to 0 the product is taken as 0 (so f may overflow there).
 * The initial partition is split at GAUSSIAN_BREAKPOINTS = −6, −3, 0, 3, 6 (plus the caller's): with the
 * single map x = (1 − t)/t, the first 15 nodes can all miss mass concentrated in a tail (e.g.
 * E max(z − 6, 0) ≈ 1.6e−10 was returned as 2e−16 with a tiny error estimate); the fixed splits make every
 * unit-scale region of the Gaussian bulk and both tails sampled from the start.
 */
import { InvalidInputError } from "../errors";
import type { GaussianExpectationOptions } from "../interface";
import { normalPdf } from "../special/normal-pdf";
import { gaussHermite } from "./gauss-hermite";
import { gaussKronrod } from "./gauss-kronrod";

/** Initial breakpoints of the adaptive Gaussian expectations (see the header). */
export const GAUSSIAN_BREAKPOINTS: readonly number[] = [-6, -3, 0, 3, 6];

/** The default splits merged with the caller's (sorted; duplicates are dropped by the partition). */
export function gaussianBreakpoints(extra?: ArrayLike<number>): number[] {
  if (extra == null || extra.length === 0) return GAUSSIAN_BREAKPOINTS as number[];
  return [...GAUSSIAN_BREAKPOINTS, ...Array.from(extra)];
}

/** Default Gauss–Hermite order of the Gaussian expectations. */
export const DEFAULT_GAUSS_HERMITE_ORDER = 80;

/** E f(Z) for Z ~ N(0, 1). */
export function gaussianExpectation(f: (z: number) => number, opts: GaussianExpectationOptions = {}): number {
  if (typeof f !== "function") {
    throw new InvalidInputError(`gaussianExpectation: f must be a function (got ${typeof f})`);
  }
  if ("adaptive" in opts) {
    const ad = opts.adaptive;
    const g = (z: number): number => {
      const w = normalPdf(z);
      return w === 0 ? 0 : w * f(z);
    };
    return gaussKronrod(g, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, {
      epsRel: ad.epsRel ?? 1e-11,
      epsAbs: ad.epsAbs ?? 1e-14,
      maxSubdivisions: ad.maxSubdivisions,
      breakpoints: gaussianBreakpoints(ad.breakpoints),
      name: "gaussianExpectation",
    }).value;
  }
  const { nodes, weights } = gaussHermite(opts.order ?? DEFAULT_GAUSS_HERMITE_ORDER);
  let sum = 0;
  for (let i = 0; i < nodes.length; i++) sum += weights[i] * f(nodes[i]);
  return sum;
}
