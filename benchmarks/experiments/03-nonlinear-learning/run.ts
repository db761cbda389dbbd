/**
 * Experiment 3 (Gabrié et al., NeurIPS 2018, learning with non-linear networks; replica-math.md §7.3–7.6):
 * students whose leading layers are USV layers, so that the replica formula gives H(T_ℓ) and I(X;T_ℓ) of
 * those layers during training, on two synthetic tasks:
 *  a. `generative-relu`: the decoder–encoder classification of lsd's example (latent 20 → data 100 with the
 *     decoder noise applied to the data; student 100-200-100-50-20-2, linear/ReLU, USV on the first four);
 *  b. `ts-<activation>-c<scale>`: teacher–student binary classification, student 100-100-100-2 with linear,
 *     ReLU or hard-tanh USV layers initialised at weight scale c ∈ {1, 3}.
 * Per run and tracked layer: I(X;T_ℓ) over training, its compression (max over epochs − final value) and
 * whether it goes with generalisation (test accuracy, test − train loss).
 *
 * `pnpm tsx benchmarks/experiments/03-nonlinear-learning/run.ts [--full] [--fresh]`
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { EpochRecord } from "../../../packages/models/src/index";
import { experimentArgs } from "../lib/cli";
import { fmt, type PlotSpec, runHeader, since, table, writePlot } from "../lib/report";
import { spearman } from "../lib/stats";
import { configNames, readConfig, recordedSeconds, runDirOf, trainRun } from "../lib/train";

const args = experimentArgs(import.meta.url);
const here = new URL(".", import.meta.url).pathname;
const names = configNames(join(here, "configs"));

const t0 = performance.now();
const runs: Array<{ name: string; records: EpochRecord[] }> = [];
for (const name of names) {
  const base = readConfig(join(here, "configs", `${name}.json`));
  // --full: lsd's 2·γ·n₀ = 20 000 samples (half for validation) for every run (the defaults use 5000 + 5000
  // for the teacher–student runs); both sizes train lsd's 100 epochs
  const config = args.full
    ? { ...base, data: { ...(base.data as object), nTrain: 10000, nTest: 10000 } }
    : base;
  runs.push({
    name,
    records: await trainRun(config as typeof base, runDirOf(args.outDir, name), {
      fresh: args.fresh,
      label: name,
    }),
  });
}

interface Point {
  run: string;
  epoch: number;
  layer: number;
  h: number;
  i: number;
  converged: boolean;
  testAcc: number;
  trainAcc: number;
  testLoss: number;
  trainLoss: number;
}
const points: Point[] = runs.flatMap(({ name, records }) =>
  records.flatMap((r) =>
    (r.layers ?? [])
      .filter((l) => l.replica !== undefined && !l.replica.error)
      .map((l) => ({
        run: name,
        epoch: r.epoch,
        layer: l.layer,
        h: l.replica!.entropyPerUnit,
        i: l.replica!.miPerUnit,
        converged: l.replica!.converged,
        testAcc: r.test?.accuracy ?? Number.NaN,
        trainAcc: r.train.accuracy ?? Number.NaN,
        testLoss: r.test?.loss ?? Number.NaN,
        trainLoss: r.train.loss,
      })),
  ),
);

// compression per run and layer: the drop of I(X;T_ℓ) from its maximum over training to its final value
const summary = runs.flatMap(({ name, records }) => {
  const last = records[records.length - 1];
  const layers = [...new Set(points.filter((p) => p.run === name).map((p) => p.layer))].sort();
  return layers.map((layer) => {
    const ps = points.filter((p) => p.run === name && p.layer === layer).sort((a, b) => a.epoch - b.epoch);
    const max = ps.reduce((a, p) => (p.i > a.i ? p : a));
    const first = ps[0];
    const final = ps[ps.length - 1];
    return {
      run: name,
      layer,
      first: first.i,
      max: max.i,
      maxEpoch: max.epoch,
      final: final.i,
      compression: max.i - final.i,
      relCompression: (max.i - final.i) / Math.max(Math.abs(max.i), 1e-12),
      testAcc: last.test?.accuracy ?? Number.NaN,
      bestTestAcc: Math.max(...records.map((r) => r.test?.accuracy ?? Number.NaN)),
      gap: (last.test?.loss ?? Number.NaN) - last.train.loss,
      unconverged: ps.filter((p) => !p.converged).length,
      measured: ps.length,
    };
  });
});
// does compression go with generalisation? Spearman rank correlation across runs (deepest tracked layer)
const deepest = runs.map(({ name }) => {
  const s = summary.filter((x) => x.run === name);
  return s[s.length - 1];
});
const rhoAcc = spearman(
  deepest.map((d) => d.relCompression),
  deepest.map((d) => d.testAcc),
);
const rhoGap = spearman(
  deepest.map((d) => d.relCompression),
  deepest.map((d) => d.gap),
);
const compressing = summary.filter((s) => s.relCompression > 0.01);

// plots
const miPlot: PlotSpec = {
  $schema: "https://vega.github.io/schema/vega-lite/v6.json",
  title: "Replica I(X;T_ℓ) per unit during training (USV layers)",
  data: { values: points.map((p) => ({ ...p, layer: `T${p.layer}` })) },
  facet: { field: "run", type: "nominal", title: null },
  columns: 4,
  resolve: { scale: { y: "independent" } },
  spec: {
    width: 200,
    height: 150,
    mark: { type: "line", point: { size: 10 } },
    encoding: {
      x: { field: "epoch", type: "quantitative" },
      y: { field: "i", type: "quantitative", title: "I(X;T_ℓ)/n₀ [nats]", scale: { zero: false } },
      color: { field: "layer", type: "nominal" },
    },
  },
};
const entropyPlot: PlotSpec = {
  ...miPlot,
  title: "Replica H(T_ℓ) per unit during training (USV layers)",
  spec: {
    ...(miPlot as { spec: object }).spec,
    encoding: {
      x: { field: "epoch", type: "quantitative" },
      y: { field: "h", type: "quantitative", title: "H(T_ℓ)/n₀ [nats]", scale: { zero: false } },
      color: { field: "layer", type: "nominal" },
    },
  },
} as PlotSpec;
const planePlot: PlotSpec = {
  $schema: "https://vega.github.io/schema/vega-lite/v6.json",
  title: "Information plane: I(X;T_ℓ) vs test accuracy, coloured by epoch",
  data: { values: points.map((p) => ({ ...p, layer: `T${p.layer}` })) },
  facet: { field: "run", type: "nominal", title: null },
  columns: 4,
  resolve: { scale: { x: "independent", y: "independent" } },
  spec: {
    width: 200,
    height: 150,
    layer: [
      {
        mark: { type: "line", color: "#bbbbbb", strokeWidth: 1 },
        encoding: {
          x: { field: "i", type: "quantitative", title: "I(X;T_ℓ)/n₀", scale: { zero: false } },
          y: { field: "testAcc", type: "quantitative", title: "test accuracy", scale: { zero: false } },
          detail: { field: "layer" },
          order: { field: "epoch" },
        },
      },
      {
        mark: { type: "point", filled: true },
        encoding: {
          x: { field: "i", type: "quantitative" },
          y: { field: "testAcc", type: "quantitative" },
          color: { field: "epoch", type: "quantitative", scale: { scheme: "viridis" } },
          shape: { field: "layer", type: "nominal" },
        },
      },
    ],
  },
};
const lossRows = runs.flatMap(({ name, records }) =>
  records.flatMap((r) => [
    { run: name, epoch: r.epoch, split: "train", loss: r.train.loss, acc: r.train.accuracy },
    ...(r.test
      ? [{ run: name, epoch: r.epoch, split: "test", loss: r.test.loss, acc: r.test.accuracy }]
      : []),
  ]),
);
const lossPlot: PlotSpec = {
  $schema: "https://vega.github.io/schema/vega-lite/v6.json",
  title: "Loss (cross-entropy) during training",
  data: { values: lossRows },
  facet: { field: "run", type: "nominal", title: null },
  columns: 4,
  resolve: { scale: { y: "independent" } },
  spec: {
    width: 200,
    height: 150,
    mark: "line",
    encoding: {
      x: { field: "epoch", type: "quantitative" },
      y: { field: "loss", type: "quantitative" },
      color: { field: "split", type: "nominal" },
    },
  },
};
await writePlot(args.outDir, "mi-vs-epoch.svg", miPlot);
await writePlot(args.outDir, "entropy-vs-epoch.svg", entropyPlot);
await writePlot(args.outDir, "information-plane.svg", planePlot);
await writePlot(args.outDir, "loss.svg", lossPlot);

const md = `# Experiment 3 — non-linear networks during learning (Gabrié et al. 2018)

USV students (only the singular values of the leading layers train, so their weights stay orthogonally invariant
and the replica formula holds at every epoch). Runs: ${names.map((n) => `\`${n}\``).join(", ")}.
Generative task: latent Y ~ N(0, I₂₀) → data X = W·Y + N(0, 0.01·I₁₀₀) — the decoder noise is applied to the
generated data here, whereas lsd's Keras \`predict\` silently dropped it while its replica chain assumed it
(replica-math §7.3, §8.8 item 9) — class sign(Y₁); values per unit of the latent dimension. Teacher–student task:
X ~ N(0, I₁₀₀), label sign(wᵀX + N(0, 0.01)); values per input unit. Observation noise 1e-5 on each tracked layer,
noiseless hidden layers (so the replica "mi" is I(X;T_ℓ)). ${runs[0]?.records.length ? `${runs[0].records.length - 1}` : "?"} epochs.

${runHeader(args.size, since(t0))} Training and measures, as recorded in the runs' metrics: ${fmt(
  runs.reduce((a, r) => a + recordedSeconds(r.records), 0),
  0,
)} s.

![I(X;T) vs epoch](mi-vs-epoch.svg)

## Compression and generalisation

"Compression" of a layer: max over epochs of I(X;T_ℓ) minus its final value (per unit; relative to the maximum
in the next column).

${table(
  [
    "run",
    "layer",
    "I/n₀ epoch 0",
    "max (epoch)",
    "final",
    "compression",
    "relative",
    "final test acc",
    "best test acc",
    "test − train loss",
    "unconverged",
  ],
  summary.map((s) => [
    s.run,
    `T${s.layer}`,
    fmt(s.first, 4),
    `${fmt(s.max, 4)} (${s.maxEpoch})`,
    fmt(s.final, 4),
    fmt(s.compression, 4),
    `${fmt(100 * s.relCompression, 2)} %`,
    fmt(s.testAcc, 4),
    fmt(s.bestTestAcc, 4),
    fmt(s.gap, 4),
    `${s.unconverged}/${s.measured}`,
  ]),
)}

- Layers that compress by more than 1 % of their maximum: ${compressing.length === 0 ? "none" : compressing.map((s) => `${s.run} T${s.layer} (${fmt(100 * s.relCompression, 1)} %)`).join(", ")}.
- Across the ${runs.length} runs, the Spearman rank correlation between the relative compression of the deepest
  tracked layer and the final test accuracy is ${fmt(rhoAcc, 2)}, and with the generalisation gap (test − train
  loss) ${fmt(rhoGap, 2)} (${runs.length} runs: a sign, not a test).

![information plane](information-plane.svg)

![H(T) vs epoch](entropy-vs-epoch.svg)

![loss](loss.svg)

Per-epoch numbers: \`training/<run>/metrics.jsonl\` (each run's own \`train\` plots are written there too, not committed).

## Command

\`pnpm tsx benchmarks/experiments/03-nonlinear-learning/run.ts\` (\`--full\`: 10 000 training samples for every
run, as lsd). One run alone: \`pnpm infoflow train benchmarks/experiments/03-nonlinear-learning/configs/<run>.json\`.
`;
writeFileSync(join(args.outDir, "report.md"), md);
console.log(`[03] report: ${join(args.outDir, "report.md")}`);
for (const s of summary)
  console.log(
    `[03] ${s.run} T${s.layer}: I ${fmt(s.first, 3)} → max ${fmt(s.max, 3)} → ${fmt(s.final, 3)}; test acc ${fmt(s.testAcc, 3)}`,
  );
