/**
 * The package's error classes (docs/contracts.md conventions): one-line messages that name the
 * field and the problem, so the CLI can print them as they are.
 */

/** Base class of every error thrown by `@infoflow/tasks`. */
export class TasksError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A bad argument or spec field; the message names the field. */
export class InvalidInputError extends TasksError {}

/** A file the caller asked for (or the default data file) is missing; the message says where to get it. */
export class DataNotFoundError extends TasksError {}

/** The replica solver could not produce a trustworthy truth value (not converged, bound violated). */
export class TruthUnavailableError extends TasksError {}
