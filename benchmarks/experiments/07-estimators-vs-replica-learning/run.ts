/**
 * Experiment 7 (neither paper had it): the non-parametric estimators against the replica truth during
 * learning. The USV students of experiments 2 (linear) and 3 (generative, ReLU) are trained again with the
 * same seeds, and every few epochs each tracked layer T_ℓ is measured both ways on the same network:
 *  - truth: the replica H(T_ℓ), I(X;T_ℓ) of T_ℓ = (noiseless layer) + N(0, Δ·I) (exact log-det too for the
 *    linear student);
 *  - estimators on 500 inputs: Kozachenko–Leonenko Ĥ and KSG-1 Î(X;T_ℓ) on the noiseless activations plus
 *    N(0, Δ·I); the Kolchinsky–Tracey bounds with variance Δ (Î = Ĥ − (n_ℓ/2)·ln(2πeΔ)).
 * Δ = 1e-5 (the papers' observation noise) and 0.1 (a noise level at which estimators have a chance).
 * Question: does an estimator see the compression the replica value shows — or invent one?
 *
 * `pnpm tsx benchmarks/experiments/07-estimators-vs-replica-learning/run.ts [--full] [--fresh]`
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { type EpochRecord, parseTrainConfig } from "../../../packages/models/src/index";
import { experimentArgs } from "../lib/cli";
import { fmt, type PlotSpec, runHeader, since, table, writePlot } from "../lib/report";
import { pearson } from "../lib/stats";
import { configNames, readConfig, recordedSeconds, runDirOf, trainRun } from "../lib/train";

const args = experimentArgs(import.meta.url);
const here = new URL(".", import.meta.url).pathname;
const names = configNames(join(here, "configs"));

const t0 = performance.now();
const runs: Array<{ name: string; delta: number; records: EpochRecord[] }> = [];
for (const name of names) {
  const base = readConfig(join(here, "configs", `${name}.json`));
  // --full: 100 epochs and every input of the validation split's size (1000 inputs) for the estimators
  const config = args.full
    ? { ...base, epochs: 100, measures: { ...base.measures, every: 5, maxSamples: 1000 } }
    : base;
  const delta = parseTrainConfig(base).measures.replica?.outputNoise ?? Number.NaN;
  runs.push({
    name,
    delta,
    records: await trainRun(config as typeof base, runDirOf(args.outDir, name), {
      fresh: args.fresh,
      label: name,
    }),
  });
}

type Method = "replica" | "exact" | "kl" | "ksg1" | "kde-upper" | "kde-lower";
interface Row {
  run: string;
  epoch: number;
  layer: number;
  q: "H" | "I";
  method: Method;
  value: number;
}
const rows: Row[] = [];
for (const { name, delta, records } of runs) {
  for (const r of records) {
    for (const l of r.layers ?? []) {
      if (!l.replica || l.replica.error) continue;
      const n0 = l.replica.entropy / l.replica.entropyPerUnit;
      const put = (q: "H" | "I", method: Method, total: number | undefined) => {
        if (total !== undefined && Number.isFinite(total))
          rows.push({ run: name, epoch: r.epoch, layer: l.layer, q, method, value: total / n0 });
      };
      put("H", "replica", l.replica.entropy);
      put("I", "replica", l.replica.mi);
      if (l.exact) {
        put("H", "exact", l.exact.entropy);
        put("I", "exact", l.exact.mi);
      }
      const e = l.estimators ?? {};
      const hz = (l.units / 2) * Math.log(2 * Math.PI * Math.E * delta);
      put("H", "kl", e.kl?.value);
      put("I", "ksg1", e.ksg1?.value);
      put("H", "kde-upper", e["kde-upper"]?.value);
      put("H", "kde-lower", e["kde-lower"]?.value);
      put("I", "kde-upper", e["kde-upper"] ? e["kde-upper"].value - hz : undefined);
      put("I", "kde-lower", e["kde-lower"] ? e["kde-lower"].value - hz : undefined);
    }
  }
}

/** Relative compression of a series: (max − final)/|max| over epochs (0 when the final value is the max). */
function compression(series: Row[]): number {
  const s = [...series].sort((a, b) => a.epoch - b.epoch);
  const max = Math.max(...s.map((r) => r.value));
  return (max - s[s.length - 1].value) / Math.max(Math.abs(max), 1e-12);
}
const summary: (string | number)[][] = [];
for (const { name } of runs) {
  const layers = [...new Set(rows.filter((r) => r.run === name).map((r) => r.layer))].sort();
  for (const layer of layers)
    for (const q of ["H", "I"] as const) {
      const truth = rows.filter(
        (r) => r.run === name && r.layer === layer && r.q === q && r.method === "replica",
      );
      truth.sort((a, b) => a.epoch - b.epoch);
      const truthAt = new Map(truth.map((r) => [r.epoch, r.value]));
      for (const method of ["exact", "kl", "ksg1", "kde-upper", "kde-lower"] as Method[]) {
        const est = rows.filter(
          (r) =>
            r.run === name && r.layer === layer && r.q === q && r.method === method && truthAt.has(r.epoch),
        );
        if (est.length === 0) continue;
        est.sort((a, b) => a.epoch - b.epoch);
        const err = est.map((r) => r.value - truthAt.get(r.epoch)!);
        const bias = err.reduce((a, v) => a + v, 0) / err.length;
        summary.push([
          name,
          `T${layer}`,
          q,
          method,
          fmt(truth[0].value, 3),
          fmt(bias, 3),
          fmt(
            pearson(
              est.map((r) => r.value),
              est.map((r) => truthAt.get(r.epoch)!),
            ),
            2,
          ),
          `${fmt(100 * compression(truth), 1)} %`,
          `${fmt(100 * compression(est), 1)} %`,
        ]);
      }
    }
}

