/**
 * Brent's root finder on a bracket [a, b] with f(a)·f(b) ≤ 0: inverse quadratic interpolation and
 * secant steps safeguarded by bisection; converges whenever f is continuous on the bracket.
 *
 * Port of SciPy's `brentq` (scipy/optimize/Zeros/brentq.c, C. Harris), itself R. P. Brent,
 * "Algorithms for Minimization without Derivatives", Prentice-Hall (1973), ch. 4 (zeroin). Stops when
 * the bracket half-width is below (xtol + rtol·|x|)/2 or f(x) = 0.
 */
import { BracketError, ConvergenceError, InvalidInputError } from "../errors";
import type { RootResult } from "../interface";
import { checkBracketArgs, checkValue, solverLabel } from "./bracket";

export interface BrentRootOptions {
  /** Absolute x tolerance (default 2e-12, as SciPy). */
  xtol?: number;
  /** Relative x tolerance (default 4ε ≈ 8.9e-16, as SciPy). */
  rtol?: number;
  /** Maximum number of iterations (default 100). */
  maxIter?: number;
  /** Name of the function, used in error messages. */
  name?: string;
}

/** A root of f in [a, b] (a < b, f(a)·f(b) ≤ 0). Throws BracketError / ConvergenceError / InvalidInputError. */
export function brentRoot(
  f: (x: number) => number,
  a: number,
  b: number,
  opts: BrentRootOptions = {},
): RootResult {
  const label = solverLabel("brentRoot", opts.name);
  const xtol = opts.xtol ?? 2e-12;
  const rtol = opts.rtol ?? 4 * Number.EPSILON;
  const maxIter = opts.maxIter ?? 100;
  checkBracketArgs(label, f, a, b, xtol, maxIter);
  if (!(rtol >= 4 * Number.EPSILON) || !Number.isFinite(rtol)) {
    throw new InvalidInputError(`${label}: rtol must be ≥ 4ε = ${4 * Number.EPSILON} (got ${rtol})`);
  }
  let xpre = a;
  let xcur = b;
  let fpre = f(xpre);
  let fcur = f(xcur);
  checkValue(label, xpre, fpre);
  checkValue(label, xcur, fcur);
  if (fpre === 0) return { x: xpre, fx: fpre, iterations: 0 };
  if (fcur === 0) return { x: xcur, fx: fcur, iterations: 0 };
  if (fpre > 0 === fcur > 0) {
    throw new BracketError(
      `${label}: f(a) and f(b) have the same sign on [${a}, ${b}] (f(a) = ${fpre}, f(b) = ${fcur})`,
    );
  }
  let xblk = 0;
  let fblk = 0;
  let spre = 0;
  let scur = 0;
  for (let i = 1; i <= maxIter; i++) {
    if (fpre !== 0 && fcur !== 0 && fpre > 0 !== fcur > 0) {
      xblk = xpre;
      fblk = fpre;
      spre = scur = xcur - xpre;
    }
    if (Math.abs(fblk) < Math.abs(fcur)) {
      xpre = xcur;
      xcur = xblk;
      xblk = xpre;
      fpre = fcur;
      fcur = fblk;
      fblk = fpre;
    }
    const delta = (xtol + rtol * Math.abs(xcur)) / 2;
    const sbis = (xblk - xcur) / 2;
    if (fcur === 0 || Math.abs(sbis) < delta) return { x: xcur, fx: fcur, iterations: i };
    if (Math.abs(spre) > delta && Math.abs(fcur) < Math.abs(fpre)) {
      let stry: number;
      if (xpre === xblk) {
        stry = (-fcur * (xcur - xpre)) / (fcur - fpre); // secant
      } else {
        const dpre = (fpre - fcur) / (xpre - xcur);
        const dblk = (fblk - fcur) / (xblk - xcur);
        stry = (-fcur * (fblk * dblk - fpre * dpre)) / (dblk * dpre * (fblk - fpre)); // inverse quadratic
      }
      if (2 * Math.abs(stry) < Math.min(Math.abs(spre), 3 * Math.abs(sbis) - delta)) {
        spre = scur;
        scur = stry;
      } else {
        spre = sbis;
        scur = sbis;
      }
    } else {
      spre = sbis;
      scur = sbis;
    }
    xpre = xcur;
    fpre = fcur;
    xcur += Math.abs(scur) > delta ? scur : sbis > 0 ? delta : -delta;
    fcur = f(xcur);
    checkValue(label, xcur, fcur);
  }
  throw new ConvergenceError(
    `${label}: no convergence in ${maxIter} iterations on [${a}, ${b}] (last x = ${xcur}, f(x) = ${fcur})`,
  );
}
