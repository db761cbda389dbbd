/**
 * Replica entropy and mutual information of every tracked student layer at one epoch
 * (replica-math.md §7.4; lsd's `compute_info`), warm-started from the previous evaluation's fixed
 * points (lsd's `persist`). When every tracked layer is observed through the same noise, one
 * `computeAllLayers` call gives all sub-chains (dnner's compute_all); otherwise each sub-chain is
 * solved on its own, since compute_all gives every sub-chain the last layer's noise (§3.6).
 * A failed solve records NaN for that layer (as lsd does) with the error message, and the run goes on.
 *
 * Values are per chain-input unit n₀ from the replica core; they are reported both per unit and as
 * totals (× n₀) in nats.
 */
import {
  computeAllLayers,
  computeMutualInformation,
  createChannel,
  type FixedPoint,
  type ReplicaOptions,
  type ReplicaResult,
} from "@infoflow/replica";
import { InvalidInputError } from "../errors";
import type { Network } from "../network/network";
import { type InputChain, observedNoise, type ReplicaChainOptions, replicaChain } from "./replicaChain";

export interface ReplicaLayerMetrics {
  /** H(T_ℓ) in nats (total = per unit × n₀). */
  entropy: number;
  /** I(X;T_ℓ) in nats (total). */
  mi: number;
  entropyPerUnit: number;
  miPerUnit: number;
  /** mmse of the chain input given T_ℓ (per component). */
  mmse: number;
  converged: boolean;
  error?: string;
}

export interface ReplicaMeasureConfig extends ReplicaChainOptions {
  /** Number of leading student layers tracked. */
  layers: number;
  options: ReplicaOptions;
}

export interface ReplicaMeasureState {
  all: FixedPoint[] | null;
  each: (FixedPoint | null)[];
}

export class ReplicaMeasure {
  /** Warm starts: the last evaluation's fixed points (per sub-chain of compute_all, or per layer). */
  private state: ReplicaMeasureState = { all: null, each: [] };

  constructor(
    private readonly network: Network,
    private readonly input: InputChain,
    private readonly config: ReplicaMeasureConfig,
  ) {
    this.state.each = Array.from({ length: config.layers }, () => null);
    // Build the longest chain now, and its channels, so that an incompatible network or a channel the
    // replica package does not provide fails at start-up rather than as NaN at every epoch.
    const chain = replicaChain(network, input, config.layers, config);
    for (const layer of chain.layers.slice(1)) {
      try {
        createChannel(layer as Parameters<typeof createChannel>[0]);
      } catch (err) {
        throw new InvalidInputError(`measures.replica: ${(err as Error).message}`);
      }
    }
  }

  getState(): ReplicaMeasureState {
    return this.state;
  }

  setState(state: ReplicaMeasureState): void {
    this.state = state;
  }

  compute(): ReplicaLayerMetrics[] {
    const L = this.config.layers;
    const noises = Array.from({ length: L }, (_, l) => observedNoise(this.network, l, this.config));
    const shared = noises.every((v) => v === noises[0]);
    const results: (ReplicaResult | Error)[] = shared ? this.computeShared() : this.computeEach();
    return results.map((r) => {
      if (r instanceof Error) return failed(r.message);
      const n0 = this.input.n0;
      return {
        entropy: r.entropy * n0,
        mi: r.mi * n0,
        entropyPerUnit: r.entropy,
        miPerUnit: r.mi,
        mmse: r.mmse,
        converged: r.diagnostics.converged,
      };
    });
  }

  private computeShared(): (ReplicaResult | Error)[] {
    const L = this.config.layers;
    const spec = replicaChain(this.network, this.input, L, this.config);
    // compute_all also returns the sub-chains that end inside the input chain (decoder layers);
    // the student's are the last L.
    const startAt = this.state.all;
    try {
      const all = computeAllLayers(spec, { ...this.config.options, ...(startAt ? { startAt } : {}) });
      this.state.all = all.map((r) => r.fixedPoint);
      return all.slice(all.length - L);
    } catch (err) {
      this.state.all = null;
      const e = err instanceof Error ? err : new Error(String(err));
      return Array.from({ length: L }, () => e);
    }
  }

  private computeEach(): (ReplicaResult | Error)[] {
    return Array.from({ length: this.config.layers }, (_, l) => {
      const spec = replicaChain(this.network, this.input, l + 1, this.config);
      const fp = this.state.each[l];
      try {
        const r = computeMutualInformation(spec, { ...this.config.options, ...(fp ? { startAt: fp } : {}) });
        this.state.each[l] = r.fixedPoint;
        return r;
      } catch (err) {
        this.state.each[l] = null;
        return err instanceof Error ? err : new Error(String(err));
      }
    });
  }
}

function failed(message: string): ReplicaLayerMetrics {
  return {
    entropy: Number.NaN,
    mi: Number.NaN,
    entropyPerUnit: Number.NaN,
    miPerUnit: Number.NaN,
    mmse: Number.NaN,
    converged: false,
    error: message,
  };
}
