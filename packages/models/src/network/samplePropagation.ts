/**
 * Sample propagation support (Goldfeld et al., ICML 2019; estimators-math.md §5.4 step 1 and §13.5):
 * for each input x_i, n forward passes with fresh noise through layers 1..ℓ−1, returning the
 * pre-noise values S_ℓ = f_ℓ(T_{ℓ−1}) of layer ℓ — the centres of the Gaussian mixture whose
 * entropy the SP estimator computes. One noisy pass yields the centres of every layer at once
 * (layer ℓ's centres only depend on the noise of layers before ℓ).
 *
 * When nothing random precedes layer ℓ (ℓ = 1 without pre-activation noise), S_ℓ | x_i is a single
 * point, and one row per input is returned instead of n identical ones.
 *
 * Inputs are processed in fixed chunks of CHUNK_INPUTS; chunk c draws its noise from
 * deriveSeed(seed, c), so the result depends on the seed only, not on memory limits.
 */
import type { Samples } from "@infoflow/estimators";
import * as tf from "@tensorflow/tfjs";
import { InvalidInputError } from "../errors";
import { deriveSeed } from "../training/seeds";
import type { Network } from "./network";

export const CHUNK_INPUTS = 256;

export interface SamplePropagationOptions {
  /** n, forward passes per input. */
  nPerInput: number;
  seed: number;
  /** 1-based layers to return (default: all). */
  layers?: number[];
}

/** result[k][i] = the centres of input i for layer opts.layers[k] (rows: passes, cols: units). */
export function samplePropagation(network: Network, x: Samples, opts: SamplePropagationOptions): Samples[][] {
  const L = network.layers.length;
  const layers = opts.layers ?? Array.from({ length: L }, (_, l) => l + 1);
  for (const l of layers) {
    if (!Number.isInteger(l) || l < 1 || l > L) {
      throw new InvalidInputError(`layers: expected integers in [1, ${L}], got ${l}`);
    }
  }
  if (!Number.isInteger(opts.nPerInput) || opts.nPerInput < 1) {
    throw new InvalidInputError(`nPerInput: expected a positive integer, got ${opts.nPerInput}`);
  }
  if (x.d !== network.inputDim)
    throw new InvalidInputError(`x: dimension ${x.d} ≠ network input ${network.inputDim}`);
  const n = opts.nPerInput;
  const upTo = Math.max(...layers);
  const deterministicFirst = network.layers[0].noise?.position !== "pre" || network.layers[0].noiseStd === 0;
  const rowsPer = layers.map((l) => (l === 1 && deterministicFirst ? 1 : n));
  const result: Samples[][] = layers.map((l, k) =>
    Array.from({ length: x.n }, () => {
      const d = network.layers[l - 1].map.nOut;
      return { data: new Float64Array(rowsPer[k] * d), n: rowsPer[k], d };
    }),
  );
  for (let c = 0, start = 0; start < x.n; c++, start += CHUNK_INPUTS) {
    const m = Math.min(CHUNK_INPUTS, x.n - start);
    const rep = new Float32Array(m * n * x.d);
    for (let i = 0; i < m; i++) {
      const src = x.data.subarray((start + i) * x.d, (start + i + 1) * x.d);
      for (let r = 0; r < n; r++) rep.set(src, (i * n + r) * x.d);
    }
    const centres = tf.tidy(() => {
      const input = tf.tensor2d(rep, [m * n, x.d], "float32");
      const pass = network.forward(input, { noiseSeed: deriveSeed(opts.seed, c), upTo, keepAll: true });
      return layers.map((l) => pass.centres[l - 1]);
    });
    layers.forEach((l, k) => {
      const d = network.layers[l - 1].map.nOut;
      const values = centres[k].dataSync();
      for (let i = 0; i < m; i++) {
        const target = result[k][start + i].data;
        for (let r = 0; r < rowsPer[k]; r++) {
          const row = (i * n + r) * d;
          for (let j = 0; j < d; j++) target[r * d + j] = values[row + j];
        }
      }
    });
    tf.dispose(centres);
  }
  return result;
}
