/**
 * Experiment 4 (Goldfeld et al., ICML 2019; shared/docs/estimators-math.md §5): the noisy tanh network
 * 12-10-7-5-4-3-2 trained on the 12-bit SZT data set with Gaussian noise β after every hidden layer
 * (β = 0.005 and 0.01; --full adds 0.02, 0.05, 0.1). Every 10 epochs: I(X;T_ℓ) by sample propagation with its
 * Monte-Carlo standard error, H(Bin(T_ℓ)) of the deterministic twin with bin size 10β, the clustering
 * measures, and scatter plots of the 3-unit layer at the epochs where its I(X;T) moves.
 * The SZT file is read from ../shared/reference/estimators/datasets/szt_var_u.json (or INFOFLOW_SZT_PATH);
 * it is never committed.
 *
 * `pnpm tsx benchmarks/experiments/04-szt-noisy-tanh/run.ts [--full] [--fresh]`
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TrainConfigInput } from "../../../packages/models/src/index";
import { experimentArgs } from "../lib/cli";
import { fmt, runHeader, since, writePlot } from "../lib/report";
import {
  movingEpochs,
  type SztPoint,
  snapshotScatter,
  sztClusteringPlot,
  sztFull,
  sztMiPlot,
  sztPoints,
  sztSummary,
  sztSummaryTable,
} from "../lib/szt";
import { readConfig, recordedSeconds, runDirOf, trainRun } from "../lib/train";

const args = experimentArgs(import.meta.url);
const here = new URL(".", import.meta.url).pathname;
const base = readConfig(join(here, "configs", "szt-tanh-b0.01.json"));

/** The β = 0.01 config with another β (the --full sweep). */
function withBeta(beta: number): TrainConfigInput {
  const name = `szt-tanh-b${beta}`;
  return {
    ...base,
    name,
    network: {
      ...base.network,
      layers: base.network.layers.map((l) => (l.noise ? { ...l, noise: { ...l.noise, std: beta } } : l)),
    },
  };
}
const configs: TrainConfigInput[] = [readConfig(join(here, "configs", "szt-tanh-b0.005.json")), base];
if (args.full) configs.push(withBeta(0.02), withBeta(0.05), withBeta(0.1));

const t0 = performance.now();
const points: SztPoint[] = [];
let recorded = 0;
const dirs = new Map<string, string>();
for (const c of configs) {
  const config = args.full ? sztFull(c) : c;
  const name = config.name!;
  const dir = runDirOf(args.outDir, name);
  dirs.set(name, dir);
  const records = await trainRun(config, dir, { fresh: args.fresh, label: name });
  recorded += recordedSeconds(records);
  points.push(...sztPoints(name, records));
}
const summary = sztSummary(points);
await writePlot(
  args.outDir,
  "mi-vs-epoch.svg",
  sztMiPlot(points, "Noisy tanh network on SZT: SP I(X;T_ℓ) and H(Bin(T_ℓ))"),
);
await writePlot(
  args.outDir,
  "clustering.svg",
  sztClusteringPlot(points, "Clustering of the deterministic twin"),
);
const scatters: string[] = [];
for (const [name, dir] of dirs) {
  const epochs = movingEpochs(points, name, 5);
  const spec = snapshotScatter(dir, 5, epochs, `${name}: the 3-unit layer T5 by class`);
  if (spec) scatters.push(await writePlot(args.outDir, `scatter-${name}.svg`, spec));
}
const last = (name: string) =>
  points.filter((p) => p.run === name && p.testAcc !== undefined).at(-1)?.testAcc;

const md = `# Experiment 4 — the SZT noisy tanh network (Goldfeld et al. 2019)

12-10-7-5-4-3-2 tanh network (biases; 2 logits) on the 12-bit data set of Shwartz-Ziv & Tishby (4096 inputs,
20 % held out), Gaussian noise N(0, β²) after every hidden tanh during training and evaluation, Adam (lr 0.01,
batch 128), cross-entropy; runs ${configs.map((c) => `\`${c.name}\``).join(", ")}. Every ${args.full ? 25 : 10} epochs, on a fixed
set of ${args.full ? "all 4096" : "512"} inputs (X uniform over them): I(X;T_ℓ) by sample propagation (${args.full ? 16 : 8} noisy
passes per input; bands are ±1.96 Monte-Carlo standard errors), H(Bin(T_ℓ)) of the noiseless twin with bin size
10β, and clustering measures of the twin (tr S_W / tr S_B, within − between class cosine similarity). Values in
bits; the maximum I(X;T) is log₂ 512 = 9 bits${args.full ? " (12 bits with all inputs)" : ""}.

${runHeader(args.size, since(t0))} Training and measures, as recorded in the runs' metrics: ${fmt(recorded, 0)} s.

![SP and binning vs epoch](mi-vs-epoch.svg)

## Compression and clustering

${sztSummaryTable(summary)}

Final test accuracy: ${configs.map((c) => `${c.name} ${last(c.name!)?.toFixed(4) ?? "—"}`).join(", ")}.

A drop of I(X;T_ℓ) is real only if it is several standard errors (column "drop"); "corr" columns are Pearson
correlations over the measure epochs of SP's I(X;T_ℓ) with H(Bin(T_ℓ)) and with the scatter ratio (small ratio =
tight classes): compression by clustering shows as a positive correlation with both.

![clustering](clustering.svg)

## The 3-unit layer at the epochs where I(X;T₅) moves

${scatters.map((f) => `![${f}](${f})`).join("\n\n")}

Per-epoch numbers: \`training/<run>/metrics.jsonl\` (each run's own \`train\` plots are written there too, not committed).

## Command

\`pnpm tsx benchmarks/experiments/04-szt-noisy-tanh/run.ts\` (\`--full\`: 1000 epochs, all 4096 inputs, 16
passes per input, β ∈ {0.005, 0.01, 0.02, 0.05, 0.1}). One run alone:
\`pnpm infoflow train benchmarks/experiments/04-szt-noisy-tanh/configs/szt-tanh-b0.01.json\`.
`;
writeFileSync(join(args.outDir, "report.md"), md);
console.log(`[04] report: ${join(args.outDir, "report.md")}`);
