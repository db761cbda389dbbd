/**
 * USV dense layer (Gabrié et al., NeurIPS 2018; lsd's implementation, replica-math.md §7.2):
 * W = U·S·V (row convention x ↦ x·W) with U ∈ O(n_in), V ∈ O(n_out) fixed Haar-orthogonal and
 * S ∈ R^{n_in×n_out} diagonal; only the r = min(n_in, n_out) singular values s (and optionally a
 * bias) are trained. Because U and V stay fixed and independent of s, W stays orthogonally
 * invariant during learning and its replica spectrum is {s_k²} ∪ zeros with α = n_out/n_in
 * (replica-math.md §5.3) — no eigen-decomposition needed.
 *
 * Initialisation "gaussian": U, V Haar (seeded `haarOrthogonal`) and s the singular values of a
 * seeded W₀ = c·G/√n_in. For Gaussian G the singular vectors are Haar-distributed and independent
 * of the singular values, so this has the distribution of lsd's SVD of W₀.
 *
 * The forward map uses only the r active columns/rows: x·W = ((x·U_r) ⊙ s)·V_r with U_r = U[:, :r],
 * V_r = V[:r, :], so gradients reach s (and b) only — U_r, V_r are constants, not variables.
 */
import { createRng, gaussianMatrix, haarOrthogonal, singularValues, toRowMajor } from "@infoflow/numerics";
import * as tf from "@tensorflow/tfjs";
import { InvalidInputError } from "../errors";
import type { DenseMap, HostMatrix, LayerSpectrum } from "./denseMap";

export interface UsvInit {
  /** c in W₀ = c·G/√n_in (lsd's `coef_weights_init`); default 1. */
  scale?: number;
  /** Explicit initial singular values (length min(n_in, n_out)), instead of those of W₀. */
  singularValues?: ArrayLike<number>;
}

export class UsvDense implements DenseMap {
  readonly kind = "usv" as const;
  readonly rank: number;
  readonly hasBias: boolean;
  readonly variables: ReadonlyMap<string, tf.Variable>;
  /** U ∈ O(n_in) and V ∈ O(n_out), Float64 row-major, as drawn. */
  readonly u: HostMatrix;
  readonly v: HostMatrix;
  private readonly ur: tf.Tensor2D;
  private readonly vr: tf.Tensor2D;
  private readonly s: tf.Variable<tf.Rank.R1>;
  private readonly b: tf.Variable<tf.Rank.R1> | undefined;

  constructor(
    readonly nIn: number,
    readonly nOut: number,
    seed: number,
    opts: UsvInit & { bias?: boolean } = {},
  ) {
    const rng = createRng(seed);
    this.rank = Math.min(nIn, nOut);
    this.u = toRowMajor(haarOrthogonal(nIn, rng.fork(1)));
    this.v = toRowMajor(haarOrthogonal(nOut, rng.fork(2)));
    let s0: ArrayLike<number>;
    if (opts.singularValues !== undefined) {
      if (opts.singularValues.length !== this.rank) {
        throw new InvalidInputError(
          `singularValues: expected ${this.rank} values (min(n_in, n_out)), got ${opts.singularValues.length}`,
        );
      }
      s0 = opts.singularValues;
    } else {
      const c = opts.scale ?? 1;
      s0 = singularValues(gaussianMatrix(nIn, nOut, rng.fork(3), (c * c) / nIn)).subarray(0, this.rank);
    }
    this.ur = tf.tensor2d(sliceColumns(this.u, this.rank), [nIn, this.rank], "float32");
    this.vr = tf.tensor2d(
      Float32Array.from(this.v.data.subarray(0, this.rank * nOut)),
      [this.rank, nOut],
      "float32",
    );
    this.s = tf.variable(tf.tensor1d(Float32Array.from(s0), "float32"), true);
    this.hasBias = opts.bias ?? false;
    this.b = this.hasBias ? tf.variable(tf.zeros([nOut], "float32"), true) : undefined;
    const vars = new Map<string, tf.Variable>([["s", this.s]]);
    if (this.b) vars.set("b", this.b);
    this.variables = vars;
  }

  apply(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const z = tf.matMul(tf.mul(tf.matMul(x, this.ur), this.s), this.vr) as tf.Tensor2D;
      return this.b ? tf.add(z, this.b) : z;
    });
  }

  /** Current singular values (float32 values widened to Float64), length r. */
  singularValues(): Float64Array {
    return Float64Array.from(this.s.dataSync());
  }

  /** Current bias, or undefined. */
  bias(): Float64Array | undefined {
    return this.b ? Float64Array.from(this.b.dataSync()) : undefined;
  }

  /** W = U_r diag(s) V_r in Float64 from the stored U, V and the current s. */
  kernel(): HostMatrix {
    const s = this.singularValues();
    const { nIn, nOut, rank } = this;
    const out = new Float64Array(nIn * nOut);
    for (let i = 0; i < nIn; i++) {
      for (let k = 0; k < rank; k++) {
        const uik = this.u.data[i * nIn + k] * s[k];
        if (uik === 0) continue;
        const vRow = k * nOut;
        const oRow = i * nOut;
        for (let j = 0; j < nOut; j++) out[oRow + j] += uik * this.v.data[vRow + j];
      }
    }
    return { data: out, rows: nIn, cols: nOut };
  }

  /** α = n_out/n_in; eigenvalues of S Sᵀ = {s_k²} padded with zeros to n_in (replica-math.md §5.3). */
  spectrum(): LayerSpectrum {
    const s = this.singularValues();
    const eigvals = new Float64Array(this.nIn);
    for (let k = 0; k < s.length; k++) eigvals[k] = s[k] * s[k];
    return { alpha: this.nOut / this.nIn, eigvals };
  }

  /** The smaller Gram matrix of U S V has eigenvalues s_k², so ‖G − I‖²_F = Σ_k (s_k² − 1)². */
  orthonormalityPenalty(): tf.Scalar {
    return tf.tidy(() => tf.sum(tf.square(tf.sub(tf.square(this.s), 1))) as tf.Scalar);
  }

  dispose(): void {
    this.ur.dispose();
    this.vr.dispose();
    this.s.dispose();
    this.b?.dispose();
  }
}

function sliceColumns(m: HostMatrix, cols: number): Float32Array {
  const out = new Float32Array(m.rows * cols);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < cols; j++) out[i * cols + j] = m.data[i * m.cols + j];
  }
  return out;
}
