/** Validate `sample(n, seed)` arguments at the public boundary. */
import { InvalidInputError } from "../errors";

export function checkSampleArgs(n: number, seed: number): void {
  if (!Number.isInteger(n) || n < 1) throw new InvalidInputError(`n: must be a positive integer, got ${n}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 4294967295) {
    throw new InvalidInputError(`seed: must be an integer in [0, 2^32 − 1], got ${seed}`);
  }
}
