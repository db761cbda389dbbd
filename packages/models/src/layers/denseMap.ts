/**
 * What the network needs from a linear map x ↦ x·W (+ b) (Keras row convention, W ∈ R^{n_in×n_out}):
 * its trainable variables under stable names (for checkpoints), the forward map, the current kernel
 * copied to Float64, and the spectrum the replica formula needs (replica-math.md §5).
 */
import type * as tf from "@tensorflow/tfjs";

/** Row-major Float64 matrix. */
export interface HostMatrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/**
 * Spectrum of a layer for the replica formula: α = n_out/n_in and the n_in eigenvalues of
 * W Wᵀ (= WᵀW of the column convention), zeros included (replica-math.md §1.2, §5.3).
 */
export interface LayerSpectrum {
  readonly alpha: number;
  readonly eigvals: Float64Array;
}

export interface DenseMap {
  readonly kind: "usv" | "dense";
  readonly nIn: number;
  readonly nOut: number;
  readonly hasBias: boolean;
  /** Trainable variables by stable name (`s`, `b`, `w`). */
  readonly variables: ReadonlyMap<string, tf.Variable>;
  /** Pre-activation z = x·W (+ b). */
  apply(x: tf.Tensor2D): tf.Tensor2D;
  /** The current W (n_in × n_out), Float64 copy. */
  kernel(): HostMatrix;
  spectrum(): LayerSpectrum;
  /**
   * ‖G − I‖²_F with G the smaller Gram matrix of W (WᵀW when n_out ≤ n_in, else WWᵀ): zero exactly when
   * the rows or columns of W are orthonormal (the orthonormality regulariser, Cisse et al. 2017's Parseval
   * networks as used by Goldfeld et al. 2019, estimators-math.md §5.7).
   */
  orthonormalityPenalty(): tf.Scalar;
  dispose(): void;
}
