/**
 * @infoflow/models — TensorFlow.js networks with USV and noisy layers, and training runs that
 * track the information measures of every layer. The only package that imports tfjs.
 * tfjs computes in float32; every information measure runs in Float64 on copied-out activations.
 */
export { activeBackend, BACKEND_NAMES, type BackendName, initBackend } from "./backend/initBackend";
export { type DataConfig, dataConfigSchema } from "./config/dataConfig";
export { type MeasuresConfig, measuresConfigSchema } from "./config/measuresConfig";
export {
  type LayerConfig,
  layerConfigSchema,
  type NetworkConfig,
  type NetworkConfigInput,
  networkConfigSchema,
} from "./config/networkConfig";
export {
  parseTrainConfig,
  type TrainConfig,
  type TrainConfigInput,
  trainConfigSchema,
} from "./config/trainConfig";
export { InvalidInputError, ModelsError } from "./errors";
export { ACTIVATIONS, type Activation } from "./layers/activation";
export { Dense } from "./layers/dense";
export type { DenseMap, HostMatrix, LayerSpectrum } from "./layers/denseMap";
export { type LayerPass, type NoisePosition, type NoiseSpec, NoisyLayer } from "./layers/noisyLayer";
export { UsvDense, type UsvInit } from "./layers/usvDense";
export { type ClusteringMeasures, clusteringMeasures } from "./metrics/clustering";
export type { BinningMetrics, KdeMetrics, SpMetrics } from "./metrics/estimatorMeasures";
export type { LayerMetrics } from "./metrics/measureSuite";
export { type InputChain, type ReplicaChainOptions, replicaChain } from "./metrics/replicaChain";
export type { ReplicaLayerMetrics } from "./metrics/replicaMeasure";
export { type WeightMeasures, weightMeasures } from "./metrics/weightMeasures";
export { type ForwardOptions, type ForwardResult, Network } from "./network/network";
export { CHUNK_INPUTS, type SamplePropagationOptions, samplePropagation } from "./network/samplePropagation";
export { readMetrics } from "./training/metricsLog";
export { type OptimizerConfig, optimizerConfigSchema } from "./training/optimizer";
export {
  type EpochRecord,
  type ProgressEvent,
  type RunOptions,
  type RunSummary,
  runTraining,
} from "./training/runTraining";
export { deriveSeed } from "./training/seeds";
