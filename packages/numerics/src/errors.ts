/**
 * Error classes of @infoflow/numerics (docs/contracts.md).
 *
 * Every message is one line that names the routine, the argument (or the function and bracket) and
 * the problem, so the CLI can print it as is.
 */

/** Base class of every error thrown by this package. */
export class NumericsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A bad argument: the message names the argument and the value. */
export class InvalidInputError extends NumericsError {}

/** A root-finding bracket that does not bracket a root (f(a) and f(b) have the same sign). */
export class BracketError extends InvalidInputError {}

/** An iteration or subdivision cap was reached: the message names the routine and the interval. */
export class ConvergenceError extends NumericsError {}