const COLOURS = {
  domain: ["replica", "exact", "kl", "ksg1", "kde-upper", "kde-lower"],
  range: ["#000000", "#e6550d", "#3182bd", "#756bb1", "#31a354", "#a1d99b"],
};
const plots: string[] = [];
for (const { name } of runs) {
  const spec: PlotSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: `${name}: estimators vs replica during training (nats per unit)`,
    data: {
      values: rows
        .filter((r) => r.run === name)
        .map((r) => ({ ...r, layer: `T${r.layer}`, q: r.q === "H" ? "H(T_ℓ)/n₀" : "I(X;T_ℓ)/n₀" })),
    },
    facet: {
      row: { field: "q", type: "nominal", title: null },
      column: { field: "layer", type: "nominal", title: null },
    },
    resolve: { scale: { y: "independent" } },
    spec: {
      width: 200,
      height: 150,
      mark: { type: "line", point: { size: 10 } },
      encoding: {
        x: { field: "epoch", type: "quantitative" },
        y: { field: "value", type: "quantitative", title: null, scale: { zero: false } },
        color: { field: "method", type: "nominal", title: null, scale: COLOURS },
      },
    },
  };
  plots.push(await writePlot(args.outDir, `${name}.svg`, spec));
}

const md = `# Experiment 7 — estimators vs replica truth during learning

The USV students of experiment 2 (linear regression) and experiment 3 (generative classification, ReLU) are
trained again with their own seeds; every 3 (linear) or 4 (generative, 100 epochs) epochs each tracked layer is measured by the replica formula (the
truth for T_ℓ = noiseless layer + N(0, Δ·I); for the linear student also the exact log-det) and by the
non-parametric estimators on 500 inputs of the same network at the same epoch. Runs:
${runs.map((r) => `\`${r.name}\` (Δ = ${r.delta})`).join(", ")}. All values in nats per unit of the chain's input
(n₀ = 100 for the linear student, the latent dimension 20 for the generative one).

${runHeader(args.size, since(t0))} Training and measures, as recorded in the runs' metrics: ${fmt(
  runs.reduce((a, r) => a + recordedSeconds(r.records), 0),
  0,
)} s.

${plots.map((f) => `![${f}](${f})`).join("\n\n")}

## Bias, tracking and compression

"bias": mean (estimate − replica) over the measure epochs; "corr": Pearson correlation of the estimate with the
replica value over epochs (does it follow the trend?); "compression": (max − final)/|max| of the series — the
replica column is the truth, a non-zero estimator column where the truth is ~0 is an invented compression, and
the reverse a missed one.

${table(["run", "layer", "quantity", "method", "truth at epoch 0", "bias", "corr", "compression (replica)", "compression (method)"], summary)}

Per-epoch numbers: \`training/<run>/metrics.jsonl\`.

## Command

\`pnpm tsx benchmarks/experiments/07-estimators-vs-replica-learning/run.ts\` (\`--full\`: 100 epochs, measures every
5 epochs on 1000 inputs).
`;
writeFileSync(join(args.outDir, "report.md"), md);
console.log(`[07] report: ${join(args.outDir, "report.md")}`);
