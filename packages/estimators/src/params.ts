/**
 * Reading an estimator's parameter record at the public boundary: unknown keys are rejected with the
 * list of known ones (a typo must not silently fall back to a default), every value is checked with
 * `validate.ts`, and the resolved record (defaults filled in) is what results echo.
 */
import { InvalidInputError } from "./errors";
import type { Params } from "./interface";
import { checkInteger } from "./validate";

/** Throw on keys outside `known`. */
export function checkKnownParams(id: string, params: Params, known: readonly string[]): void {
  for (const key of Object.keys(params)) {
    if (!known.includes(key)) {
      throw new InvalidInputError(
        `unknown parameter '${key}' for estimator ${id}; known: ${known.join(", ")}`,
      );
    }
  }
}

/** Thread count: an integer in [1, 256], or "auto" / undefined (chosen from the problem size). */
export function readThreads(value: unknown): number | "auto" {
  if (value === undefined || value === "auto") return "auto";
  return checkInteger(value, "threads", 1, 256);
}

/** Shuffles of the optional permutation null: an integer in [0, 100000], default 0 (none). */
export function readShuffles(value: unknown): number {
  return value === undefined ? 0 : checkInteger(value, "shuffles", 0, 100000);
}

/** Seed: a non-negative safe integer, default 0. */
export function readSeed(value: unknown): number {
  return value === undefined ? 0 : checkInteger(value, "seed", 0);
}
