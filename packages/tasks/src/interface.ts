/**
 * The sampler protocol, in the style of the Python benchmark `bmi` (Czyż et al., NeurIPS 2023):
 * `sample(n, seed) → { x, y }` and `mutualInformation()` in nats. Imports nothing from the package.
 */

/** Row-major Float64 samples (structurally identical to `@infoflow/estimators`' `Samples`). */
export interface Samples {
  readonly data: Float64Array;
  readonly n: number;
  readonly d: number;
}

export type Params = Record<string, unknown>;

export interface Task {
  /** Stable identifier used in results files and reports, e.g. `teacher/relu/n0=100/...`. */
  readonly id: string;
  readonly params: Params;
  readonly dimX: number;
  readonly dimY: number;
  /** Draw n i.i.d. pairs; the same seed gives the same numbers on every machine. */
  sample(n: number, seed: number): { x: Samples; y: Samples };
  /** True I(X;Y) in nats. */
  mutualInformation(): number;
}
