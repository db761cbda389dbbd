/**
 * Reporting shared by the SZT experiments (4 and 5; Goldfeld et al., ICML 2019, estimators-math.md §5.7):
 * per-run, per-layer series of the sample-propagation I(X;T_ℓ) with its Monte-Carlo error, H(Bin(T_ℓ)) of the
 * deterministic twin and the clustering measures; the plots; the compression table with its correlation to
 * clustering; scatter plots of a layer's saved activations at the epochs where I(X;T) moves.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { EpochRecord, TrainConfigInput } from "../../../packages/models/src/index";
import { fmt, type PlotSpec, table } from "./report";
import { pearson } from "./stats";

const BITS = 1 / Math.LN2;

/** The --full size of an SZT run: 1000 epochs, measures every 25 on all 4096 inputs, 16 passes per input. */
export function sztFull(c: TrainConfigInput): TrainConfigInput {
  const m = c.measures ?? {};
  return {
    ...c,
    epochs: 1000,
    measures: { ...m, every: 25, maxSamples: 4096, sp: { ...m.sp, nPerInput: 16 } },
  };
}

export interface SztPoint {
  run: string;
  epoch: number;
  layer: number;
  /** SP Î(X;T_ℓ) and its standard error, bits */
  sp?: number;
  spSE?: number;
  /** H(Bin(T_ℓ)) of the deterministic twin, bits */
  bin?: number;
  /** mean within-class / between-class distance, and tr(S_W)/tr(S_B) */
  distanceRatio?: number;
  scatterRatio?: number;
  withinCosine?: number;
  betweenCosine?: number;
  testAcc?: number;
}

export function sztPoints(run: string, records: readonly EpochRecord[]): SztPoint[] {
  return records.flatMap((r) =>
    (r.layers ?? []).map((l) => ({
      run,
      epoch: r.epoch,
      layer: l.layer,
      ...(l.sp ? { sp: l.sp.ixt * BITS, spSE: l.sp.stdError * BITS } : {}),
      ...(l.binning ? { bin: l.binning.ht * BITS } : {}),
      ...(l.clustering
        ? {
            distanceRatio: l.clustering.distanceRatio,
            scatterRatio: l.clustering.scatterRatio,
            withinCosine: l.clustering.withinCosine,
            betweenCosine: l.clustering.betweenCosine,
          }
        : {}),
      ...(r.test?.accuracy !== undefined ? { testAcc: r.test.accuracy } : {}),
    })),
  );
}

export interface SztSummary {
  run: string;
  layer: number;
  first: number;
  max: number;
  maxEpoch: number;
  final: number;
  /** drop from the maximum to the final value, in standard errors of the difference */
  dropSE: number;
  compression: number;
  binFirst: number;
  binFinal: number;
  /** Pearson correlation over measure epochs of SP I with H(Bin), and with the scatter ratio */
  corrBin: number;
  corrScatter: number;
  scatterFirst?: number;
  scatterFinal?: number;
}

export function sztSummary(points: readonly SztPoint[]): SztSummary[] {
  const keys = [...new Set(points.filter((p) => p.sp !== undefined).map((p) => `${p.run}\u0000${p.layer}`))];
  return keys.map((k) => {
    const [run, layerText] = k.split("\u0000");
    const layer = Number(layerText);
    const ps = points.filter((p) => p.run === run && p.layer === layer && p.sp !== undefined);
    ps.sort((a, b) => a.epoch - b.epoch);
    const max = ps.reduce((a, p) => (p.sp! > a.sp! ? p : a));
    const first = ps[0];
    const last = ps[ps.length - 1];
    const withScatter = ps.filter((p) => p.scatterRatio !== undefined);
    return {
      run,
      layer,
      first: first.sp!,
      max: max.sp!,
      maxEpoch: max.epoch,
      final: last.sp!,
      compression: max.sp! - last.sp!,
      dropSE: (max.sp! - last.sp!) / Math.hypot(max.spSE ?? 0, last.spSE ?? 0),
      binFirst: first.bin ?? Number.NaN,
      binFinal: last.bin ?? Number.NaN,
      corrBin: pearson(
        ps.map((p) => p.sp!),
        ps.map((p) => p.bin ?? Number.NaN),
      ),
      corrScatter: pearson(
        withScatter.map((p) => p.sp!),
        withScatter.map((p) => p.scatterRatio!),
      ),
      ...(withScatter.length > 0
        ? {
            scatterFirst: withScatter[0].scatterRatio,
            scatterFinal: withScatter[withScatter.length - 1].scatterRatio,
          }
        : {}),
    };
  });
}

