/**
 * Argument checks shared by the Brent routines (src/solvers/brent-root.ts, brent-minimize.ts): a function,
 * a finite bracket with a < b, a positive tolerance and a positive iteration cap. Messages start with the
 * routine and the caller's function name, e.g. "brentRoot(theta-equation): …".
 */
import { InvalidInputError } from "../errors";

/** "routine(name)" or "routine". */
export function solverLabel(routine: string, name: string | undefined): string {
  return name ? `${routine}(${name})` : routine;
}

/** Validates f, the bracket [a, b], xtol and maxIter. */
export function checkBracketArgs(
  label: string,
  f: unknown,
  a: number,
  b: number,
  xtol: number,
  maxIter: number,
): void {
  if (typeof f !== "function")
    throw new InvalidInputError(`${label}: f must be a function (got ${typeof f})`);
  if (!Number.isFinite(a) || !Number.isFinite(b)) {
    throw new InvalidInputError(`${label}: bracket [${a}, ${b}] must have finite ends`);
  }
  if (!(a < b)) throw new InvalidInputError(`${label}: bracket [${a}, ${b}] must have a < b`);
  if (!(xtol > 0) || !Number.isFinite(xtol))
    throw new InvalidInputError(`${label}: xtol must be > 0 (got ${xtol})`);
  if (!Number.isInteger(maxIter) || maxIter < 1) {
    throw new InvalidInputError(`${label}: maxIter must be a positive integer (got ${maxIter})`);
  }
}

/** Throws when f returned NaN at x. */
export function checkValue(label: string, x: number, fx: number): void {
  if (Number.isNaN(fx)) throw new InvalidInputError(`${label}: f(${x}) is NaN`);
}
