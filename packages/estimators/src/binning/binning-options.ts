/**
 * Validation of the binning options at the public boundary (shared by `binningMI` and the `binning`
 * estimator): mode, bins, width, range, low, with the defaults of shared/docs/estimators-math.md §2.4.
 */
import { InvalidInputError } from "../errors";
import { checkInteger, checkNumber, checkOneOf, checkPositive } from "../validate";
import type { BinningOptions } from "./binning-mi";
import type { BinningMode } from "./quantisers";

export const BINNING_MODES: readonly BinningMode[] = ["width", "idnns", "range", "adaptive", "adaptive-all"];

export const BINNING_DEFAULTS = { mode: "width", bins: 30, width: 0.07, base: "e", shuffles: 0, seed: 0 };

export interface BinningParams {
  readonly mode?: unknown;
  readonly bins?: unknown;
  readonly width?: unknown;
  readonly range?: unknown;
  readonly low?: unknown;
}

function readRange(value: unknown): readonly [number, number] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length !== 2) {
    throw new InvalidInputError(`range must be [lo, hi], got ${JSON.stringify(value)}`);
  }
  const lo = checkNumber(value[0], "range[0]");
  const hi = checkNumber(value[1], "range[1]");
  if (!(hi > lo)) throw new InvalidInputError(`range must have lo < hi, got [${lo}, ${hi}]`);
  return [lo, hi];
}

/** Validated options without classes; throws `InvalidInputError` naming the bad field. */
export function resolveBinningOptions(p: BinningParams): BinningOptions {
  const mode = checkOneOf(p.mode ?? BINNING_DEFAULTS.mode, "mode", BINNING_MODES);
  const bins = checkInteger(p.bins ?? BINNING_DEFAULTS.bins, "bins", mode === "idnns" ? 2 : 1, 1e6);
  const width = checkPositive(p.width ?? BINNING_DEFAULTS.width, "width");
  const range = readRange(p.range);
  const low = p.low === undefined ? undefined : checkNumber(p.low, "low");
  return {
    mode,
    bins,
    width,
    ...(range !== undefined ? { range } : {}),
    ...(low !== undefined ? { low } : {}),
  };
}