export function sztSummaryTable(summary: readonly SztSummary[]): string {
  return table(
    [
      "run",
      "layer",
      "SP I epoch 0 [bits]",
      "max (epoch)",
      "final",
      "drop max→final (in SE)",
      "H(Bin) first → final [bits]",
      "corr(SP I, H(Bin))",
      "scatter ratio first → final",
      "corr(SP I, scatter ratio)",
    ],
    summary.map((s) => [
      s.run,
      `T${s.layer}`,
      fmt(s.first, 3),
      `${fmt(s.max, 3)} (${s.maxEpoch})`,
      fmt(s.final, 3),
      `${fmt(s.compression, 3)} (${fmt(s.dropSE, 1)})`,
      `${fmt(s.binFirst, 2)} → ${fmt(s.binFinal, 2)}`,
      fmt(s.corrBin, 2),
      s.scatterFirst === undefined ? "—" : `${fmt(s.scatterFirst, 3)} → ${fmt(s.scatterFinal, 3)}`,
      fmt(s.corrScatter, 2),
    ]),
  );
}

/** SP I(X;T_ℓ) with ±1.96 SE bands, and H(Bin(T_ℓ)), per run (facets) and layer (colour), against epoch. */
export function sztMiPlot(points: readonly SztPoint[], title: string): PlotSpec {
  const rows = points
    .filter((p) => p.sp !== undefined)
    .flatMap((p) => [
      {
        run: p.run,
        epoch: p.epoch,
        layer: `T${p.layer}`,
        measure: "SP I(X;T) ± 1.96 SE",
        bits: p.sp,
        lo: p.sp! - 1.96 * (p.spSE ?? 0),
        hi: p.sp! + 1.96 * (p.spSE ?? 0),
      },
      ...(p.bin === undefined
        ? []
        : [{ run: p.run, epoch: p.epoch, layer: `T${p.layer}`, measure: "H(Bin(T)), bin 10β", bits: p.bin }]),
    ]);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    data: { values: rows },
    facet: {
      row: { field: "measure", type: "nominal", title: null },
      column: { field: "run", type: "nominal", title: null },
    },
    resolve: { scale: { y: "independent" } },
    spec: {
      width: 260,
      height: 180,
      layer: [
        {
          transform: [{ filter: "datum.lo != null" }],
          mark: { type: "area", opacity: 0.25 },
          encoding: {
            x: { field: "epoch", type: "quantitative" },
            y: { field: "lo", type: "quantitative" },
            y2: { field: "hi" },
            color: { field: "layer", type: "nominal" },
          },
        },
        {
          mark: { type: "line", point: { size: 10 } },
          encoding: {
            x: { field: "epoch", type: "quantitative" },
            y: { field: "bits", type: "quantitative", title: "bits", scale: { zero: false } },
            color: { field: "layer", type: "nominal", title: "layer" },
          },
        },
      ],
    },
  };
}

