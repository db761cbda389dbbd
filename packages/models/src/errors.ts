/**
 * The package's one error class: a one-line message naming the field and the problem
 * (docs/contracts.md conventions). The CLI prints the message as is.
 */
export class ModelsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ModelsError";
  }
}

/** A bad argument or configuration value; the message names the field. */
export class InvalidInputError extends ModelsError {
  constructor(message: string) {
    super(message);
    this.name = "InvalidInputError";
  }
}
