/**
 * Ordinary dense map x ↦ x·W (+ b) with W_ij ~ N(0, c²/n_in) (lsd's init for non-USV layers,
 * replica-math.md §7.2). Its replica spectrum is the empirical one of the current W (the
 * orthogonal-invariance assumption of the replica formula is not maintained by training here;
 * use USV layers for tracked layers).
 */
import { createRng, fromRowMajor, gaussianMatrix, gramEigenvalues, toRowMajor } from "@infoflow/numerics";
import * as tf from "@tensorflow/tfjs";
import type { DenseMap, HostMatrix, LayerSpectrum } from "./denseMap";

export class Dense implements DenseMap {
  readonly kind = "dense" as const;
  readonly hasBias: boolean;
  readonly variables: ReadonlyMap<string, tf.Variable>;
  private readonly w: tf.Variable<tf.Rank.R2>;
  private readonly b: tf.Variable<tf.Rank.R1> | undefined;

  constructor(
    readonly nIn: number,
    readonly nOut: number,
    seed: number,
    opts: { scale?: number; bias?: boolean } = {},
  ) {
    const c = opts.scale ?? 1;
    const w0 = toRowMajor(gaussianMatrix(nIn, nOut, createRng(seed), (c * c) / nIn));
    this.w = tf.variable(tf.tensor2d(Float32Array.from(w0.data), [nIn, nOut], "float32"), true);
    this.hasBias = opts.bias ?? false;
    this.b = this.hasBias ? tf.variable(tf.zeros([nOut], "float32"), true) : undefined;
    const vars = new Map<string, tf.Variable>([["w", this.w]]);
    if (this.b) vars.set("b", this.b);
    this.variables = vars;
  }

  apply(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const z = tf.matMul(x, this.w) as tf.Tensor2D;
      return this.b ? tf.add(z, this.b) : z;
    });
  }

  kernel(): HostMatrix {
    return { data: Float64Array.from(this.w.dataSync()), rows: this.nIn, cols: this.nOut };
  }

  /** The n_in eigenvalues of W Wᵀ (= WᵀW of the column convention), α = n_out/n_in. */
  spectrum(): LayerSpectrum {
    const w = this.kernel();
    const wt = toRowMajor(fromRowMajor(w.data, w.rows, w.cols).transpose());
    return { alpha: this.nOut / this.nIn, eigvals: gramEigenvalues(wt) };
  }

  orthonormalityPenalty(): tf.Scalar {
    return tf.tidy(() => {
      const gram =
        this.nOut <= this.nIn
          ? tf.matMul(this.w, this.w, true, false)
          : tf.matMul(this.w, this.w, false, true);
      return tf.sum(tf.square(tf.sub(gram, tf.eye(gram.shape[0])))) as tf.Scalar;
    });
  }

  dispose(): void {
    this.w.dispose();
    this.b?.dispose();
  }
}
