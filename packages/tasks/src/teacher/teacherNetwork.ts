/**
 * Teacher networks X → T_1 → … → T_L (replica-math §1.1) as tasks: x = X (n₀ dims), y = T_observe.
 * Weights are drawn from the task's own seed (one independent stream per layer); samples from the
 * sample seed only (stream 0 for X, stream ℓ for layer ℓ's noise, so row r does not depend on n).
 * Truth: the replica formula (`computeMutualInformation` of `@infoflow/replica`) on the sub-chain
 * ending at the layer, with the empirical spectra of the drawn matrices; per-unit values × n₀ give
 * totals in nats. Computed lazily, once per layer, and cached.
 */
import { createRng, gramEigenvalues } from "@infoflow/numerics";
import { computeMutualInformation, type NetworkSpec } from "@infoflow/replica";
import { InvalidInputError, TruthUnavailableError } from "../errors";
import type { LayerTruth, RowMajorMatrix, Samples, TeacherLayerInfo, TeacherTask } from "../interface";
import { checkSampleArgs } from "../random/checkSampleArgs";
import { parseTaskSpec } from "../spec/parseTaskSpec";
import { taskId } from "../spec/taskId";
import type { TeacherLayerSpec, TeacherSpec, TeacherSpecInput } from "../spec/taskSpec";
import { teacherLayerSizes } from "../spec/teacherLayerSizes";
import { drawWeights } from "./drawWeights";
import { exactLinearGaussian } from "./exactLinearGaussian";
import { propagateLayer } from "./propagateLayer";
import { replicaNetworkSpec } from "./replicaNetworkSpec";
import { samplePrior } from "./samplePrior";

function activationName(l: TeacherLayerSpec): string {
  return l.activation === "Generic" ? `Generic:${l.phi}` : l.activation;
}

