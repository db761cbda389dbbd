/**
 * Element-wise activations of the student layers. `hardtanh` is clip(x, −1, 1) — the definition
 * the replica HardTanh channel uses (replica-math.md §1.1, §8.7: not Keras's hard_sigmoid form).
 */
import * as tf from "@tensorflow/tfjs";

export type Activation = "linear" | "tanh" | "relu" | "hardtanh";
export const ACTIVATIONS: readonly Activation[] = ["linear", "tanh", "relu", "hardtanh"];

export function applyActivation(x: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  switch (activation) {
    case "linear":
      return x;
    case "tanh":
      return tf.tanh(x);
    case "relu":
      return tf.relu(x);
    case "hardtanh":
      return tf.clipByValue(x, -1, 1);
  }
}
