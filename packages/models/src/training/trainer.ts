/**
 * One epoch of mini-batch training and the per-epoch evaluation, with every random draw derived
 * from (seed, epoch, step) (seeds.ts): the epoch's batch order from deriveSeed(seed, shuffle, epoch),
 * the noise of step b from deriveSeed(seed, trainNoise, epoch, b), the evaluation noise from
 * deriveSeed(seed, evalNoise, epoch, split). The last batch of an epoch may be smaller (Keras).
 */
import { createRng } from "@infoflow/numerics";
import * as tf from "@tensorflow/tfjs";
import type { Network } from "../network/network";
import { type DeviceDataset, gatherRows } from "./dataset";
import { correctCount, type LossName, lossValue, type Targets } from "./loss";
import type { Optimizer } from "./optimizer";
import { deriveSeed, STREAM } from "./seeds";

export interface SplitScores {
  /** Loss of the noisy network on the whole split (float32 network, mean in Float64). */
  loss: number;
  /** Fraction of correct argmax predictions (classification only). */
  accuracy?: number;
}

export class Trainer {
  constructor(
    readonly network: Network,
    readonly optimizer: Optimizer,
    readonly loss: LossName,
    readonly batchSize: number,
    readonly seed: number,
    /** Coefficient of Σ_ℓ ‖G_ℓ − I‖²_F added to the training loss (not to the reported losses). */
    readonly orthonormality = 0,
  ) {}

  /** The objective minimised by a step: data loss plus the regulariser. */
  private objective(x: tf.Tensor2D, targets: Targets, noiseSeed: number): tf.Scalar {
    const data = lossValue(this.loss, this.network.forward(x, { noiseSeed }).output, targets);
    if (this.orthonormality === 0) return data;
    const penalties = this.network.layers.map((l) => l.map.orthonormalityPenalty());
    return tf.add(data, tf.mul(this.orthonormality, tf.addN(penalties))) as tf.Scalar;
  }

  /** Seeded permutation of 0..n−1 for `epoch`. */
  permutation(n: number, epoch: number): Int32Array {
    const perm = new Int32Array(n);
    for (let i = 0; i < n; i++) perm[i] = i;
    createRng(deriveSeed(this.seed, STREAM.shuffle, epoch)).shuffle(perm);
    return perm;
  }

  stepsPerEpoch(n: number): number {
    return Math.ceil(n / this.batchSize);
  }

  /** Train one epoch; `onStep(step, steps)` after each update. */
  trainEpoch(data: DeviceDataset, epoch: number, onStep?: (step: number, steps: number) => void): void {
    const perm = this.permutation(data.n, epoch);
    const steps = this.stepsPerEpoch(data.n);
    const named = this.network.namedVariables();
    const varList = [...named.values()];
    const stableName = new Map<string, string>();
    for (const [name, v] of named) stableName.set(v.name, name);
    for (let b = 0; b < steps; b++) {
      const idx = perm.subarray(b * this.batchSize, Math.min(data.n, (b + 1) * this.batchSize));
      const noiseSeed = deriveSeed(this.seed, STREAM.trainNoise, epoch, b);
      tf.tidy(() => {
        const batch = gatherRows(data, tf.tensor1d(idx, "int32"));
        const { grads } = tf.variableGrads(() => this.objective(batch.x, batch.targets, noiseSeed), varList);
        const byName: Record<string, tf.Tensor> = {};
        for (const [tfName, g] of Object.entries(grads)) byName[stableName.get(tfName)!] = g;
        this.optimizer.apply(byName);
      });
      onStep?.(b + 1, steps);
    }
  }

  /** Loss (and accuracy) of the noisy network on a whole split; `split` separates the noise streams. */
  evaluate(data: DeviceDataset, epoch: number, split: number): SplitScores {
    const noiseSeed = deriveSeed(this.seed, STREAM.evalNoise, epoch, split);
    const out = this.network.forward(data.x, { noiseSeed }).output;
    const lossT = lossValue(this.loss, out, data.targets);
    const loss = lossT.dataSync()[0];
    const accuracy =
      data.targets.kind === "labels" ? correctCount(out, data.targets.labels) / data.n : undefined;
    tf.dispose([out, lossT]);
    return accuracy === undefined ? { loss } : { loss, accuracy };
  }
}
