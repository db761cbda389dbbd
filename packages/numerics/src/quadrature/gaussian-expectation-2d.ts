/**
 * Two-dimensional Gaussian expectation ∫Dz₁ Dz₂ f(z₁, z₂) = E f(Z₁, Z₂), Z₁, Z₂ i.i.d. N(0, 1).
 *
 * Default: tensor-product Gauss–Hermite with `order` nodes per dimension (default 40, i.e. 1600
 * evaluations; replica-math.md §4.5 item 5). `{ adaptive: { epsRel, epsAbs } }`: nested adaptive
 * G7–K15 over the real line (§4.5 item 4): the outer integral over z₁ at epsRel, the inner over z₂ at
 * epsRel/100 (dnner's inner/outer ratio), so the inner errors do not spoil the outer estimate. An inner
 * integral that cannot reach its tighter target (QUADPACK's round-off floor 50ε∫|f| under cancellation,
 * e.g. E cos(z₁ + Z) near a zero of cos z₁) is accepted if it meets the outer tolerance, and is a
 * ConvergenceError naming z₁ otherwise. Both
 * start from the partition of gaussianExpectation (splits at −6, −3, 0, 3, 6 and the caller's breakpoints).
 */
import { ConvergenceError, InvalidInputError } from "../errors";
import type { GaussianExpectationOptions } from "../interface";
import { normalPdf } from "../special/normal-pdf";
import { gaussHermite } from "./gauss-hermite";
import { gaussKronrod } from "./gauss-kronrod";
import { gaussianBreakpoints } from "./gaussian-expectation";

/** Default Gauss–Hermite order per dimension of gaussianExpectation2D. */
export const DEFAULT_GAUSS_HERMITE_ORDER_2D = 40;

/** E f(Z₁, Z₂) for independent standard normals. */
export function gaussianExpectation2D(
  f: (z1: number, z2: number) => number,
  opts: GaussianExpectationOptions = {},
): number {
  if (typeof f !== "function") {
    throw new InvalidInputError(`gaussianExpectation2D: f must be a function (got ${typeof f})`);
  }
  if ("adaptive" in opts) {
    const epsRel = opts.adaptive.epsRel ?? 1e-9;
    const epsAbs = opts.adaptive.epsAbs ?? 1e-13;
    const maxSubdivisions = opts.adaptive.maxSubdivisions;
    const breakpoints = gaussianBreakpoints(opts.adaptive.breakpoints);
    const innerOpts = {
      breakpoints,
      epsRel: Math.max(epsRel / 100, 1e-14),
      epsAbs: epsAbs / 100,
      maxSubdivisions,
      name: "gaussianExpectation2D inner",
      throwOnFailure: false,
    };
    let z1 = 0;
    const inner = (z2: number): number => {
      const w = normalPdf(z2);
      return w === 0 ? 0 : w * f(z1, z2);
    };
    const outer = (z: number): number => {
      const w = normalPdf(z);
      if (w === 0) return 0;
      z1 = z;
      const r = gaussKronrod(inner, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, innerOpts);
      if (!r.converged && r.error > Math.max(epsAbs, epsRel * Math.abs(r.value))) {
        throw new ConvergenceError(
          `gaussianExpectation2D: inner integral over z2 at z1 = ${z} did not converge ` +
            `(error estimate ${r.error.toExponential(3)}, value ${r.value})`,
        );
      }
      return w * r.value;
    };
    return gaussKronrod(outer, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, {
      epsRel,
      epsAbs,
      maxSubdivisions,
      breakpoints,
      name: "gaussianExpectation2D outer",
    }).value;
  }
  const { nodes, weights } = gaussHermite(opts.order ?? DEFAULT_GAUSS_HERMITE_ORDER_2D);
  const n = nodes.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = nodes[i];
    let row = 0;
    for (let j = 0; j < n; j++) row += weights[j] * f(x, nodes[j]);
    sum += weights[i] * row;
  }
  return sum;
}
