/**
 * Run one training config for an experiment through the same API the `infoflow train` command uses
 * (`runTraining` of @infoflow/models, then the command's plots), resuming a run that was interrupted, and
 * return its per-epoch records. Each config in an experiment's `configs/` also runs on its own with
 * `pnpm infoflow train <config>`; the experiment runner adds the comparison report on top.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { epochLine } from "../../../apps/bench/src/train/trainProgress";
import { writeTrainPlots } from "../../../apps/bench/src/train/writeTrainPlots";
import {
  type EpochRecord,
  parseTrainConfig,
  readMetrics,
  runTraining,
  type TrainConfigInput,
} from "../../../packages/models/src/index";

/** A config file as JSON (validated later by `runTraining`). */
export function readConfig(path: string): TrainConfigInput {
  return JSON.parse(readFileSync(path, "utf8")) as TrainConfigInput;
}

/**
 * Train `config` in `runDir` (resuming from its checkpoint; `fresh` deletes the directory first), print
 * one line per epoch, write the `train` command's SVG plots there, and return every epoch's record.
 */
export async function trainRun(
  config: TrainConfigInput,
  runDir: string,
  opts: { fresh?: boolean; label?: string } = {},
): Promise<EpochRecord[]> {
  if (opts.fresh && existsSync(runDir)) rmSync(runDir, { recursive: true });
  const parsed = parseTrainConfig(config);
  const label = opts.label ?? parsed.name ?? runDir;
  const summary = await runTraining(parsed, {
    outDir: runDir,
    resume: true,
    quiet: true,
    onProgress: (e) => {
      if (e.kind === "start")
        console.log(
          `[${label}] ${e.backend}, ${e.epochs} epochs × ${e.stepsPerEpoch} steps from epoch ${e.startEpoch}`,
        );
      if (e.kind === "epoch") console.log(`[${label}] ${epochLine(e.record, parsed.epochs)}`);
    },
  });
  const records = readMetrics<EpochRecord>(summary.metricsPath);
  await writeTrainPlots(records, runDir, label);
  return records;
}

/** Path of a run directory inside an experiment's report directory. */
export function runDirOf(outDir: string, name: string): string {
  return join(outDir, "training", name);
}

/** The names (without `.json`) of the configs in a directory, sorted. */
export function configNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.replace(/\.json$/, ""))
    .sort();
}

/** Training plus measure time recorded in a run's metrics (every session of a resumed run), seconds. */
export function recordedSeconds(records: readonly EpochRecord[]): number {
  return records.reduce((a, r) => a + r.seconds.train + r.seconds.measures, 0);
}
