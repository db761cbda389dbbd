/**
 * @infoflow/estimators — sample-based entropy and mutual-information estimators for the information
 * plane: binning, Kolchinsky–Tracey pairwise bounds, kNN (Kozachenko–Leonenko, KSG), and sample
 * propagation (docs/contracts.md; shared/docs/estimators-math.md). Nats internally; `base` → bits.
 */

export { createBinningEstimator } from "./binning/binning-estimator";
export { type BinningOptions, type BinningResult, binningMI } from "./binning/binning-mi";
export { BINNING_MODES, type BinningParams } from "./binning/binning-options";
export type { BinningMode } from "./binning/quantisers";
export { negativeEntropyNote, negativeMINote } from "./diagnostics";
export { InvalidInputError } from "./errors";
export type * from "./interface";
export { createKdeEstimator, type KdeBound } from "./kde/kde-estimator";
export {
  type Bounds,
  gaussianEntropy,
  type PairwiseBoundsInput,
  type PairwiseBoundsResult,
  pairwiseBounds,
} from "./kde/pairwise-bounds";
export { closeWorkers, defaultThreads, warmWorkers } from "./kernels/worker-pool";
export {
  createKozachenkoLeonenkoEstimator,
  createKsgEstimator,
  DEFAULT_JITTER,
  type KlOptions,
  type KnnMetric,
  type KnnOptions,
  type KsgOptions,
  type KsgVariant,
  klEntropy,
  ksgMI,
  logUnitBallVolume,
  type TieDiagnostics,
  type TiePolicy,
} from "./knn/index";
export { type Classes, classEntropy, classesOfLabels, type LabelsInput, targetClasses } from "./labels";
export { createEstimator, type EstimatorInfo, listEstimators } from "./registry";
export { type SamplesInput, type ShapedArray, samples } from "./samples";
export { permutationNull, type ShuffleNull } from "./shuffle-null";
export {
  gaussianMixtureEntropy,
  type MixtureEntropyInput,
  type MixtureEntropyResult,
} from "./sp/mixture-entropy";
export {
  type SamplePropagationInput,
  type SamplePropagationResult,
  samplePropagationMI,
} from "./sp/sample-propagation";
export { createSpEstimator } from "./sp/sp-estimator";
export { fromNats, unitFromBase } from "./units";
export * from "./validate";
