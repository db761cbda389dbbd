/**
 * Exact finite-size entropy and MI of a linear student on Gaussian inputs — the check lsd ran next to
 * the replica values (`test = True`, replica-math.md §7.4 item 5; §6.1): with X ~ N(0, Σ_X) and
 * row-convention layers t_ℓ = t_{ℓ−1}·W_ℓ + noise,
 *   Σ_ℓ = W_ℓᵀ Σ_{ℓ−1} W_ℓ (+ σ_ℓ² I for a noisy hidden layer),
 *   H(T_ℓ) = ½ log det(2πe (Σ_ℓ + Δ_ℓ I)),
 *   I(T_{ℓ−1};T_ℓ) = H(T_ℓ) − (n_ℓ/2) log(2πe Δ_ℓ)   (= I(X;T_ℓ) when the layers before ℓ are noiseless),
 * with Δ_ℓ the observation noise of T_ℓ and σ_ℓ² the hidden noise, as in the replica chain
 * (replicaChain.ts). Per-unit values divide by n₀ of the chain, as the replica values do.
 * Float64 throughout (the float32 weights are widened first).
 */
import { fromRowMajor, logDetSpd, matmulRowMajor, toRowMajor } from "@infoflow/numerics";
import { InvalidInputError } from "../errors";
import type { HostMatrix } from "../layers/denseMap";
import type { Network } from "../network/network";
import { observedNoise, type ReplicaChainOptions } from "./replicaChain";

export interface ExactLayerValues {
  entropy: number;
  mi: number;
  entropyPerUnit: number;
  miPerUnit: number;
}

function transpose(m: HostMatrix): HostMatrix {
  return toRowMajor(fromRowMajor(m.data, m.rows, m.cols).transpose());
}

/** (S + Sᵀ)/2: the product WᵀΣW is symmetric only up to round-off, and Cholesky wants it exact. */
function symmetrised(m: HostMatrix): HostMatrix {
  const data = Float64Array.from(m.data);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < i; j++) {
      const v = 0.5 * (data[i * m.cols + j] + data[j * m.cols + i]);
      data[i * m.cols + j] = v;
      data[j * m.cols + i] = v;
    }
  }
  return { data, rows: m.rows, cols: m.cols };
}

function plusDiagonal(m: HostMatrix, v: number): HostMatrix {
  const data = Float64Array.from(m.data);
  for (let i = 0; i < m.rows; i++) data[i * m.cols + i] += v;
  return { data, rows: m.rows, cols: m.cols };
}

/** Why layers 1..layers have no exact Gaussian value (they must be linear and bias-free), or undefined. */
export function linearIncompatibility(network: Network, layers: number): string | undefined {
  for (let l = 0; l < layers; l++) {
    const layer = network.layers[l];
    if (layer.activation !== "linear")
      return `network.layers.${l}.activation: the exact value needs linear layers`;
    if (layer.map.hasBias) return `network.layers.${l}.bias: the exact value needs bias-free layers`;
  }
  return undefined;
}

/** Exact values of layers 1..layers; `inputCovariance` is Σ_X (dim X square), n₀ the chain's input width. */
export function exactLinearValues(
  network: Network,
  inputCovariance: HostMatrix,
  n0: number,
  layers: number,
  opts: ReplicaChainOptions,
): ExactLayerValues[] {
  const reason = linearIncompatibility(network, layers);
  if (reason !== undefined) throw new InvalidInputError(reason);
  const out: ExactLayerValues[] = [];
  let sigma = inputCovariance;
  const log2pie = Math.log(2 * Math.PI * Math.E);
  for (let l = 0; l < layers; l++) {
    const w = network.layers[l].map.kernel();
    sigma = symmetrised(matmulRowMajor(matmulRowMajor(transpose(w), sigma), w));
    const delta = observedNoise(network, l, opts);
    const n = w.cols;
    const entropy = 0.5 * (n * log2pie + logDetSpd(plusDiagonal(sigma, delta)));
    const mi = entropy - 0.5 * n * (log2pie + Math.log(delta));
    out.push({ entropy, mi, entropyPerUnit: entropy / n0, miPerUnit: mi / n0 });
    const beta = network.layers[l].noiseStd;
    const hidden = beta > 0 ? beta * beta : opts.hiddenNoise;
    if (hidden > 0) sigma = plusDiagonal(sigma, hidden);
  }
  return out;
}
