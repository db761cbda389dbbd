/**
 * The replica package's network description (docs/contracts.md `NetworkSpec`, dnner's names and
 * parameters as in shared/reference/replica-cases.json) of the sub-chain X → T_1 → … → T_k of a
 * teacher, with the EMPIRICAL spectrum of each drawn matrix (all n_{ℓ−1} eigenvalues of W_ℓᵀW_ℓ,
 * replica-math §5.2) and α_ℓ = n_ℓ / n_{ℓ−1} of the actual sizes. Each layer keeps its own noise
 * (we do not use `compute_all`'s substitution of the outer noise, replica-math §3.6, because the
 * sampled T_k carries its own noise).
 */
import type { ActivationSpec, NetworkSpec, PriorSpec as ReplicaPriorSpec } from "@infoflow/replica";
import type { PriorSpec, TeacherLayerSpec } from "../spec/taskSpec";

function priorLayer(prior: PriorSpec): ReplicaPriorSpec {
  switch (prior.name) {
    case "Normal":
      return { kind: "prior", name: "Normal", params: { mean: prior.mean, var: prior.var } };
    case "Bimodal":
      return { kind: "prior", name: "Bimodal", params: { prob: prior.prob } };
    case "SpikeSlab":
      return {
        kind: "prior",
        name: "SpikeSlab",
        params: { prob: prior.prob, mean: prior.mean, var: prior.var },
      };
  }
}

function activationLayer(layer: TeacherLayerSpec): ActivationSpec {
  const var_noise = layer.varNoise;
  switch (layer.activation) {
    case "Linear":
    case "ReLU":
    case "Probit":
      return { kind: "activation", name: layer.activation, params: { var_noise } };
    case "LeakyReLU":
      return { kind: "activation", name: "LeakyReLU", params: { var_noise, gamma: layer.gamma } };
    case "HardTanh":
      return { kind: "activation", name: "HardTanh", params: { var_noise, thres: layer.thres } };
    case "Generic":
      return { kind: "activation", name: "Generic", params: { var_noise, activation: layer.phi } };
  }
}

export function replicaNetworkSpec(
  prior: PriorSpec,
  layers: readonly TeacherLayerSpec[],
  sizes: readonly number[],
  spectra: readonly Float64Array[],
): NetworkSpec {
  return {
    layers: [priorLayer(prior), ...layers.map(activationLayer)],
    weights: layers.map((_, l) => ({
      ensemble: "Empirical" as const,
      alpha: sizes[l + 1] / sizes[l],
      eigvals: Array.from(spectra[l]),
    })),
  };
}
