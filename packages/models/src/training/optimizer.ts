/**
 * SGD (optionally with momentum) and Adam with their state held as named tensors that a checkpoint
 * can save and restore exactly. Written on tfjs ops rather than using `tf.train.*` because tfjs's
 * Adam restores its bias-correction accumulators as β^(t+1) computed afresh, which differs in the
 * last float32 bit from the running product it keeps during training — a resumed run would then
 * drift from an uninterrupted one. Here the step count t is the state and the bias corrections are
 * computed from it in Float64 at every step.
 *
 * Adam: Kingma & Ba (ICLR 2015), Algorithm 1 with the "more efficient" ordering of §2:
 * α_t = α·√(1−β₂ᵗ)/(1−β₁ᵗ), θ ← θ − α_t·m/(√v + ε̂).
 */
import * as tf from "@tensorflow/tfjs";
import { z } from "zod";
import { ModelsError } from "../errors";

export const optimizerConfigSchema = z.discriminatedUnion("name", [
  z
    .object({
      name: z.literal("sgd"),
      learningRate: z.number().positive(),
      momentum: z.number().min(0).lt(1).default(0),
    })
    .strict(),
  z
    .object({
      name: z.literal("adam"),
      learningRate: z.number().positive(),
      beta1: z.number().min(0).lt(1).default(0.9),
      beta2: z.number().min(0).lt(1).default(0.999),
      epsilon: z.number().positive().default(1e-7),
    })
    .strict(),
]);
export type OptimizerConfig = z.output<typeof optimizerConfigSchema>;

/** Serializable optimizer state: the step count and the slot tensors (float32) by name. */
export interface OptimizerState {
  step: number;
  slots: Record<string, { shape: number[]; data: Float32Array }>;
}

export class Optimizer {
  private step = 0;
  private readonly slots = new Map<string, tf.Variable>();

  constructor(
    readonly config: OptimizerConfig,
    private readonly variables: ReadonlyMap<string, tf.Variable>,
  ) {
    const slotNames = config.name === "adam" ? ["m", "v"] : config.momentum > 0 ? ["m"] : [];
    for (const [name, v] of variables) {
      for (const slot of slotNames) this.slots.set(`${name}/${slot}`, tf.variable(tf.zerosLike(v), false));
    }
  }

  /** Apply one update with the gradients of the loss for each variable (by the same names). */
  apply(grads: Record<string, tf.Tensor>): void {
    this.step += 1;
    const c = this.config;
    tf.tidy(() => {
      if (c.name === "sgd") {
        for (const [name, v] of this.variables) {
          const g = grads[name];
          if (c.momentum > 0) {
            const m = this.slots.get(`${name}/m`)!;
            m.assign(tf.add(tf.mul(m, c.momentum), g));
            v.assign(tf.sub(v, tf.mul(m, c.learningRate)));
          } else {
            v.assign(tf.sub(v, tf.mul(g, c.learningRate)));
          }
        }
        return;
      }
      const t = this.step;
      const lrT = (c.learningRate * Math.sqrt(1 - c.beta2 ** t)) / (1 - c.beta1 ** t);
      for (const [name, v] of this.variables) {
        const g = grads[name];
        const m = this.slots.get(`${name}/m`)!;
        const s = this.slots.get(`${name}/v`)!;
        m.assign(tf.add(tf.mul(m, c.beta1), tf.mul(g, 1 - c.beta1)));
        s.assign(tf.add(tf.mul(s, c.beta2), tf.mul(tf.square(g), 1 - c.beta2)));
        v.assign(tf.sub(v, tf.div(tf.mul(m, lrT), tf.add(tf.sqrt(s), c.epsilon))));
      }
    });
  }

  getState(): OptimizerState {
    const slots: OptimizerState["slots"] = {};
    for (const [name, v] of this.slots)
      slots[name] = { shape: v.shape, data: (v.dataSync() as Float32Array).slice() };
    return { step: this.step, slots };
  }

  setState(state: OptimizerState): void {
    this.step = state.step;
    for (const [name, v] of this.slots) {
      const saved = state.slots[name];
      if (saved === undefined)
        throw new ModelsError(`checkpoint: optimizer slot '${name}' missing from checkpoint`);
      v.assign(tf.tensor(saved.data, saved.shape, "float32"));
    }
  }

  dispose(): void {
    for (const v of this.slots.values()) v.dispose();
  }
}