/** Build a teacher task from a (resolved) spec; `id` defaults to the spec's stable id. */
export function teacherTaskFromSpec(spec: TeacherSpec, id: string = taskId(spec)): TeacherTask {
  const nLayers = spec.layers.length;
  const observedLayer = spec.observe ?? nLayers;
  const sizes = teacherLayerSizes(
    spec.n0,
    spec.layers.map((l) => l.alpha),
  );
  const layers: TeacherLayerInfo[] = spec.layers.map((l, i) => ({
    index: i + 1,
    activation: activationName(l),
    width: sizes[i + 1],
    alpha: sizes[i + 1] / sizes[i],
    varNoise: l.varNoise,
  }));
  const weightCache: RowMajorMatrix[] = [];
  const spectrumCache: Float64Array[] = [];
  const truthCache = new Map<number, LayerTruth>();

  const checkLayer = (layer: number, field: string): void => {
    if (!Number.isInteger(layer) || layer < 1 || layer > nLayers) {
      throw new InvalidInputError(`${field}: must be an integer layer index in 1..${nLayers}, got ${layer}`);
    }
  };
  const weights = (layer: number): RowMajorMatrix => {
    checkLayer(layer, "layer");
    if (weightCache[layer - 1] === undefined) {
      const rng = createRng(spec.seed).fork(layer);
      weightCache[layer - 1] = drawWeights(
        spec.layers[layer - 1].weights,
        sizes[layer],
        sizes[layer - 1],
        rng,
      );
    }
    return weightCache[layer - 1];
  };
  const spectrum = (layer: number): Float64Array => {
    checkLayer(layer, "layer");
    if (spectrumCache[layer - 1] === undefined) spectrumCache[layer - 1] = gramEigenvalues(weights(layer));
    return spectrumCache[layer - 1];
  };

  const sampleLayers = (n: number, seed: number, upTo = nLayers): { x: Samples; layers: Samples[] } => {
    checkSampleArgs(n, seed);
    checkLayer(upTo, "upTo");
    const rng = createRng(seed);
    const x: Samples = { data: samplePrior(spec.prior, n * spec.n0, rng.fork(0)), n, d: spec.n0 };
    const out: Samples[] = [];
    let t = x;
    for (let l = 1; l <= upTo; l++) {
      t = propagateLayer(t, weights(l), spec.layers[l - 1], rng.fork(l));
      out.push(t);
    }
    return { x, layers: out };
  };

  const replicaSpec = (layer = observedLayer): NetworkSpec => {
    checkLayer(layer, "layer");
    const sub = spec.layers.slice(0, layer);
    return replicaNetworkSpec(
      spec.prior,
      sub,
      sizes,
      sub.map((_, l) => spectrum(l + 1)),
    );
  };

  const noiselessBefore = (layer: number): boolean =>
    spec.layers.slice(0, layer - 1).every((l) => l.varNoise === 0);

  const truth = (layer = observedLayer): LayerTruth => {
    checkLayer(layer, "layer");
    const cached = truthCache.get(layer);
    if (cached !== undefined) return cached;
    if (spec.layers[layer - 1].varNoise <= 0) {
      throw new InvalidInputError(
        `layer: T_${layer} is noiseless (varNoise = 0); its entropy and I(X;T_${layer}) are not finite`,
      );
    }
    const result = computeMutualInformation(replicaSpec(layer));
    const d = result.diagnostics;
    if (!d.converged || !Number.isFinite(result.entropy) || !Number.isFinite(result.mi)) {
      throw new TruthUnavailableError(
        `replica: no converged fixed point for layer ${layer} of task ${id} (residual ${d.residual}, ${d.iterations} iterations${d.warnings.length > 0 ? `; ${d.warnings.join("; ")}` : ""})`,
      );
    }
    const value: LayerTruth = {
      layer,
      entropy: result.entropy * spec.n0,
      mutualInformation: noiselessBefore(layer) ? result.mi * spec.n0 : undefined,
      perUnit: { entropy: result.entropy, mi: result.mi },
      diagnostics: { ...d },
    };
    truthCache.set(layer, value);
    return value;
  };

  const mutualInformation = (layer = observedLayer): number => {
    checkLayer(layer, "layer");
    if (!noiselessBefore(layer)) {
      throw new InvalidInputError(
        `layer: I(X;T_${layer}) is not available because a layer before ${layer} is noisy (the replica "mi" would be I(T_${layer - 1};T_${layer}))`,
      );
    }
    return truth(layer).mutualInformation as number;
  };

  const task: TeacherTask = {
    id,
    params: spec,
    dimX: spec.n0,
    dimY: sizes[observedLayer],
    n0: spec.n0,
    sizes,
    observedLayer,
    layers,
    weights,
    spectrum,
    sampleLayers,
    sample(n, seed) {
      const { x, layers: ts } = sampleLayers(n, seed, observedLayer);
      return { x, y: ts[observedLayer - 1] };
    },
    entropy: (layer = observedLayer) => truth(layer).entropy,
    mutualInformation,
    truth,
    replicaSpec,
  };

  if (spec.prior.name === "Normal" && spec.layers.every((l) => l.activation === "Linear")) {
    const priorVar = spec.prior.var;
    task.exactLinearGaussian = (layer = observedLayer) => {
      checkLayer(layer, "layer");
      const ws = Array.from({ length: layer }, (_, l) => weights(l + 1));
      return exactLinearGaussian(
        priorVar,
        ws,
        spec.layers.slice(0, layer).map((l) => l.varNoise),
      );
    };
  }
  return task;
}

/** `teacherNetwork(spec)` (docs/contracts.md): validate a teacher spec (`family` optional) and build the task. */
export function teacherNetwork(spec: TeacherSpecInput | Omit<TeacherSpecInput, "family">): TeacherTask {
  const resolved = parseTaskSpec({ family: "teacher", ...spec });
  if (resolved.family !== "teacher")
    throw new InvalidInputError("family: teacherNetwork needs a teacher spec");
  return teacherTaskFromSpec(resolved);
}
