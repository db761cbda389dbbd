/**
 * A whole training run: data, seeded network and optimizer, epochs of training with per-epoch
 * evaluation and measures, metrics streamed to `<outDir>/metrics.jsonl`, checkpoints in
 * `<outDir>/checkpoint.json`, and `--resume` continuing from the last checkpoint so that the metrics
 * equal those of an uninterrupted run bit for bit (all randomness is counter-based, seeds.ts; the
 * optimizer state, weights and replica warm starts are restored exactly; the backend must be the same).
 *
 * Epoch 0 is the untrained network (evaluation and measures at initialisation).
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type BackendName, initBackend } from "../backend/initBackend";
import { parseTrainConfig, type TrainConfig, type TrainConfigInput } from "../config/trainConfig";
import { InvalidInputError } from "../errors";
import { type LayerMetrics, MeasureSuite, type MeasureSuiteState } from "../metrics/measureSuite";
import { Network } from "../network/network";
import {
  fingerprintOf,
  loadCheckpoint,
  restoreVariables,
  saveCheckpoint,
  snapshotVariables,
} from "./checkpoint";
import { type DeviceDataset, toDevice } from "./dataset";
import { loadData } from "./loadData";
import { appendMetricsLine, truncateMetrics } from "./metricsLog";
import { Optimizer } from "./optimizer";
import { type SplitScores, Trainer } from "./trainer";

export interface EpochRecord {
  epoch: number;
  /** Optimizer updates so far. */
  steps: number;
  train: SplitScores;
  test?: SplitScores;
  /** Per-layer measures, on measure epochs. */
  layers?: LayerMetrics[];
  /** Wall time (not reproducible; leave out when comparing runs). */
  seconds: { train: number; measures: number };
}

export type ProgressEvent =
  | {
      kind: "start";
      backend: BackendName;
      epochs: number;
      startEpoch: number;
      stepsPerEpoch: number;
      dataId: string;
    }
  | { kind: "step"; epoch: number; step: number; steps: number }
  | { kind: "measures"; epoch: number }
  | { kind: "epoch"; record: EpochRecord };

export interface RunOptions {
  /** Run directory (default: the config's outDir, resolved against the working directory). */
  outDir?: string;
  /** Continue from `<outDir>/checkpoint.json` when it exists. */
  resume?: boolean;
  /** Stop (after checkpointing) once this epoch is done — an interruption on purpose. */
  stopAfterEpoch?: number;
  onProgress?: (e: ProgressEvent) => void;
  /** Do not print the backend line. */
  quiet?: boolean;
}

export interface RunSummary {
  outDir: string;
  metricsPath: string;
  backend: BackendName;
  /** Epochs completed in total (including earlier sessions of a resumed run). */
  epochsCompleted: number;
  finished: boolean;
  /** Records produced by this session. */
  records: EpochRecord[];
}

const METRICS = "metrics.jsonl";
const CHECKPOINT = "checkpoint.json";

/** The parts of a config that determine its numbers (not where it writes or what it is called). */
function numericIdentity(config: TrainConfig): unknown {
  const { outDir: _o, name: _n, description: _d, $schema: _s, ...rest } = config;
  return rest;
}

