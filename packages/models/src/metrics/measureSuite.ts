/**
 * All per-layer information measures of one epoch (issue 5; replica-math.md §7.4,
 * estimators-math.md §5.7): replica H(T_ℓ), I(X;T_ℓ) for tracked layers; sample propagation
 * I(X;T_ℓ) for noisy layers; H(Bin(T_ℓ)) and pairwise KDE bounds of the deterministic twin; the
 * clustering measures. The sample-based ones see a fixed set of inputs for the whole run (a seeded
 * subset of the chosen split) so that changes over epochs come from the network, not the sample.
 * Activations are copied out of tfjs into Float64 before any estimator runs.
 */
import { createEstimator, type Samples } from "@infoflow/estimators";
import { createRng } from "@infoflow/numerics";
import * as tf from "@tensorflow/tfjs";
import type { MeasuresConfig } from "../config/measuresConfig";
import { InvalidInputError } from "../errors";
import type { HostMatrix } from "../layers/denseMap";
import type { Network } from "../network/network";
import { samplePropagation } from "../network/samplePropagation";
import type { Dataset } from "../training/dataset";
import type { LoadedData } from "../training/loadData";
import { deriveSeed, STREAM } from "../training/seeds";
import { selectRows } from "../training/selectRows";
import { type ClusteringMeasures, clusteringMeasures } from "./clustering";
import {
  type BinningMetrics,
  binningMetrics,
  type KdeMetrics,
  kdeMetrics,
  type SpMetrics,
  spMetrics,
} from "./estimatorMeasures";
import { type ExactLayerValues, exactLinearValues, linearIncompatibility } from "./exactLinear";
import { gaussianInputCovariance, type InputChain } from "./replicaChain";
import { type ReplicaLayerMetrics, ReplicaMeasure, type ReplicaMeasureState } from "./replicaMeasure";
import { type WeightMeasures, weightMeasures } from "./weightMeasures";

export interface LayerMetrics {
  /** ℓ, 1-based */
  layer: number;
  units: number;
  replica?: ReplicaLayerMetrics;
  /** Exact finite-size Gaussian values next to the replica ones (linear students). */
  exact?: ExactLayerValues;
  sp?: SpMetrics;
  binning?: BinningMetrics;
  kde?: KdeMetrics;
  clustering?: ClusteringMeasures;
  /** Singular-value range, ‖W‖_F, ‖G − I‖_F and max |bias| of the layer's weights. */
  weights?: WeightMeasures;
  /**
   * Generic estimators by label, nats: kind "mi" → Î(X;T_ℓ); "entropy" → Ĥ(T_ℓ); "both" (binning, kde,
   * sp) → their Ĥ(T_ℓ) (binning: H(Bin T) = I(X;Bin T); kde/sp: the differential entropy of the noisy
   * layer, = Î(X;T) + (d/2)·ln(2πeσ²)), plus Î(T_ℓ;Y) when labels exist.
   */
  estimators?: Record<
    string,
    { kind: "mi" | "entropy" | "both"; value: number; stdError?: number; ity?: number }
  >;
}

/** Activations of the measure inputs at one epoch (row-major, n × d per layer). */
export interface Snapshot {
  epoch: number;
  n: number;
  labels?: number[];
  layers: Array<{ layer: number; d: number; twin: number[]; noisy?: number[] }>;
}

export interface MeasureSuiteState {
  replica?: ReplicaMeasureState;
}

function concat(a: Samples, b: Samples): Samples {
  const data = new Float64Array(a.data.length + b.data.length);
  data.set(a.data);
  data.set(b.data, a.data.length);
  return { data, n: a.n + b.n, d: a.d };
}

/** A seeded subset of k of n row indices (sorted), or all rows. */
function pickRows(n: number, k: number | undefined, seed: number): Int32Array {
  const all = Int32Array.from({ length: n }, (_, i) => i);
  if (k === undefined || k >= n) return all;
  createRng(seed).shuffle(all);
  return all.slice(0, k).sort();
}

function resolveLayers(field: string, requested: number[] | undefined, L: number): number[] {
  const layers = requested ?? Array.from({ length: L }, (_, l) => l + 1);
  for (const l of layers) {
    if (l < 1 || l > L) throw new InvalidInputError(`${field}: layer ${l} outside 1..${L}`);
  }
  return layers;
}

export class MeasureSuite {
  readonly x: Samples;
  readonly labels: Int32Array | undefined;
  private readonly replica: ReplicaMeasure | undefined;
  private readonly exact: { covariance: HostMatrix; n0: number; layers: number } | undefined;
  private readonly spLayers: number[];
  private readonly binLayers: number[];
  private readonly kdeLayers: number[];
  private readonly clusterLayers: number[];
  private readonly weightLayers: number[];
  private readonly estimatorLayers: number[][];

