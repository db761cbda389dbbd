/**
 * The replica chain of a student network (replica-math.md §7.3–7.4; lsd's `compute_info`):
 * [generative chain of X: prior (→ decoder layers with their noise)] → student layers 1..ℓ, each
 * student weight matrix described by its current spectrum (USV layers: the "USV" ensemble of their
 * singular values, i.e. s² padded with zeros, α = n_out/n_in, §5.3; dense layers: the empirical
 * spectrum of W). Student activations map to the replica channels Linear, ReLU, HardTanh(thres 1) and
 * Generic(activation "tanh").
 *
 * Noise of a student layer inside the chain:
 * - a layer with its own pre-activation noise β keeps var_noise = β² (it is the replica channel);
 * - a noiseless layer gets `hiddenNoise` when it is a hidden layer of the sub-chain (lsd's
 *   inter_mi_noise, 0 in lsd's examples) and `outputNoise` when it is the observed layer T_ℓ
 *   (lsd's mi_noise, 1e-5), which makes H(T_ℓ) finite.
 * - post-activation noise φ(z) + βξ equals pre-activation noise only for linear layers; for other
 *   activations it is not a replica channel and the chain is rejected.
 * Then `mi` = I(T_{ℓ−1}; T_ℓ)/n₀, equal to I(X;T_ℓ)/n₀ when the student layers before ℓ are
 * noiseless (replica-math.md §1.3, §8.6).
 */
import type { ActivationSpec, EnsembleSpec, NetworkSpec, PriorSpec } from "@infoflow/replica";
import { InvalidInputError } from "../errors";
import type { Activation } from "../layers/activation";
import type { HostMatrix } from "../layers/denseMap";
import { UsvDense } from "../layers/usvDense";
import type { Network } from "../network/network";

/** How X is generated, as a replica chain: its prior and, for generative tasks, the decoder layers. */
export interface InputChain {
  /** The prior of the chain's input, then the decoder's activation layers (if any). */
  layers: [PriorSpec, ...ActivationSpec[]];
  /** One ensemble per decoder layer. */
  weights: EnsembleSpec[];
  /** Dimension of the chain's input (n₀ = dim X for teacher–student, n_lat for generative data). */
  n0: number;
}

/** Σ_X = var·I(n₀) of a chain that is just a Normal prior (no decoder layers), else undefined. */
export function gaussianInputCovariance(input: InputChain): HostMatrix | undefined {
  const prior = input.layers[0];
  if (prior.name !== "Normal" || input.layers.length > 1) return undefined;
  const v = prior.params?.var ?? 1;
  const data = new Float64Array(input.n0 * input.n0);
  for (let i = 0; i < input.n0; i++) data[i * input.n0 + i] = v;
  return { data, rows: input.n0, cols: input.n0 };
}

export interface ReplicaChainOptions {
  outputNoise: number;
  hiddenNoise: number;
}

/** The replica channel of a student activation with noise variance `varNoise` (before φ). */
function channelSpec(activation: Activation, varNoise: number): ActivationSpec {
  switch (activation) {
    case "linear":
      return { kind: "activation", name: "Linear", params: { var_noise: varNoise } };
    case "relu":
      return { kind: "activation", name: "ReLU", params: { var_noise: varNoise } };
    case "hardtanh":
      return { kind: "activation", name: "HardTanh", params: { var_noise: varNoise, thres: 1 } };
    case "tanh":
      return { kind: "activation", name: "Generic", params: { var_noise: varNoise, activation: "tanh" } };
  }
}

/** Reasons layer ℓ (0-based) of `network` cannot enter a replica chain, or undefined when it can. */
export function replicaIncompatibility(network: Network, l: number): string | undefined {
  const layer = network.layers[l];
  if (layer.map.hasBias) return `network.layers.${l}.bias: the replica formula has no bias term`;
  if (
    layer.noise &&
    layer.noise.std > 0 &&
    layer.noise.position === "post" &&
    layer.activation !== "linear"
  ) {
    return `network.layers.${l}.noise: post-activation noise is a replica channel only for linear layers (use position "pre")`;
  }
  return undefined;
}

/** The observation noise variance of T_ℓ (0-based layer l) as the chain's last layer. */
export function observedNoise(network: Network, l: number, opts: ReplicaChainOptions): number {
  const beta = network.layers[l].noiseStd;
  return beta > 0 ? beta * beta : opts.outputNoise;
}

/** The replica chain whose last layer is student layer `upTo` (1-based). */
export function replicaChain(
  network: Network,
  input: InputChain,
  upTo: number,
  opts: ReplicaChainOptions,
): NetworkSpec {
  const layers: [PriorSpec, ...ActivationSpec[]] = [...input.layers];
  const weights: EnsembleSpec[] = [...input.weights];
  for (let l = 0; l < upTo; l++) {
    const reason = replicaIncompatibility(network, l);
    if (reason !== undefined) throw new InvalidInputError(reason);
    const layer = network.layers[l];
    const beta = layer.noiseStd;
    const varNoise = beta > 0 ? beta * beta : l === upTo - 1 ? opts.outputNoise : opts.hiddenNoise;
    layers.push(channelSpec(layer.activation, varNoise));
    if (layer.map instanceof UsvDense) {
      weights.push({
        ensemble: "USV",
        alpha: layer.map.nOut / layer.map.nIn,
        // s may turn negative during training; W's singular values are |s_k| (the sign folds into U)
        singularValues: Array.from(layer.map.singularValues(), Math.abs),
      });
    } else {
      const { alpha, eigvals } = layer.map.spectrum();
      weights.push({ ensemble: "Empirical", alpha, eigvals: Array.from(eigvals) });
    }
  }
  return { layers, weights };
}
