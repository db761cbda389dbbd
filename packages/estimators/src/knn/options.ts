/**
 * Options shared by the kNN estimators, validated at the public boundary (CONTRIBUTING: one-line errors
 * naming the field). Defaults follow shared/docs/estimators-math.md §4: k = 3, max-norm, no noise.
 */
import { InvalidInputError } from "../errors";
import type { Unit } from "../interface";
import { readSeed, readThreads } from "../params";
import { unitFromBase } from "../units";
import { checkInteger, checkNumber, checkOneOf } from "../validate";
import type { KnnMetric } from "./ball-volume";

/** What to do with exact duplicate rows (see `ties.ts`). */
export type TiePolicy = "jitter" | "error";

export interface KnnOptions {
  /** neighbours, default 3 */
  readonly k?: number;
  /** exact duplicate rows: break them with spread-scaled jitter (default) or throw */
  readonly ties?: TiePolicy;
  /**
   * Relative jitter (× each column's standard deviation) added to every value before the search.
   * Default 0: no noise unless duplicate rows force it under `ties: "jitter"`, which then uses 1e-10.
   */
  readonly jitter?: number;
  /** seed of the jitter (and of the shuffle null), default 0 */
  readonly seed?: number;
  /** 2 or "bits" for bits; "e"/"nats" (default) for nats */
  readonly base?: unknown;
  /** threads for the neighbour search (the result does not depend on it); default "auto": by problem size */
  readonly threads?: number | "auto";
}

export interface ResolvedKnnOptions {
  readonly k: number;
  readonly ties: TiePolicy;
  readonly jitter: number;
  readonly seed: number;
  readonly unit: Unit;
  /** undefined = choose by problem size */
  readonly threads: number | undefined;
}

function orDefault<T>(value: T | undefined, fallback: T): T {
  return value === undefined ? fallback : value;
}

export function resolveKnnOptions(opts: KnnOptions): ResolvedKnnOptions {
  const k = checkInteger(orDefault(opts.k, 3), "k", 1);
  const ties = checkOneOf(orDefault(opts.ties, "jitter"), "ties", ["jitter", "error"] as const);
  const jitter = checkNumber(orDefault(opts.jitter, 0), "jitter");
  if (jitter < 0) {
    throw new InvalidInputError(
      `jitter must be ≥ 0 (a multiple of each column's standard deviation), got ${jitter}`,
    );
  }
  const seed = readSeed(opts.seed);
  const unit = unitFromBase(opts.base);
  const threads = readThreads(opts.threads);
  return { k, ties, jitter, seed, unit, threads: threads === "auto" ? undefined : threads };
}

export function resolveMetric(metric: unknown): KnnMetric {
  const m = checkOneOf(orDefault(metric, "chebyshev"), "metric", ["chebyshev", "max", "euclidean"] as const);
  return m === "max" ? "chebyshev" : m;
}