export async function runTraining(
  input: TrainConfigInput | TrainConfig,
  opts: RunOptions = {},
): Promise<RunSummary> {
  const config = parseTrainConfig(input);
  const dir = opts.outDir ?? config.outDir;
  if (dir === undefined)
    throw new InvalidInputError("outDir: no run directory (set outDir in the config or pass one)");
  const outDir = resolve(dir);
  const metricsPath = join(outDir, METRICS);
  const checkpointPath = join(outDir, CHECKPOINT);
  const backend = await initBackend(config.backend, { quiet: opts.quiet });
  const fingerprint = fingerprintOf(numericIdentity(config));

  mkdirSync(outDir, { recursive: true });
  const checkpoint = opts.resume ? loadCheckpoint(checkpointPath) : undefined;
  if (!opts.resume && existsSync(metricsPath)) {
    throw new InvalidInputError(
      `outDir: ${outDir} already holds a run; resume it or choose another directory`,
    );
  }
  if (checkpoint && checkpoint.fingerprint !== fingerprint) {
    throw new InvalidInputError(
      `resume: ${checkpointPath} belongs to a different config (seed, network, data or measures changed)`,
    );
  }
  if (checkpoint) truncateMetrics(metricsPath, checkpoint.epoch);
  else rmSync(metricsPath, { force: true });
  writeFileSync(join(outDir, "config.json"), `${JSON.stringify(config, null, 2)}\n`);

  const data = loadData(config.data, config.seed);
  const network = new Network(config.network, data.train.x.d, config.seed);
  const vars = network.namedVariables();
  const optimizer = new Optimizer(config.optimizer, vars);
  const trainer = new Trainer(
    network,
    optimizer,
    config.loss,
    config.batchSize,
    config.seed,
    config.regularization.orthonormality,
  );
  checkTargets(config, network, data.train);
  const measures = new MeasureSuite(network, data, config.measures, config.seed);
  if (checkpoint) {
    restoreVariables(vars, checkpoint.variables);
    optimizer.setState(checkpoint.optimizer);
    measures.setState(checkpoint.measures as MeasureSuiteState);
  }

  const train = toDevice(data.train);
  const test: DeviceDataset | undefined = data.test.x.n > 0 ? toDevice(data.test) : undefined;
  const records: EpochRecord[] = [];
  const stepsPerEpoch = trainer.stepsPerEpoch(train.n);
  const startEpoch = checkpoint ? checkpoint.epoch + 1 : 0;
  const lastEpoch = Math.min(config.epochs, opts.stopAfterEpoch ?? config.epochs);
  opts.onProgress?.({
    kind: "start",
    backend,
    epochs: config.epochs,
    startEpoch,
    stepsPerEpoch,
    dataId: data.id,
  });

  try {
    for (let epoch = startEpoch; epoch <= lastEpoch; epoch++) {
      const t0 = performance.now();
      if (epoch > 0) {
        trainer.trainEpoch(train, epoch, (step, steps) =>
          opts.onProgress?.({ kind: "step", epoch, step, steps }),
        );
      }
      const record: EpochRecord = {
        epoch,
        steps: epoch * stepsPerEpoch,
        train: trainer.evaluate(train, epoch, 0),
        ...(test ? { test: trainer.evaluate(test, epoch, 1) } : {}),
        seconds: { train: 0, measures: 0 },
      };
      const t1 = performance.now();
      if (epoch % config.measures.every === 0 || epoch === config.epochs) {
        opts.onProgress?.({ kind: "measures", epoch });
        record.layers = measures.compute(epoch);
        const snapshot = measures.snapshot(epoch);
        if (snapshot) {
          mkdirSync(join(outDir, "snapshots"), { recursive: true });
          writeFileSync(join(outDir, "snapshots", `epoch-${epoch}.json`), JSON.stringify(snapshot));
        }
      }
      record.seconds = { train: (t1 - t0) / 1000, measures: (performance.now() - t1) / 1000 };
      appendMetricsLine(metricsPath, record);
      records.push(record);
      if (epoch % config.checkpointEvery === 0 || epoch === lastEpoch) {
        saveCheckpoint(checkpointPath, {
          epoch,
          fingerprint,
          rng: { scheme: "counter", seed: config.seed, nextEpoch: epoch + 1 },
          variables: snapshotVariables(vars),
          optimizer: optimizer.getState(),
          measures: measures.getState(),
        });
      }
      opts.onProgress?.({ kind: "epoch", record });
    }
  } finally {
    train.dispose();
    test?.dispose();
    optimizer.dispose();
    network.dispose();
  }
  return {
    outDir,
    metricsPath,
    backend,
    epochsCompleted: Math.max(lastEpoch, checkpoint?.epoch ?? 0),
    finished: lastEpoch === config.epochs,
    records,
  };
}

function checkTargets(
  config: TrainConfig,
  network: Network,
  train: { y?: { d: number }; nClasses: number },
): void {
  if (config.loss === "cross-entropy") {
    if (train.nClasses === 0)
      throw new InvalidInputError(
        "loss: cross-entropy needs class labels (data.target 'sign', SZT or labels)",
      );
    if (network.outputDim !== train.nClasses) {
      throw new InvalidInputError(
        `network.layers: the last layer has ${network.outputDim} units, the data has ${train.nClasses} classes (cross-entropy needs one logit per class)`,
      );
    }
  } else {
    if (train.y === undefined)
      throw new InvalidInputError("loss: mse needs regression targets (data.target 'values')");
    if (network.outputDim !== train.y.d) {
      throw new InvalidInputError(
        `network.layers: the last layer has ${network.outputDim} units, the targets have ${train.y.d}`,
      );
    }
  }
}
