/**
 * Argument checks used at the public boundary (CONTRIBUTING.md: validate at the boundary, keep inner
 * code free of checks). Each throws InvalidInputError with "routine: argument must … (got value)".
 */
import { InvalidInputError } from "./errors";

/** Throws unless `value` is a finite number. */
export function requireFinite(routine: string, name: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new InvalidInputError(`${routine}: ${name} must be a finite number (got ${String(value)})`);
  }
}

/** Throws unless `value` is a number that is not NaN (±Infinity allowed). */
export function requireNotNaN(routine: string, name: string, value: number): void {
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw new InvalidInputError(`${routine}: ${name} must be a number, not NaN (got ${String(value)})`);
  }
}

/** Throws unless `value` is an integer in [min, max]. */
export function requireInteger(routine: string, name: string, value: number, min: number, max: number): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidInputError(
      `${routine}: ${name} must be an integer in [${min}, ${max}] (got ${String(value)})`,
    );
  }
}

/** Throws unless `value` is a finite number ≥ 0. */
export function requireNonNegative(routine: string, name: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new InvalidInputError(`${routine}: ${name} must be a finite number ≥ 0 (got ${String(value)})`);
  }
}

/** Throws unless `f` is a function. */
export function requireFunction(routine: string, name: string, f: unknown): void {
  if (typeof f !== "function") {
    throw new InvalidInputError(`${routine}: ${name} must be a function (got ${typeof f})`);
  }
}
