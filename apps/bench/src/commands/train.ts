/**
 * `infoflow train CONFIG.json [--resume] [--out DIR] [--backend NAME]`: train a network described by
 * a JSON config (validated by `trainConfigSchema` of @infoflow/models), stream per-epoch metrics to
 * `<out>/metrics.jsonl`, checkpoint every `checkpointEvery` epochs, and at the end write the
 * information-plane, MI-vs-epoch and loss plots as SVG next to the metrics.
 */
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { EpochRecord } from "@infoflow/models";
import {
  BACKEND_NAMES,
  type BackendName,
  parseTrainConfig,
  readMetrics,
  runTraining,
} from "@infoflow/models";
import type { Command } from "commander";
import { CliError } from "../errors";
import { TrainProgress } from "../train/trainProgress";
import { writeTrainPlots } from "../train/writeTrainPlots";

interface TrainFlags {
  resume?: boolean;
  out?: string;
  backend?: string;
  stopAfterEpoch?: string;
  plots: boolean;
}

function readConfig(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new CliError(`cannot read config file ${path}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CliError(`${path}: not valid JSON (${(err as Error).message.split("\n")[0]})`);
  }
}

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new CliError(`${flag}: expected a non-negative integer, got '${value}'`);
  return n;
}

export async function trainCommand(configPath: string, flags: TrainFlags): Promise<void> {
  const config = parseTrainConfig(readConfig(configPath));
  if (flags.backend !== undefined && !BACKEND_NAMES.includes(flags.backend as BackendName)) {
    throw new CliError(`--backend: unknown backend '${flags.backend}' (use ${BACKEND_NAMES.join(", ")})`);
  }
  const name = config.name ?? basename(configPath).replace(/\.json$/, "");
  const outDir = flags.out ?? config.outDir ?? join("runs", name);
  const tty = process.stderr.isTTY === true && !process.env.CI;
  const progress = new TrainProgress((s) => process.stderr.write(s), tty);
  const summary = await runTraining(
    { ...config, ...(flags.backend ? { backend: flags.backend as BackendName } : {}) },
    {
      outDir,
      resume: flags.resume ?? false,
      stopAfterEpoch: positiveInt(flags.stopAfterEpoch, "--stop-after-epoch"),
      onProgress: progress.handle,
    },
  );
  const records = readMetrics<EpochRecord>(summary.metricsPath);
  const written = flags.plots ? await writeTrainPlots(records, summary.outDir, name) : [];
  const state = summary.finished
    ? "finished"
    : `stopped after epoch ${summary.epochsCompleted} (continue with --resume)`;
  process.stdout.write(`${state}: ${summary.metricsPath}\n`);
  for (const file of written) process.stdout.write(`plot: ${file}\n`);
}

export function registerTrain(program: Command): void {
  program
    .command("train")
    .description(
      "train a network and track the information measures of every layer (metrics.jsonl + SVG plots)",
    )
    .argument("<config>", "JSON config (network, data, loss, optimizer, epochs, measures, seed, outDir)")
    .option("--resume", "continue the run in the output directory from its last checkpoint")
    .option("--out <dir>", "run directory (default: the config's outDir, else runs/<config name>)")
    .option("--backend <name>", `tfjs backend to prefer (${BACKEND_NAMES.join(", ")})`)
    .option("--stop-after-epoch <n>", "checkpoint and stop after this epoch (resume later with --resume)")
    .option("--no-plots", "do not write the SVG plots")
    .action(async (config: string, flags: TrainFlags) => {
      await trainCommand(config, flags);
    });
}
