/**
 * Training objectives: mean squared error over batch and outputs (Keras `mse`), and softmax
 * cross-entropy on logits with integer class labels (Keras `categorical_crossentropy` after a
 * softmax output). Accuracy is the fraction of argmax(logits) equal to the label.
 */
import * as tf from "@tensorflow/tfjs";
import { ModelsError } from "../errors";

export type LossName = "mse" | "cross-entropy";

/** Targets of a batch: regression values (n × d_out) or class labels (n). */
export type Targets =
  | { kind: "values"; y: tf.Tensor2D }
  | { kind: "labels"; labels: tf.Tensor1D; nClasses: number };

export function lossValue(loss: LossName, output: tf.Tensor2D, targets: Targets): tf.Scalar {
  return tf.tidy(() => {
    if (loss === "mse") {
      if (targets.kind !== "values")
        throw new ModelsError("loss: mse needs value targets (a regression task)");
      return tf.mean(tf.squaredDifference(output, targets.y));
    }
    if (targets.kind !== "labels") throw new ModelsError("loss: cross-entropy needs class labels");
    const onehot = tf.oneHot(targets.labels, targets.nClasses);
    return tf.losses.softmaxCrossEntropy(onehot, output) as tf.Scalar;
  });
}

/** Number of correct argmax predictions (labels only). */
export function correctCount(output: tf.Tensor2D, labels: tf.Tensor1D): number {
  const count = tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(output, 1), labels), "int32")));
  const value = count.dataSync()[0];
  count.dispose();
  return value;
}