/** The clustering measures (scatter ratio tr S_W / tr S_B and within/between cosine) per layer vs epoch. */
export function sztClusteringPlot(points: readonly SztPoint[], title: string): PlotSpec {
  const rows = points
    .filter((p) => p.scatterRatio !== undefined)
    .flatMap((p) => [
      { run: p.run, epoch: p.epoch, layer: `T${p.layer}`, measure: "tr S_W / tr S_B", value: p.scatterRatio },
      {
        run: p.run,
        epoch: p.epoch,
        layer: `T${p.layer}`,
        measure: "within − between cosine",
        value: p.withinCosine! - p.betweenCosine!,
      },
    ]);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    data: { values: rows },
    facet: {
      row: { field: "measure", type: "nominal", title: null },
      column: { field: "run", type: "nominal", title: null },
    },
    resolve: { scale: { y: "independent" } },
    spec: {
      width: 260,
      height: 160,
      mark: { type: "line", point: { size: 10 } },
      encoding: {
        x: { field: "epoch", type: "quantitative" },
        y: { field: "value", type: "quantitative", title: null, scale: { zero: false } },
        color: { field: "layer", type: "nominal" },
      },
    },
  };
}

interface Snapshot {
  epoch: number;
  labels?: number[];
  layers: Array<{ layer: number; d: number; twin: number[] }>;
}

/**
 * The epochs at which to look at a layer: the first, the one where its SP I(X;T) peaks, the one right after
 * its largest drop between measure epochs, and the last.
 */
export function movingEpochs(points: readonly SztPoint[], run: string, layer: number): number[] {
  const ps = points.filter((p) => p.run === run && p.layer === layer && p.sp !== undefined);
  ps.sort((a, b) => a.epoch - b.epoch);
  if (ps.length === 0) return [];
  const max = ps.reduce((a, p) => (p.sp! > a.sp! ? p : a));
  let drop = ps[0];
  let best = Number.NEGATIVE_INFINITY;
  for (let i = 1; i < ps.length; i++) {
    const d = ps[i - 1].sp! - ps[i].sp!;
    if (d > best) {
      best = d;
      drop = ps[i];
    }
  }
  return [...new Set([ps[0].epoch, max.epoch, drop.epoch, ps[ps.length - 1].epoch])].sort((a, b) => a - b);
}

/** Scatter plots (unit 1 vs unit 2, and unit 1 vs unit 3) of a saved layer at the given epochs, by class (256 inputs). */
export function snapshotScatter(
  runDir: string,
  layer: number,
  epochs: readonly number[],
  title: string,
  bounded = true,
): PlotSpec | undefined {
  const rows: object[] = [];
  for (const epoch of epochs) {
    const path = join(runDir, "snapshots", `epoch-${epoch}.json`);
    if (!existsSync(path)) continue;
    const snap = JSON.parse(readFileSync(path, "utf8")) as Snapshot;
    const l = snap.layers.find((x) => x.layer === layer);
    if (!l) continue;
    // the first 256 of the fixed measure inputs: enough to see the clusters, and a committable SVG size
    const n = Math.min(l.twin.length / l.d, 256);
    for (let i = 0; i < n; i++) {
      const u = (k: number) => l.twin[i * l.d + k];
      const cls = snap.labels ? `class ${snap.labels[i]}` : "—";
      rows.push({ epoch: `epoch ${epoch}`, order: epoch, pair: "units 1–2", a: u(0), b: u(1), cls });
      if (l.d > 2)
        rows.push({ epoch: `epoch ${epoch}`, order: epoch, pair: "units 1–3", a: u(0), b: u(2), cls });
    }
  }
  if (rows.length === 0) return undefined;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    data: { values: rows },
    facet: {
      row: { field: "pair", type: "nominal", title: null },
      column: { field: "epoch", type: "nominal", title: null, sort: { field: "order" } },
    },
    spec: {
      width: 170,
      height: 170,
      mark: { type: "point", size: 8, opacity: 0.5, filled: true },
      encoding: {
        x: {
          field: "a",
          type: "quantitative",
          scale: bounded ? { domain: [-1.05, 1.05] } : { zero: false },
          title: null,
        },
        y: {
          field: "b",
          type: "quantitative",
          scale: bounded ? { domain: [-1.05, 1.05] } : { zero: false },
          title: null,
        },
        color: { field: "cls", type: "nominal", title: null },
      },
    },
  };
}
