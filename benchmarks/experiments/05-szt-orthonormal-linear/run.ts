/**
 * Experiment 5 (Goldfeld et al., ICML 2019): does compression of I(X;T_ℓ) in the noisy SZT network disappear
 *  - with the orthonormality regulariser λ·Σ_ℓ‖W_ℓW_ℓᵀ − I‖²_F (λ = 0.1; weights pushed towards orthonormal,
 *    so the tanh units cannot saturate by growing weights), and
 *  - with linear activations (no saturation at all)?
 * Compared with the unregularised tanh run of experiment 4 (β = 0.01), trained here into experiment 4's run
 * directory when it is not there yet (same config, same numbers).
 *
 * `pnpm tsx benchmarks/experiments/05-szt-orthonormal-linear/run.ts [--full] [--fresh]`
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { experimentArgs } from "../lib/cli";
import { fmt, runHeader, since, table, writePlot } from "../lib/report";
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
const exp4Dir = join(here, "..", "04-szt-noisy-tanh");
const runs = [
  {
    file: join(exp4Dir, "configs", "szt-tanh-b0.01.json"),
    outDir: join(exp4Dir, args.full ? "report-full" : "report"),
  },
  { file: join(here, "configs", "szt-tanh-b0.01-orthonormal.json"), outDir: args.outDir },
  { file: join(here, "configs", "szt-linear-b0.01.json"), outDir: args.outDir },
];

const t0 = performance.now();
const points: SztPoint[] = [];
let recorded = 0;
const weightRows: (string | number)[][] = [];
const weightPoints: Array<{ run: string; epoch: number; layer: string; value: number }> = [];
const scatters: string[] = [];
for (const r of runs) {
  const c = readConfig(r.file);
  const config = args.full ? sztFull(c) : c;
  const name = config.name!;
  const dir = runDirOf(r.outDir, name);
  const records = await trainRun(config, dir, { fresh: args.fresh && r.outDir === args.outDir, label: name });
  recorded += recordedSeconds(records);
  const pts = sztPoints(name, records);
  points.push(...pts);
  // ‖G_ℓ − I‖_F per layer at every measured epoch (measures.weights), first and last in the table
  const withWeights = records.filter((rec) => rec.layers?.some((l) => l.weights !== undefined));
  for (const rec of withWeights) {
    for (const l of rec.layers ?? []) {
      if (l.weights)
        weightPoints.push({
          run: name,
          epoch: rec.epoch,
          layer: `W${l.layer}`,
          value: l.weights.gramDeviation,
        });
    }
  }
  for (const rec of [withWeights[0], withWeights.at(-1)]) {
    if (rec === undefined) continue;
    weightRows.push([
      name,
      rec.epoch,
      ...(rec.layers ?? []).map((l) =>
        l.weights ? `${fmt(l.weights.gramDeviation, 2)} / ${fmt(l.weights.biasMaxAbs, 2)}` : "—",
      ),
    ]);
  }
  // the reference run's scatter plot is in experiment 4's report
  const spec =
    r.outDir === args.outDir
      ? snapshotScatter(
          dir,
          5,
          movingEpochs(pts, name, 5),
          `${name}: the 3-unit layer T5 by class`,
          !name.includes("linear"),
        )
      : undefined;
  if (spec) scatters.push(await writePlot(args.outDir, `scatter-${name}.svg`, spec));
}
const summary = sztSummary(points);
await writePlot(
  args.outDir,
  "mi-vs-epoch.svg",
  sztMiPlot(points, "SZT, β = 0.01: tanh vs orthonormal-regularised tanh vs linear"),
);
await writePlot(
  args.outDir,
  "clustering.svg",
  sztClusteringPlot(points, "Clustering of the deterministic twin"),
);
await writePlot(args.outDir, "orthonormality.svg", {
  $schema: "https://vega.github.io/schema/vega-lite/v6.json",
  title: "Distance from orthonormal ‖G − I‖_F of each layer's weights",
  data: { values: weightPoints },
  facet: { column: { field: "run", type: "nominal", title: null } },
  spec: {
    width: 260,
    height: 180,
    mark: { type: "line", point: { size: 10 } },
    encoding: {
      x: { field: "epoch", type: "quantitative" },
      y: { field: "value", type: "quantitative", title: "‖G − I‖_F", scale: { type: "log" } },
      color: { field: "layer", type: "nominal", title: "layer" },
    },
  },
});
const acc = (name: string) => points.filter((p) => p.run === name && p.testAcc !== undefined).at(-1)?.testAcc;
const names = [...new Set(points.map((p) => p.run))];

const md = `# Experiment 5 — orthonormality regulariser and linear activations (Goldfeld et al. 2019)

The β = 0.01 SZT network of experiment 4 (\`szt-tanh-b0.01\`, unregularised, the reference), the same network
with the orthonormality regulariser 0.1·Σ_ℓ‖W_ℓW_ℓᵀ − I‖²_F added to the loss (\`szt-tanh-b0.01-orthonormal\`), and
the same network with linear activations (\`szt-linear-b0.01\`). Measures as in experiment 4 (bits).

${runHeader(args.size, since(t0))} Training and measures, as recorded in the runs' metrics: ${fmt(recorded, 0)} s.

![SP and binning vs epoch](mi-vs-epoch.svg)

## Compression per layer

${sztSummaryTable(summary)}

Final test accuracy: ${names.map((n) => `${n} ${acc(n)?.toFixed(4) ?? "—"}`).join(", ")}.

Did the regulariser make the weights orthonormal? ‖G_ℓ − I‖_F (G_ℓ the smaller Gram matrix of W_ℓ; 0 = orthonormal)
and max |b_ℓ|, measured every 10 epochs during training (\`measures.weights\`); first and last measured epoch:

${table(["run", "epoch", ...[1, 2, 3, 4, 5, 6].map((l) => `W${l}: ‖G − I‖_F / max abs b`)], weightRows)}

![orthonormality](orthonormality.svg)

![clustering](clustering.svg)

The 3-unit layer T5 at the epochs where its I(X;T) moves (the unregularised tanh run's is in experiment 4's report):

${scatters.map((f) => `![${f}](${f})`).join("\n\n")}

## Command

\`pnpm tsx benchmarks/experiments/05-szt-orthonormal-linear/run.ts\` (\`--full\`: as experiment 4's --full).
`;
writeFileSync(join(args.outDir, "report.md"), md);
console.log(`[05] report: ${join(args.outDir, "report.md")}`);