  constructor(
    private readonly network: Network,
    data: LoadedData,
    private readonly config: MeasuresConfig,
    private readonly seed: number,
  ) {
    const L = network.layers.length;
    const parts: Dataset[] =
      config.split === "train"
        ? [data.train]
        : config.split === "test"
          ? [data.test]
          : [data.train, data.test];
    const rows = parts.map((p) => p.x).reduce(concat);
    const labels = parts.every((p) => p.labels !== undefined)
      ? Int32Array.from(parts.flatMap((p) => Array.from(p.labels!)))
      : undefined;
    const pick = pickRows(rows.n, config.maxSamples, deriveSeed(seed, STREAM.measures, 0));
    this.x = selectRows(rows, pick);
    this.labels = labels ? Int32Array.from(pick, (r) => labels[r]) : undefined;

    if (config.replica) {
      const input: InputChain | undefined = config.replica.input ?? data.inputChain;
      if (input === undefined) {
        throw new InvalidInputError(
          "measures.replica.input: the data source does not say how X is generated; give the replica chain of X",
        );
      }
      let upTo = config.replica.layers;
      if (upTo === undefined) {
        // default: the leading USV layers (the ones whose orthogonal invariance training preserves)
        upTo = 0;
        while (upTo < L && network.layers[upTo].map.kind === "usv") upTo++;
        if (upTo === 0) {
          throw new InvalidInputError(
            "measures.replica.layers: the first layer is not a USV layer; say how many leading layers to track",
          );
        }
      }
      if (upTo > L) throw new InvalidInputError(`measures.replica.layers: ${upTo} > ${L} layers`);
      this.replica = new ReplicaMeasure(network, input, {
        layers: upTo,
        outputNoise: config.replica.outputNoise,
        hiddenNoise: config.replica.hiddenNoise,
        options: config.replica.options,
      });
      if (config.replica.exactLinear) {
        const reason = linearIncompatibility(network, upTo);
        if (reason !== undefined) throw new InvalidInputError(`measures.replica.exactLinear: ${reason}`);
        const cov = config.replica.input
          ? gaussianInputCovariance(config.replica.input)
          : data.inputCovariance;
        if (cov === undefined) {
          throw new InvalidInputError(
            "measures.replica.exactLinear: X is not Gaussian with a known covariance (needs a Normal prior and linear decoder layers)",
          );
        }
        this.exact = { covariance: cov, n0: input.n0, layers: upTo };
      }
    }
    this.spLayers = config.sp ? resolveLayers("measures.sp.layers", config.sp.layers, L) : [];
    for (const l of this.spLayers) {
      const layer = network.layers[l - 1];
      if (!(layer.noiseStd > 0 && layer.noise?.position === "post")) {
        throw new InvalidInputError(
          `measures.sp: layer ${l} has no post-activation noise (sample propagation needs T = S + N(0, β²I))`,
        );
      }
    }
    this.binLayers = config.binning ? resolveLayers("measures.binning.layers", config.binning.layers, L) : [];
    for (const l of this.binLayers) {
      if (config.binning?.binSize === undefined && network.layers[l - 1].noiseStd === 0) {
        throw new InvalidInputError(
          `measures.binning.binSize: layer ${l} is noiseless, give an explicit bin size`,
        );
      }
    }
    this.kdeLayers = config.kde ? resolveLayers("measures.kde.layers", config.kde.layers, L) : [];
    for (const l of this.kdeLayers) {
      if (config.kde?.variance === undefined && network.layers[l - 1].noiseStd === 0) {
        throw new InvalidInputError(
          `measures.kde.variance: layer ${l} is noiseless, give an explicit variance`,
        );
      }
    }
    this.estimatorLayers = config.estimators.map((e, k) => {
      const layers = resolveLayers(`measures.estimators.${k}.layers`, e.layers, L);
      createEstimator(e.id, e.params); // fail at start-up on an unknown id or bad parameters
      return layers;
    });
    const labelsSeen = new Set<string>();
    for (const e of config.estimators) {
      const label = e.label ?? e.id;
      if (labelsSeen.has(label))
        throw new InvalidInputError(`measures.estimators: label '${label}' used twice`);
      labelsSeen.add(label);
    }
    if (config.snapshots) resolveLayers("measures.snapshots.layers", config.snapshots.layers, L);
    this.clusterLayers = config.clustering
      ? resolveLayers("measures.clustering.layers", config.clustering.layers, L)
      : [];
    this.weightLayers = config.weights
      ? resolveLayers("measures.weights.layers", config.weights.layers, L)
      : [];
    if (this.clusterLayers.length > 0 && this.labels === undefined) {
      throw new InvalidInputError("measures.clustering: needs class labels (a classification task)");
    }
  }

  getState(): MeasureSuiteState {
    return { replica: this.replica?.getState() };
  }

  setState(state: MeasureSuiteState): void {
    if (this.replica && state.replica) this.replica.setState(state.replica);
  }

