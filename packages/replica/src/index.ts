/**
 * @infoflow/replica — entropy, mutual information and MMSE of multi-layer stochastic networks with
 * orthogonally invariant weights by the replica formula (Gabrié et al., NeurIPS 2018; shared/docs/replica-math.md).
 */
export {
  type CaseFixedPoint,
  type CaseOutput,
  caseOptionsSchema,
  replicaCaseSchema,
  runCase,
} from "./api/cases";
export { computeAllLayers, computeEntropy, computeMutualInformation, type NetworkInput } from "./api/compute";
export { replicaOptionsSchema } from "./api/options";
export { createChannel, type GenericChannelSpec, genericChannel } from "./channels";
export { ReplicaError } from "./channels/replica-error";
export { createEnsemble, empiricalEnsemble, gaussianEnsemble, usvEnsemble } from "./ensembles";
export type * from "./interface";
export { createPrior } from "./priors";
export { type NetworkParts, parseNetworkSpec } from "./spec/build-network";
export {
  type ActivationSpec,
  activationSpecSchema,
  type EnsembleSpec,
  ensembleSpecSchema,
  type LayerSpec,
  type NetworkSpec,
  networkSpecSchema,
  type PriorSpec,
  priorSpecSchema,
} from "./spec/network-spec";
