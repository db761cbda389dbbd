/**
 * The sampler protocol, in the style of the Python benchmark `bmi` (Czyż et al., NeurIPS 2023):
 * `sample(n, seed) → { x, y }` and `mutualInformation()` in nats. Imports nothing from the package.
 */
import type { NetworkSpec } from "@infoflow/replica";

/** Row-major Float64 samples (structurally identical to `@infoflow/estimators`' `Samples`). */
export interface Samples {
  readonly data: Float64Array;
  readonly n: number;
  readonly d: number;
}

/** A row-major matrix (structurally identical to `@infoflow/numerics`' row-major views). */
export interface RowMajorMatrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

export type Params = Record<string, unknown>;

export interface Task {
  /** Stable identifier used in results files and reports, e.g. `teacher-Normal-n0=100-ReLU0-Linear0.01-s1-3f9a1c2e0b`. */
  readonly id: string;
  /** The complete spec, defaults filled in (JSON). */
  readonly params: Params;
  readonly dimX: number;
  readonly dimY: number;
  /** Draw n i.i.d. pairs; the same seed gives the same numbers on every machine. */
  sample(n: number, seed: number): { x: Samples; y: Samples };
  /** True I(X;Y) in nats. */
  mutualInformation(): number;
}

/** One layer of a teacher network, as drawn. */
export interface TeacherLayerInfo {
  /** ℓ, 1-based (T_ℓ; T_0 = X) */
  readonly index: number;
  /** dnner's channel name, or `Generic:<phi>` */
  readonly activation: string;
  /** n_ℓ */
  readonly width: number;
  /** n_ℓ / n_{ℓ−1} of the actual sizes */
  readonly alpha: number;
  /** σ²_ℓ */
  readonly varNoise: number;
}

/** Replica truth of one layer, totals in nats plus the per-input-unit values the replica returns. */
export interface LayerTruth {
  readonly layer: number;
  /** H(T_ℓ) in nats (differential, or mixed for discrete outputs) */
  readonly entropy: number;
  /** I(X;T_ℓ) in nats; undefined when a layer before ℓ is noisy (the replica "mi" is then I(T_{ℓ−1};T_ℓ)) */
  readonly mutualInformation: number | undefined;
  readonly perUnit: { readonly entropy: number; readonly mi: number };
  /** what the replica solver reported (scheme, iterations, residual, converged, warnings) */
  readonly diagnostics: Readonly<Record<string, unknown>>;
}

/** Exact finite-size values of a linear-Gaussian chain (Normal prior, Linear channels), nats. */
export interface LinearGaussianValues {
  readonly entropy: number;
  readonly mutualInformation: number;
}

/**
 * A teacher network X → T_1 → … → T_L (Gabrié et al., NeurIPS 2018) whose x is the input X (n₀ dims)
 * and y the observed layer T_observe. Truth values come from the replica formula with the empirical
 * spectra of the drawn matrices; they are the n₀ → ∞ limit (see packages/tasks/README.md for the
 * measured finite-size gap).
 */
export interface TeacherTask extends Task {
  readonly n0: number;
  /** n_0, n_1, …, n_L */
  readonly sizes: readonly number[];
  readonly observedLayer: number;
  readonly layers: readonly TeacherLayerInfo[];
  /** W_ℓ (n_ℓ × n_{ℓ−1}, row-major), drawn from the task's seed on first use. */
  weights(layer: number): RowMajorMatrix;
  /** The n_{ℓ−1} eigenvalues of W_ℓᵀW_ℓ (what the replica formula sees). */
  spectrum(layer: number): Float64Array;
  /** X and every layer T_1..T_upTo (default L) for the same draws; `sample(n, seed).y` is layer `observedLayer`. */
  sampleLayers(n: number, seed: number, upTo?: number): { x: Samples; layers: Samples[] };
  /** H(T_layer) in nats (default: the observed layer). Needs σ²_layer > 0. */
  entropy(layer?: number): number;
  /** I(X;T_layer) in nats (default: the observed layer). Needs σ²_layer > 0 and noiseless earlier layers. */
  mutualInformation(layer?: number): number;
  /** The cached replica result for a layer. */
  truth(layer?: number): LayerTruth;
  /**
   * The replica network of the sub-chain prior → layers 1..layer (default: the observed layer), each layer
   * with its own noise and the empirical spectrum of its drawn matrix: what `truth(layer)` solves.
   */
  replicaSpec(layer?: number): NetworkSpec;
  /** Present when the chain is linear-Gaussian: exact log-det values at this finite n₀. */
  exactLinearGaussian?(layer?: number): LinearGaussianValues;
}
