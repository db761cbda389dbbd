/**
 * A feed-forward student network of `NoisyLayer` blocks, built from a validated `NetworkConfig`
 * with seeded initialisation (layer ℓ's weights come from deriveSeed(seed, init, ℓ)).
 */
import * as tf from "@tensorflow/tfjs";
import { activeBackend } from "../backend/initBackend";
import { type NetworkConfig, type NetworkConfigInput, networkConfigSchema } from "../config/networkConfig";
import { zodMessage } from "../config/zodMessage";
import { InvalidInputError, ModelsError } from "../errors";
import { Dense } from "../layers/dense";
import { NoisyLayer } from "../layers/noisyLayer";
import { UsvDense } from "../layers/usvDense";
import { deriveSeed, STREAM } from "../training/seeds";

export interface ForwardOptions {
  /** Seed of this pass's noise (layer ℓ uses deriveSeed(noiseSeed, ℓ)); null → deterministic twin. */
  noiseSeed: number | null;
  /** Run layers 1..upTo only (default: all). */
  upTo?: number;
  /** Keep every layer's S_ℓ and T_ℓ (default: only the last output). */
  keepAll?: boolean;
}

export interface ForwardResult {
  /** T_upTo. */
  output: tf.Tensor2D;
  /** S_ℓ per layer (pre-noise values), when keepAll. */
  centres: tf.Tensor2D[];
  /** T_ℓ per layer, when keepAll. */
  outputs: tf.Tensor2D[];
}

export class Network {
  readonly layers: NoisyLayer[];
  readonly config: NetworkConfig;

  constructor(
    config: NetworkConfigInput,
    readonly inputDim: number,
    readonly seed: number,
  ) {
    const parsed = networkConfigSchema.safeParse(config);
    if (!parsed.success) throw new InvalidInputError(zodMessage("network", parsed.error));
    this.config = parsed.data;
    if (activeBackend() === undefined) {
      throw new ModelsError("backend: call `await initBackend()` before building a network");
    }
    if (!Number.isInteger(inputDim) || inputDim <= 0) {
      throw new InvalidInputError(`inputDim: expected a positive integer, got ${inputDim}`);
    }
    let nIn = inputDim;
    this.layers = this.config.layers.map((lc, l) => {
      const scale = lc.initScale ?? this.config.initScale;
      const layerSeed = deriveSeed(seed, STREAM.init, l);
      if (lc.kind === "dense" && lc.singularValues !== undefined) {
        throw new InvalidInputError(
          `network.layers.${l}.singularValues: only USV layers take singular values`,
        );
      }
      const map =
        lc.kind === "usv"
          ? new UsvDense(nIn, lc.units, layerSeed, {
              scale,
              bias: lc.bias,
              singularValues: lc.singularValues,
            })
          : new Dense(nIn, lc.units, layerSeed, { scale, bias: lc.bias });
      nIn = lc.units;
      return new NoisyLayer(map, lc.activation, lc.noise);
    });
  }

  get outputDim(): number {
    return this.layers[this.layers.length - 1].map.nOut;
  }

  /** Trainable variables under stable names `layers.<ℓ>.<s|w|b>` (checkpoint keys). */
  namedVariables(): Map<string, tf.Variable> {
    const out = new Map<string, tf.Variable>();
    this.layers.forEach((layer, l) => {
      for (const [name, v] of layer.map.variables) out.set(`layers.${l}.${name}`, v);
    });
    return out;
  }

  forward(x: tf.Tensor2D, opts: ForwardOptions): ForwardResult {
    const upTo = opts.upTo ?? this.layers.length;
    if (!Number.isInteger(upTo) || upTo < 1 || upTo > this.layers.length) {
      throw new InvalidInputError(`upTo: expected an integer in [1, ${this.layers.length}], got ${upTo}`);
    }
    return tf.tidy(() => {
      const centres: tf.Tensor2D[] = [];
      const outputs: tf.Tensor2D[] = [];
      let t = x;
      for (let l = 0; l < upTo; l++) {
        const seed = opts.noiseSeed === null ? null : deriveSeed(opts.noiseSeed, l);
        const pass = this.layers[l].forward(t, seed);
        if (opts.keepAll) {
          centres.push(pass.centre);
          outputs.push(pass.out);
        }
        t = pass.out;
      }
      return { output: t, centres, outputs };
    });
  }

  dispose(): void {
    for (const layer of this.layers) layer.map.dispose();
  }
}
