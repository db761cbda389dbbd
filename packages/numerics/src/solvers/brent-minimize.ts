/**
 * Bounded Brent minimisation of a unimodal f on [a, b]: golden-section steps safeguarding parabolic
 * interpolation; f is never evaluated at the ends.
 *
 * Port of SciPy's `fminbound` (`_minimize_scalar_bounded`), itself R. P. Brent, "Algorithms for
 * Minimization without Derivatives", Prentice-Hall (1973), ch. 5 (localmin). Stops when
 * |x − (a+b)/2| ≤ 2·tol − (b − a)/2 with tol = √ε·|x| + xtol/3.
 */
import { ConvergenceError } from "../errors";
import type { MinimizeResult } from "../interface";
import { checkBracketArgs, checkValue, solverLabel } from "./bracket";

export interface BrentMinimizeOptions {
  /** Absolute x tolerance (default 1e-10; the achievable accuracy is also limited by √ε·|x|). */
  xtol?: number;
  /** Maximum number of function evaluations (default 500). */
  maxIter?: number;
  /** Name of the function, used in error messages. */
  name?: string;
}

const SQRT_EPS = Math.sqrt(2.2e-16);
const GOLDEN = 0.5 * (3 - Math.sqrt(5));

/** The minimiser of f on [a, b] (a < b). Throws ConvergenceError / InvalidInputError. */
export function brentMinimize(
  f: (x: number) => number,
  a: number,
  b: number,
  opts: BrentMinimizeOptions = {},
): MinimizeResult {
  const label = solverLabel("brentMinimize", opts.name);
  const xtol = opts.xtol ?? 1e-10;
  const maxIter = opts.maxIter ?? 500;
  checkBracketArgs(label, f, a, b, xtol, maxIter);
  const eval1 = (x: number): number => {
    const v = f(x);
    checkValue(label, x, v);
    return v;
  };
  const lo0 = a;
  const hi0 = b;
  let fulc = a + GOLDEN * (b - a);
  let nfc = fulc;
  let xf = fulc;
  let rat = 0;
  let e = 0;
  let x = xf;
  let fx = eval1(x);
  let num = 1;
  let ffulc = fx;
  let fnfc = fx;
  let xm = 0.5 * (a + b);
  let tol1 = SQRT_EPS * Math.abs(xf) + xtol / 3;
  let tol2 = 2 * tol1;
  while (Math.abs(xf - xm) > tol2 - 0.5 * (b - a)) {
    if (num >= maxIter) {
      throw new ConvergenceError(
        `${label}: no convergence in ${maxIter} evaluations on [${lo0}, ${hi0}] (current bracket [${a}, ${b}], x = ${xf})`,
      );
    }
    let golden = true;
    if (Math.abs(e) > tol1) {
      golden = false;
      let r = (xf - nfc) * (fx - ffulc);
      let q = (xf - fulc) * (fx - fnfc);
      let p = (xf - fulc) * q - (xf - nfc) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      q = Math.abs(q);
      r = e;
      e = rat;
      if (Math.abs(p) < Math.abs(0.5 * q * r) && p > q * (a - xf) && p < q * (b - xf)) {
        rat = p / q; // parabolic step
        x = xf + rat;
        if (x - a < tol2 || b - x < tol2) {
          const si = Math.sign(xm - xf) + (xm - xf === 0 ? 1 : 0);
          rat = tol1 * si;
        }
      } else {
        golden = true;
      }
    }
    if (golden) {
      e = xf >= xm ? a - xf : b - xf;
      rat = GOLDEN * e;
    }
    const si = Math.sign(rat) + (rat === 0 ? 1 : 0);
    x = xf + si * Math.max(Math.abs(rat), tol1);
    const fu = eval1(x);
    num++;
    if (fu <= fx) {
      if (x >= xf) a = xf;
      else b = xf;
      fulc = nfc;
      ffulc = fnfc;
      nfc = xf;
      fnfc = fx;
      xf = x;
      fx = fu;
    } else {
      if (x < xf) a = x;
      else b = x;
      if (fu <= fnfc || nfc === xf) {
        fulc = nfc;
        ffulc = fnfc;
        nfc = x;
        fnfc = fu;
      } else if (fu <= ffulc || fulc === xf || fulc === nfc) {
        fulc = x;
        ffulc = fu;
      }
    }
    xm = 0.5 * (a + b);
    tol1 = SQRT_EPS * Math.abs(xf) + xtol / 3;
    tol2 = 2 * tol1;
  }
  return { x: xf, fx, iterations: num };
}
