/**
 * The estimator protocol, in the style of the Python benchmark `bmi` (Czyż et al., NeurIPS 2023):
 * a tiny `estimate(x, y)` / `entropy(x)` surface plus `parameters()`. This file imports nothing
 * from the rest of the package, so any package (or another project) can implement it.
 */

/** Row-major samples: row i is `data[i*d .. i*d+d)`. Float64 always. */
export interface Samples {
  readonly data: Float64Array;
  /** number of rows (samples) */
  readonly n: number;
  /** number of columns (dimension) */
  readonly d: number;
}

/** Integer class labels, one per row. */
export type Labels = Int32Array;

export type Unit = "nats" | "bits";

/** JSON-serialisable parameter record; every result echoes the parameters it was computed with. */
export type Params = Record<string, unknown>;

/** Result of one estimation. `value` is in `unit` (nats unless the `base` option asked for bits). */
export interface Estimate {
  readonly value: number;
  readonly unit: Unit;
  /** Monte-Carlo or sampling standard error, in `unit`, when the estimator knows one. */
  readonly stdError?: number;
  readonly params: Params;
  /** Anything a user needs to trust or distrust the number: ties, clipped values, occupied bins, bounds, timings. */
  readonly diagnostics: Params;
}

/** The second argument of an MI estimate: continuous samples or integer labels. */
export type Target = Samples | Labels;

export interface MIEstimator {
  readonly id: string;
  readonly kind: "mi";
  parameters(): Params;
  /** Estimate I(X;Y). */
  estimate(x: Samples, y: Target): Estimate;
}

export interface EntropyEstimator {
  readonly id: string;
  readonly kind: "entropy";
  parameters(): Params;
  /** Estimate the (differential) entropy of X (or of X + noise, for the noise-based estimators). */
  entropy(x: Samples): Estimate;
}

/**
 * An estimator with both methods: the information-plane estimators (binning, pairwise bounds, sample
 * propagation) give H(T) — which is I(X;T) for X uniform over the rows — from `entropy(t)` and
 * I(T;Y) from `estimate(t, y)`, with y integer labels or rows whose exact repeats define the classes.
 */
export interface MIAndEntropyEstimator {
  readonly id: string;
  readonly kind: "both";
  parameters(): Params;
  estimate(x: Samples, y: Target): Estimate;
  entropy(x: Samples): Estimate;
}

export type Estimator = MIEstimator | EntropyEstimator | MIAndEntropyEstimator;
