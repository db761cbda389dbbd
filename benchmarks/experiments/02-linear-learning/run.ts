/**
 * Experiment 2 (Gabrié et al., NeurIPS 2018, learning with linear networks; shared/docs/replica-math.md
 * §7.2–7.5): a linear teacher–student regression whose student keeps USV layers (W = U·diag(s)·V with U, V
 * fixed Haar, only s trained), so the replica formula applies at every epoch; its H(T_ℓ) and I(X;T_ℓ) are
 * compared every epoch with the exact finite-size values ½·log det(2πe(Σ_ℓ + Δ·I)) (lsd's `test`).
 * The config (`configs/linear-usv.json`) is lsd's example script at its own sizes except the number of
 * epochs (30 by default, lsd's 100 with --full).
 *
 * `pnpm tsx benchmarks/experiments/02-linear-learning/run.ts [--full] [--fresh]`
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { linearGaussianFiniteSizeGap } from "../../../packages/tasks/src/index";
import { experimentArgs } from "../lib/cli";
import { fmt, type PlotSpec, runHeader, sci, since, table, writePlot } from "../lib/report";
import { openStore } from "../lib/store";
import { readConfig, recordedSeconds, runDirOf, trainRun } from "../lib/train";

const args = experimentArgs(import.meta.url);
const here = new URL(".", import.meta.url).pathname;
const base = readConfig(join(here, "configs", "linear-usv.json"));
const config = args.full ? { ...base, epochs: 100 } : base;

const t0 = performance.now();
const records = await trainRun(config, runDirOf(args.outDir, "linear-usv"), {
  fresh: args.fresh,
  label: "02",
});

interface Row {
  epoch: number;
  layer: number;
  hReplica: number;
  hExact: number;
  iReplica: number;
  iExact: number;
  converged: boolean;
}
const rows: Row[] = records.flatMap((r) =>
  (r.layers ?? [])
    .filter((l) => l.replica !== undefined && l.exact !== undefined)
    .map((l) => ({
      epoch: r.epoch,
      layer: l.layer,
      hReplica: l.replica!.entropyPerUnit,
      hExact: l.exact!.entropyPerUnit,
      iReplica: l.replica!.miPerUnit,
      iExact: l.exact!.miPerUnit,
      converged: l.replica!.converged,
    })),
);
const layers = [...new Set(rows.map((r) => r.layer))].sort();
const perLayer = layers.map((layer) => {
  const rs = rows.filter((r) => r.layer === layer);
  const dh = rs.map((r) => Math.abs(r.hReplica - r.hExact));
  const di = rs.map((r) => Math.abs(r.iReplica - r.iExact));
  const first = rs[0];
  const last = rs[rs.length - 1];
  return {
    layer,
    maxDh: Math.max(...dh),
    maxDi: Math.max(...di),
    meanDh: dh.reduce((a, v) => a + v, 0) / dh.length,
    under1e6: rs.filter(
      (r) => Math.abs(r.hReplica - r.hExact) <= 1e-6 && Math.abs(r.iReplica - r.iExact) <= 1e-6,
    ).length,
    epochs: rs.length,
    unconverged: rs.filter((r) => !r.converged).length,
    first,
    last,
  };
});

// the same gap without training: random G/√n layers (the student's initial law), 2 and 3 layers, as width grows
const WIDTHS = args.full ? [50, 100, 200, 400, 800] : [50, 100, 200, 400];
const SEEDS = [1, 2, 3, 4, 5, 6];
const NOISES = [1e-2, 1e-5];
const store = openStore<{ depth: number; noise: number; n0: number; rms: number; mean: number }>(
  join(args.outDir, "finite-size.jsonl"),
  args.fresh,
);
const finiteSize = [2, 3].flatMap((depth) =>
  NOISES.flatMap((noise) =>
    WIDTHS.map((n0) => {
      const key = `depth=${depth} noise=${noise} n0=${n0}`;
      if (!store.has(key)) {
        const gaps = linearGaussianFiniteSizeGap({
          n0s: [n0],
          alphas: new Array(depth).fill(1),
          varNoise: noise,
          seeds: SEEDS,
        }).map((r) => r.gapEmpirical);
        store.put(key, {
          depth,
          noise,
          n0,
          rms: Math.sqrt(gaps.reduce((a, g) => a + g * g, 0) / gaps.length),
          mean: gaps.reduce((a, g) => a + g, 0) / gaps.length,
        });
        console.log(
          `[02] finite-size gap, ${depth} layers, Δ = ${noise}, n0 = ${n0}: rms ${sci(store.get(key)!.rms, 2)}`,
        );
      }
      return store.get(key)!;
    }),
  ),
);
const slope = (depth: number, noise: number) => {
  const f = finiteSize.filter((r) => r.depth === depth && r.noise === noise);
  const xs = f.map((r) => Math.log(r.n0));
  const ys = f.map((r) => Math.log(r.rms));
  const mx = xs.reduce((a, v) => a + v, 0) / xs.length;
  const my = ys.reduce((a, v) => a + v, 0) / ys.length;
  return xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
};

const plotRows = rows.flatMap((r) => [
  { epoch: r.epoch, layer: `T${r.layer}`, q: "H(T_ℓ)/n₀", method: "replica", value: r.hReplica },
  { epoch: r.epoch, layer: `T${r.layer}`, q: "H(T_ℓ)/n₀", method: "exact log-det", value: r.hExact },
  { epoch: r.epoch, layer: `T${r.layer}`, q: "I(X;T_ℓ)/n₀", method: "replica", value: r.iReplica },
  { epoch: r.epoch, layer: `T${r.layer}`, q: "I(X;T_ℓ)/n₀", method: "exact log-det", value: r.iExact },
]);
const curves: PlotSpec = {
  $schema: "https://vega.github.io/schema/vega-lite/v6.json",
  title: "Linear USV student: replica vs exact, per layer and epoch",
  data: { values: plotRows },
  facet: { column: { field: "q", type: "nominal", title: null } },
  resolve: { scale: { y: "independent" } },
  spec: {
    width: 320,
    height: 220,
    mark: { type: "line", point: { size: 12 } },
    encoding: {
      x: { field: "epoch", type: "quantitative" },
      y: { field: "value", type: "quantitative", title: "nats per input unit", scale: { zero: false } },
      color: { field: "layer", type: "nominal", title: "layer" },
      strokeDash: { field: "method", type: "nominal", title: null },
    },
  },
};
const gapRows = rows.flatMap((r) => [
  {
    epoch: r.epoch,
    layer: `T${r.layer}`,
    q: "|ΔH|/n₀",
    value: Math.max(Math.abs(r.hReplica - r.hExact), 1e-16),
  },
  {
    epoch: r.epoch,
    layer: `T${r.layer}`,
    q: "|ΔI|/n₀",
    value: Math.max(Math.abs(r.iReplica - r.iExact), 1e-16),
  },
]);
const gaps: PlotSpec = {
  $schema: "https://vega.github.io/schema/vega-lite/v6.json",
  title: "|replica − exact| per input unit (log scale; 1e-6 dashed)",
  data: { values: gapRows },
  facet: { column: { field: "q", type: "nominal", title: null } },
  spec: {
    width: 320,
    height: 220,
    layer: [
      {
        mark: { type: "line", point: { size: 12 } },
        encoding: {
          x: { field: "epoch", type: "quantitative" },
          y: { field: "value", type: "quantitative", scale: { type: "log" }, title: "nats per unit" },
          color: { field: "layer", type: "nominal" },
        },
      },
      { mark: { type: "rule", strokeDash: [4, 3] }, encoding: { y: { datum: 1e-6 } } },
    ],
  },
};
await writePlot(args.outDir, "replica-vs-exact.svg", curves);
await writePlot(args.outDir, "replica-exact-gap.svg", gaps);

const last = records[records.length - 1];
const md = `# Experiment 2 — linear networks during learning: replica vs exact (Gabrié et al. 2018)

Teacher 100 → 4 (linear, output noise 0.01 applied to the generated targets), X ~ N(0, I₁₀₀); student
100-100-100-100-4, all linear, USV layers on the first three (only the singular values train), SGD lr 0.01,
batch 50, MSE, ${config.epochs} epochs on 10 000 samples (10 000 more for validation). Every epoch: the replica
H(T_ℓ) and I(X;T_ℓ) of T₁, T₂, T₃ (chain Normal(0,1) → student layers 1..ℓ, noiseless hidden layers, observation
noise Δ = 1e-5 on T_ℓ; VAMP, tol 1e-8, warm-started from the previous epoch) and the exact finite-size values
½·log det(2πe(Σ_ℓ + Δ·I))/n₀ with Σ_ℓ = W_ℓ···W₁W₁ᵀ···W_ℓᵀ.

${runHeader(args.size, since(t0))} Training and measures, as recorded in the run's metrics: ${fmt(recordedSeconds(records), 0)} s.

Final epoch ${last.epoch}: train MSE ${fmt(last.train.loss, 5)}, validation MSE ${fmt(last.test?.loss, 5)}.

![replica vs exact](replica-vs-exact.svg)

## Agreement per layer (over all ${perLayer[0]?.epochs ?? 0} measured epochs)

${table(
  [
    "layer",
    "max |ΔH|/n₀",
    "mean |ΔH|/n₀",
    "max |ΔI|/n₀",
    "epochs with both ≤ 1e-6",
    "unconverged",
    "H/n₀ first → last (exact)",
    "I/n₀ first → last (exact)",
  ],
  perLayer.map((p) => [
    `T${p.layer}`,
    sci(p.maxDh, 2),
    sci(p.meanDh, 2),
    sci(p.maxDi, 2),
    `${p.under1e6}/${p.epochs}`,
    p.unconverged,
    `${fmt(p.first.hExact, 5)} → ${fmt(p.last.hExact, 5)}`,
    `${fmt(p.first.iExact, 5)} → ${fmt(p.last.iExact, 5)}`,
  ]),
)}

![gap](replica-exact-gap.svg)

## Reading

- T₁ (one USV layer after the Gaussian input): the replica formula is exact for any spectrum (replica-math
  §6.1); it matches the log-det to ${sci(perLayer[0]?.maxDh, 1)} per unit at every epoch.
- T₂ and T₃ are products of USV layers with independent singular vectors. The replica formula treats them
  as free (independent, orthogonally invariant), which describes the product's spectrum exactly only as the width
  grows; at width 100 the gap is the finite-size error of that step: mean ${sci(perLayer[1]?.meanDh, 1)} and
  ${sci(perLayer[2]?.meanDh, 1)}, max ${sci(perLayer[1]?.maxDh, 1)} and ${sci(perLayer[2]?.maxDh, 1)} per unit, so
  the 1e-6-per-unit agreement holds for T₁ only. The gap moves with the trained spectrum (from
  ${sci(Math.abs(perLayer[1]?.first.hReplica - perLayer[1]?.first.hExact), 1)} / ${sci(Math.abs(perLayer[2]?.first.hReplica - perLayer[2]?.first.hExact), 1)} at epoch 0 to
  ${sci(Math.abs(perLayer[1]?.last.hReplica - perLayer[1]?.last.hExact), 1)} / ${sci(Math.abs(perLayer[2]?.last.hReplica - perLayer[2]?.last.hExact), 1)} at the end), and stays
  ${fmt(Math.min(...perLayer.slice(1).map((p) => Math.abs(p.last.hExact - p.first.hExact) / p.maxDh)), 0)}× or more
  below the change of H(T_ℓ) itself during training.
- That it is a finite-size effect and not an error of the formula: the same gap (rms over seeds
  ${SEEDS.join(", ")}) for untrained random linear networks (square weights G/√n, the student's initial law;
  \`linearGaussianFiniteSizeGap\` of @infoflow/tasks), as the width grows. Fitted power of n₀ (least squares
  on log–log): ${[2, 3].flatMap((d) => NOISES.map((v) => `${d} layers, Δ = ${v}: n₀^${fmt(slope(d, v), 2)}`)).join("; ")}.

${table(
  ["width n₀", ...[2, 3].flatMap((d) => NOISES.map((v) => `${d} layers, Δ = ${v}`))],
  WIDTHS.map((n0) => [
    n0,
    ...[2, 3].flatMap((d) =>
      NOISES.map((v) => sci(finiteSize.find((r) => r.depth === d && r.noise === v && r.n0 === n0)?.rms, 2)),
    ),
  ]),
)}

  Over this range the gap falls roughly like 1/n₀ (the fitted powers above), so a 1e-6 agreement for the deeper
  layers would need far wider layers than the paper's 100; in total nats, I(X;T_ℓ) is off by O(1) at any width.

Per-epoch numbers: \`training/linear-usv/metrics.jsonl\` (the \`train\` command's own plots are written there too, not committed).

## Command

\`pnpm tsx benchmarks/experiments/02-linear-learning/run.ts\` (\`--full\`: 100 epochs as lsd). The training
alone: \`pnpm infoflow train benchmarks/experiments/02-linear-learning/configs/linear-usv.json\`.
`;
writeFileSync(join(args.outDir, "report.md"), md);
for (const p of perLayer)
  console.log(
    `[02] T${p.layer}: max |ΔH| ${sci(p.maxDh, 2)}, max |ΔI| ${sci(p.maxDi, 2)}, ≤1e-6 at ${p.under1e6}/${p.epochs}`,
  );
