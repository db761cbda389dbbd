/**
 * The package's one error class. Thrown at the public boundary (see `validate.ts`) with a one-line
 * message that names the argument and the problem, e.g. `x.data[17] (row 8, column 1) is NaN`.
 * Inner numerical code never throws it (scikit-learn's habit: validate once, at the edge).
 */
export class InvalidInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidInputError";
  }
}