  /** Activations T_ℓ of the measure inputs, Float64, per layer: the deterministic twin when noiseSeed is null. */
  private twinActivations(upTo: number, noiseSeed: number | null = null): Samples[] {
    const outs = tf.tidy(() => {
      const x = tf.tensor2d(Float32Array.from(this.x.data), [this.x.n, this.x.d], "float32");
      return this.network.forward(x, { noiseSeed, upTo, keepAll: true }).outputs;
    });
    const res = outs.map((t) => ({ data: Float64Array.from(t.dataSync()), n: t.shape[0], d: t.shape[1] }));
    tf.dispose(outs);
    return res;
  }

  compute(epoch: number): LayerMetrics[] {
    const L = this.network.layers.length;
    const out: LayerMetrics[] = this.network.layers.map((layer, l) => ({
      layer: l + 1,
      units: layer.map.nOut,
    }));
    if (this.replica) {
      this.replica.compute().forEach((r, l) => {
        out[l].replica = r;
      });
    }
    if (this.exact) {
      const { covariance, n0, layers } = this.exact;
      const opts = this.config.replica!;
      exactLinearValues(this.network, covariance, n0, layers, opts).forEach((v, l) => {
        out[l].exact = v;
      });
    }
    if (this.spLayers.length > 0) {
      const sp = this.config.sp!;
      const centres = samplePropagation(this.network, this.x, {
        nPerInput: sp.nPerInput,
        seed: deriveSeed(this.seed, STREAM.measures, 1, epoch),
        layers: this.spLayers,
      });
      this.spLayers.forEach((l, k) => {
        out[l - 1].sp = spMetrics(centres[k], this.labels, {
          noiseStd: this.network.layers[l - 1].noiseStd,
          seed: deriveSeed(this.seed, STREAM.measures, 2, epoch, l),
          params: sp.params,
        });
      });
    }
    for (const l of this.weightLayers) out[l - 1].weights = weightMeasures(this.network.layers[l - 1].map);
    const twinLayers = [
      ...this.binLayers,
      ...this.kdeLayers,
      ...this.clusterLayers,
      ...this.estimatorLayers.flat(),
    ];
    if (twinLayers.length === 0) return out;
    const twin = this.twinActivations(Math.max(...twinLayers));
    for (const l of this.binLayers) {
      const bin = this.config.binning!;
      const width = bin.binSize ?? bin.noiseMultiple * this.network.layers[l - 1].noiseStd;
      out[l - 1].binning = binningMetrics(twin[l - 1], this.labels, width);
    }
    for (const l of this.kdeLayers) {
      const beta = this.network.layers[l - 1].noiseStd;
      out[l - 1].kde = kdeMetrics(twin[l - 1], this.labels, this.config.kde!.variance ?? beta * beta);
    }
    if (this.clusterLayers.length > 0) {
      const pick = pickRows(
        this.x.n,
        this.config.clustering!.maxSamples,
        deriveSeed(this.seed, STREAM.measures, 3),
      );
      const labels = Int32Array.from(pick, (r) => this.labels![r]);
      for (const l of this.clusterLayers)
        out[l - 1].clustering = clusteringMeasures(selectRows(twin[l - 1], pick), labels);
    }
    this.config.estimators.forEach((e, k) => {
      const estimator = createEstimator(e.id, e.params);
      for (const l of this.estimatorLayers[k]) {
        let t = twin[l - 1];
        if (e.noiseVariance !== undefined) {
          const noise = createRng(deriveSeed(this.seed, STREAM.measures, 4, epoch, l, k)).fillNormal(
            new Float64Array(t.data.length),
            0,
            Math.sqrt(e.noiseVariance),
          );
          for (let i = 0; i < noise.length; i++) noise[i] += t.data[i];
          t = { data: noise, n: t.n, d: t.d };
        }
        const r = estimator.kind === "mi" ? estimator.estimate(this.x, t) : estimator.entropy(t);
        const ity =
          estimator.kind === "both" && this.labels ? estimator.estimate(t, this.labels).value : undefined;
        out[l - 1].estimators ??= {};
        out[l - 1].estimators![e.label ?? e.id] = {
          kind: estimator.kind,
          value: r.value,
          ...(r.stdError !== undefined ? { stdError: r.stdError } : {}),
          ...(ity !== undefined ? { ity } : {}),
        };
      }
    });
    return out.slice(0, L);
  }

  /** The activations to save at this epoch, when snapshots are configured. */
  snapshot(epoch: number): Snapshot | undefined {
    const cfg = this.config.snapshots;
    if (!cfg) return undefined;
    const upTo = Math.max(...cfg.layers);
    const twin = this.twinActivations(upTo, null);
    const noisy = cfg.noisy
      ? this.twinActivations(upTo, deriveSeed(this.seed, STREAM.measures, 5, epoch))
      : undefined;
    return {
      epoch,
      n: this.x.n,
      ...(this.labels ? { labels: Array.from(this.labels) } : {}),
      layers: cfg.layers.map((l) => ({
        layer: l,
        d: twin[l - 1].d,
        twin: Array.from(twin[l - 1].data),
        ...(noisy ? { noisy: Array.from(noisy[l - 1].data) } : {}),
      })),
    };
  }
}
