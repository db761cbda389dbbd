/**
 * Experiment 8 (neither paper had it): sample propagation (Goldfeld et al., ICML 2019) against the replica
 * value (Gabrié et al., NeurIPS 2018) on noisy networks where both apply, as the width grows.
 *
 * Both apply when the last layer adds Gaussian noise to a deterministic function of X: T = S + N(0, Δ·I),
 * S = W_L·φ(…φ(W₁X)) with noiseless hidden layers, i.e. the replica chain prior → φ(0) → … → Linear(Δ), whose
 * weights are orthogonally invariant (USV: Haar U, V, singular values spaced evenly in [0.5, 1.5]).
 * Then I(X;T) = h(S + Z) − (n_L/2)·ln(2πeΔ), and SP's plug-in for h(S + Z) is the entropy of the Gaussian
 * mixture centred on N samples of S (shared/docs/estimators-math.md §5.2–5.3; `gaussianMixtureEntropy`).
 * Samples of S come from the same teacher with the output noise switched off (same seed → same weights and
 * the same draws of X). The Kolchinsky–Tracey pairwise bounds on the same mixture come for free.
 *
 * Networks (square, n₀ = width):
 *  - A: Normal(0,1) → Linear(Δ)                    (replica exact at every width; log-det also given)
 *  - B: Normal(0,1) → ReLU(0) → Linear(Δ)          (Gaussian inputs, non-linear hidden layer)
 *  - C: Bimodal(±1) → HardTanh(0) → Linear(Δ)      (binary inputs)
 * Truth: the replica value on the drawn spectra (per unit × n₀), the large-n limit; for A it is exact.
 *
 * `pnpm tsx benchmarks/experiments/08-sp-vs-replica-width/run.ts [--full] [--fresh]`
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gaussianMixtureEntropy, pairwiseBounds } from "../../../packages/estimators/src/index";
import { type TeacherSpecInput, teacherNetwork } from "../../../packages/tasks/src/index";
import { experimentArgs } from "../lib/cli";
import { fmt, type PlotSpec, runHeader, since, table, writePlot } from "../lib/report";
import { openStore } from "../lib/store";

const args = experimentArgs(import.meta.url);
const size = args.full
  ? { widths: [2, 5, 10, 20, 50, 100, 200], N: [1000, 4000, 16000], deltas: [0.1, 1] }
  : { widths: [2, 5, 10, 20, 50, 100], N: [1000, 4000], deltas: [0.1, 1] };
const TASK_SEED = 8;
const SAMPLE_SEED = 80;
type Net = "A" | "B" | "C";
const NETS: Record<Net, string> = {
  A: "Normal → Linear(Δ)",
  B: "Normal → ReLU(0) → Linear(Δ)",
  C: "Bimodal → HardTanh(0) → Linear(Δ)",
};

function spec(net: Net, width: number, delta: number): TeacherSpecInput {
  const usv = { ensemble: "usv" as const, singularValues: { from: 0.5, to: 1.5 } };
  const out = { activation: "Linear" as const, varNoise: delta, weights: usv };
  switch (net) {
    case "A":
      return { family: "teacher", n0: width, seed: TASK_SEED, prior: { name: "Normal" }, layers: [out] };
    case "B":
      return {
        family: "teacher",
        n0: width,
        seed: TASK_SEED,
        prior: { name: "Normal" },
        layers: [{ activation: "ReLU", varNoise: 0, weights: usv }, out],
      };
    case "C":
      return {
        family: "teacher",
        n0: width,
        seed: TASK_SEED,
        prior: { name: "Bimodal", prob: 0.5 },
        layers: [{ activation: "HardTanh", varNoise: 0, weights: usv }, out],
      };
  }
}

interface TruthRow {
  net: Net;
  width: number;
  delta: number;
  replica: number;
  exact?: number;
  converged: boolean;
}
interface EstRow {
  net: Net;
  width: number;
  delta: number;
  N: number;
  sp: number;
  spSE: number;
  kdeUpper: number;
  kdeLower: number;
  seconds: number;
}

function truthRow(net: Net, width: number, delta: number): TruthRow {
  const task = teacherNetwork(spec(net, width, delta));
  const t = task.truth();
  const exact = task.exactLinearGaussian?.();
  return {
    net,
    width,
    delta,
    replica: t.mutualInformation!,
    ...(exact ? { exact: exact.mutualInformation } : {}),
    converged: (t.diagnostics as { converged: boolean }).converged,
  };
}

function estRow(net: Net, width: number, delta: number, N: number): EstRow {
  // S: the same teacher with the output noise off. A teacher's observed layer must be noisy, so a noisy
  // Linear layer is appended and observed; S is read at layer L with `sampleLayers`. Weights of layer ℓ and
  // the draws of X depend only on the seeds and ℓ, so S is exactly the pre-noise output of the network above.
  const base = spec(net, width, delta);
  const L = base.layers.length;
  const clean = {
    ...base,
    layers: [
      ...base.layers.map((l, i) => (i === L - 1 ? { ...l, varNoise: 0 } : l)),
      { activation: "Linear" as const, varNoise: 1 },
    ],
  };
  const s = teacherNetwork(clean).sampleLayers(N, SAMPLE_SEED, L).layers[L - 1];
  const t0 = performance.now();
  const hz = (s.d / 2) * Math.log(2 * Math.PI * Math.E * delta);
  const sp = gaussianMixtureEntropy(s, { noiseStd: Math.sqrt(delta), nMC: 1, seed: SAMPLE_SEED, threads: 2 });
  const kde = pairwiseBounds(s, { variance: delta, threads: 2 });
  return {
    net,
    width,
    delta,
    N,
    sp: sp.entropy - hz,
    spSE: sp.stdError,
    kdeUpper: kde.mutualInformationX.upper,
    kdeLower: kde.mutualInformationX.lower,
    seconds: since(t0),
  };
}

const t0 = performance.now();
const store = openStore<TruthRow | EstRow>(join(args.outDir, "results.jsonl"), args.fresh);
const truths: TruthRow[] = [];
const ests: EstRow[] = [];
for (const net of Object.keys(NETS) as Net[])
  for (const delta of size.deltas)
    for (const width of size.widths) {
      const k = `truth ${net} ${delta} ${width}`;
      if (!store.has(k)) store.put(k, truthRow(net, width, delta));
      truths.push(store.get(k) as TruthRow);
      for (const N of size.N) {
        const ke = `sp ${net} ${delta} ${width} ${N}`;
        if (!store.has(ke)) store.put(ke, estRow(net, width, delta, N));
        const e = store.get(ke) as EstRow;
        ests.push(e);
        const t = truths.at(-1)!;
        console.log(
          `[08] ${net} Δ=${delta} width=${width} N=${N}: replica ${fmt(t.replica, 3)} SP ${fmt(e.sp, 3)} ± ${fmt(e.spSE, 3)} KDE [${fmt(e.kdeLower, 3)}, ${fmt(e.kdeUpper, 3)}] nats`,
        );
      }
    }

// the unconditional mixture has N centres, so every estimate of I(X;T) from it is at most ln N
const truthOf = (e: EstRow) =>
  truths.find((t) => t.net === e.net && t.width === e.width && t.delta === e.delta)!;
const rows = ests.map((e) => {
  const t = truthOf(e);
  const truth = t.exact ?? t.replica;
  return { ...e, truth, relErr: (e.sp - truth) / truth, lnN: Math.log(e.N) };
});
const plotRows = [
  ...truths.map((t) => ({
    net: NETS[t.net],
    delta: `Δ = ${t.delta}`,
    width: t.width,
    series: "replica",
    value: t.replica,
  })),
  ...truths
    .filter((t) => t.exact !== undefined)
    .map((t) => ({
      net: NETS[t.net],
      delta: `Δ = ${t.delta}`,
      width: t.width,
      series: "exact log-det",
      value: t.exact,
    })),
  ...rows.map((r) => ({
    net: NETS[r.net],
    delta: `Δ = ${r.delta}`,
    width: r.width,
    series: `SP, N = ${r.N}`,
    value: r.sp,
    lo: r.sp - 1.96 * r.spSE,
    hi: r.sp + 1.96 * r.spSE,
  })),
  ...rows.map((r) => ({
    net: NETS[r.net],
    delta: `Δ = ${r.delta}`,
    width: r.width,
    series: `ln N, N = ${r.N}`,
    value: r.lnN,
  })),
];
const COLOURS = {
  domain: ["replica", "exact log-det", ...size.N.flatMap((N) => [`SP, N = ${N}`, `ln N, N = ${N}`])],
  range: [
    "#000000",
    "#e6550d",
    ...size.N.flatMap((_, k) => [["#3182bd", "#31a354", "#756bb1"][k], ["#9ecae1", "#a1d99b", "#bcbddc"][k]]),
  ],
};
const plot: PlotSpec = {
  $schema: "https://vega.github.io/schema/vega-lite/v6.json",
  title: "I(X;T) of noisy USV networks vs width: replica vs sample propagation (nats, total)",
  data: { values: plotRows },
  facet: {
    row: { field: "delta", type: "nominal", title: null },
    column: { field: "net", type: "nominal", title: null, sort: Object.values(NETS) },
  },
  resolve: { scale: { y: "independent" } },
  spec: {
    width: 220,
    height: 180,
    layer: [
      {
        transform: [{ filter: "datum.lo != null" }],
        mark: { type: "errorbar" },
        encoding: {
          x: { field: "width", type: "quantitative", scale: { type: "log" } },
          y: { field: "lo", type: "quantitative", title: "I(X;T) [nats]" },
          y2: { field: "hi" },
          color: { field: "series", type: "nominal", scale: COLOURS },
        },
      },
      {
        mark: { type: "line", point: true },
        encoding: {
          x: { field: "width", type: "quantitative", scale: { type: "log" }, title: "width n₀" },
          y: { field: "value", type: "quantitative", scale: { type: "log" }, title: "I(X;T) [nats]" },
          color: { field: "series", type: "nominal", title: null, scale: COLOURS },
          strokeDash: {
            condition: { test: "indexof(datum.series, 'ln N') == 0", value: [2, 2] },
            value: [1, 0],
          },
        },
      },
    ],
  },
};
await writePlot(args.outDir, "mi-vs-width.svg", plot);

// the widest width at which SP is still within 10 % of the truth, per network, Δ and N
const within = (tol: number) =>
  (Object.keys(NETS) as Net[]).flatMap((net) =>
    size.deltas.flatMap((delta) =>
      size.N.map((N) => {
        const ok = rows.filter(
          (r) => r.net === net && r.delta === delta && r.N === N && Math.abs(r.relErr) <= tol,
        );
        const w = ok.length > 0 ? Math.max(...ok.map((r) => r.width)) : undefined;
        const tw =
          w === undefined
            ? undefined
            : truths.find((t) => t.net === net && t.delta === delta && t.width === w);
        return [
          NETS[net],
          delta,
          N,
          w ?? "none",
          tw ? fmt(tw.exact ?? tw.replica, 2) : "—",
          fmt(Math.log(N), 2),
        ];
      }),
    ),
  );
const detail = rows
  .filter((r) => r.N === size.N.at(-1))
  .map((r) => {
    const t = truthOf(r);
    return [
      NETS[r.net],
      r.delta,
      r.width,
      fmt(t.replica, 3),
      t.exact === undefined ? "—" : fmt(t.exact, 3),
      `${fmt(r.sp, 3)} ± ${fmt(1.96 * r.spSE, 3)}`,
      `${fmt(100 * r.relErr, 1)} %`,
      `[${fmt(r.kdeLower, 2)}, ${fmt(r.kdeUpper, 2)}]`,
    ];
  });
const bracketed = rows.filter(
  (r) => r.kdeLower <= r.sp + 1.96 * r.spSE && r.sp - 1.96 * r.spSE <= r.kdeUpper,
).length;
const linGap = truths
  .filter((t) => t.exact !== undefined)
  .reduce((a, t) => Math.max(a, Math.abs(t.replica - t.exact!)), 0);

const md = `# Experiment 8 — sample propagation vs replica on noisy USV networks as width grows

Where both methods apply — T = S + N(0, Δ·I) with S a deterministic function of X through orthogonally
invariant (USV) weights — SP's plug-in h(S + Z) ≈ entropy of the Gaussian mixture on N samples of S gives
Î(X;T) = ĥ − (n/2)·ln(2πeΔ), which we compare with the replica value (total nats; replica per unit × n₀, on the
drawn spectra). Widths n₀ ∈ {${size.widths.join(", ")}}, square layers, singular values evenly spaced in
[0.5, 1.5], Δ ∈ {${size.deltas.join(", ")}}, N ∈ {${size.N.join(", ")}} samples (nMC = 1 query per centre).

${runHeader(args.size, since(t0))}

![I vs width](mi-vs-width.svg)

## Where SP stops working

SP's mixture has N components, so Î ≤ ln N whatever the network: once the true I(X;T) passes a few nats
SP saturates, and the width at which that happens depends on the information per unit, not on the estimator's
tuning. Widest width with |SP − truth| ≤ 10 % of the truth:

${table(["network", "Δ", "N", "widest width within 10 %", "truth there [nats]", "ln N"], within(0.1))}

## All values at N = ${size.N.at(-1)} (nats)

${table(["network", "Δ", "width", "replica", "exact (A)", "SP ± 1.96 SE", "SP error", "KDE [lower, upper]"], detail)}

- For network A the replica value on the drawn spectrum equals the exact log-det (max difference
  ${linGap.toExponential(1)} nats), so A's comparison has no finite-size caveat; for B and C the replica value is the
  large-width limit evaluated on the drawn spectra (at small widths its own finite-size error is a few %; see
  packages/tasks/README.md).
- The Kolchinsky–Tracey bounds on the same mixture (pairwise distances instead of Monte Carlo) bracket SP's value
  within 1.96 SE at ${bracketed} of ${rows.length} points and saturate at ln N the same way; SP's largest excess over ln N is
  ${fmt(Math.max(...rows.map((r) => (r.sp - r.lnN) / r.spSE)), 2)} standard errors (Monte-Carlo noise around the saturation value).
- At the smallest widths SP is accurate where the truth is exact (network A, width 2: ${fmt(100 * (rows.find((r) => r.net === "A" && r.width === size.widths[0] && r.N === size.N.at(-1) && r.delta === size.deltas.at(-1))?.relErr ?? Number.NaN), 1)} %), so the larger
  differences for B and C at width ${size.widths[0]} (up to ${fmt(100 * Math.max(...rows.filter((r) => r.net !== "A" && r.width === size.widths[0]).map((r) => Math.abs(r.relErr))), 0)} %) are most likely the replica value's own
  finite-size error (the large-width limit evaluated at n₀ = ${size.widths[0]}): the two methods are complementary — SP
  where the layer is narrow, the replica formula where it is wide — and agree in between.

## Command

\`pnpm tsx benchmarks/experiments/08-sp-vs-replica-width/run.ts\` (\`--full\`: widths up to 200, N up to 16 000).
`;
writeFileSync(join(args.outDir, "report.md"), md);
console.log(`[08] report: ${join(args.outDir, "report.md")}`);
