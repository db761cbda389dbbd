/**
 * One block of a student network: linear map → activation, with optional Gaussian noise of
 * standard deviation β, either after the activation (Goldfeld et al., ICML 2019:
 * T_ℓ = φ(W T_{ℓ−1} + b) + Z_ℓ, Z_ℓ ~ N(0, β²I), present at training AND evaluation time,
 * estimators-math.md §5.1) or before it (the replica channels' placement t = φ(z + βξ),
 * replica-math.md §1.1). The noise is drawn from a seed, so every pass is reproducible.
 *
 * Passing `noiseSeed = null` runs the deterministic twin: same weights, no noise (what binning
 * and the clustering measures look at, Goldfeld et al. §5.7).
 */
import * as tf from "@tensorflow/tfjs";
import { type Activation, applyActivation } from "./activation";
import type { DenseMap } from "./denseMap";

export type NoisePosition = "post" | "pre";

export interface NoiseSpec {
  /** β, the noise standard deviation (not the variance). */
  readonly std: number;
  readonly position: NoisePosition;
}

export interface LayerPass {
  /** S_ℓ: the layer's value before its post-activation noise (equal to `out` without post noise). */
  readonly centre: tf.Tensor2D;
  /** T_ℓ: what the next layer receives. */
  readonly out: tf.Tensor2D;
}

export class NoisyLayer {
  constructor(
    readonly map: DenseMap,
    readonly activation: Activation,
    readonly noise: NoiseSpec | undefined,
  ) {}

  get noiseStd(): number {
    return this.noise?.std ?? 0;
  }

  /** Forward pass; `noiseSeed` null → deterministic twin. Tensors are owned by the caller. */
  forward(x: tf.Tensor2D, noiseSeed: number | null): LayerPass {
    const beta = this.noiseStd;
    const noisy = noiseSeed !== null && beta > 0;
    return tf.tidy(() => {
      let z = this.map.apply(x);
      if (noisy && this.noise!.position === "pre") {
        z = tf.add(z, tf.randomNormal(z.shape, 0, beta, "float32", noiseSeed)) as tf.Tensor2D;
      }
      const centre = applyActivation(z, this.activation);
      if (noisy && this.noise!.position === "post") {
        const out = tf.add(
          centre,
          tf.randomNormal(centre.shape, 0, beta, "float32", noiseSeed),
        ) as tf.Tensor2D;
        return { centre, out };
      }
      return { centre, out: centre };
    });
  }
}
