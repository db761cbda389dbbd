/**
 * The plots of a training run, as Vega-Lite specs built from its metrics.jsonl records:
 * - the information plane: I(X;T_ℓ) against I(T_ℓ;Y) per layer over epochs (one panel per measure;
 *   measures without an I(T;Y) — the replica value on a regression — use the test loss as ordinate,
 *   as lsd's plane used the test error);
 * - every tracked quantity (I(X;T), H(T), H(Bin T), I(T;Y), clustering ratios) against the epoch;
 * - train/test loss and accuracy against the epoch.
 * Values in nats.
 */
import type { EpochRecord } from "@infoflow/models";
import type { TopLevelSpec } from "vega-lite";

export interface TrainPlot {
  /** file name without extension */
  id: string;
  spec: TopLevelSpec;
}

/** One value of one layer at one epoch. */
interface Point {
  epoch: number;
  layer: string;
  panel: string;
  /** "replica" or "exact" (linear students) in the replica panels, else "estimate" */
  source: string;
  value: number;
}

/** (I(X;T), I(T;Y) or loss) pairs per measure. */
interface PlanePoint {
  epoch: number;
  layer: string;
  panel: string;
  ixt: number;
  y: number;
}

/** Panel order of the per-epoch plot: I(X;T) measures, entropies, I(T;Y), clustering. */
const EPOCH_PANELS = [
  "replica I(X;T)",
  "SP I(X;T)",
  "KDE I(X;T) upper",
  "KDE I(X;T) lower",
  "replica H(T)",
  "H(Bin T) (twin)",
  "SP I(T;Y)",
  "binning I(T;Y) (twin)",
  "within/between distance",
  "within-class cosine",
  "between-class cosine",
];

const PLANE_PANELS = [
  "replica: I(X;T) vs test loss",
  "SP: I(X;T) vs I(T;Y)",
  "binning (twin): H(Bin T) vs I(T;Y)",
  "KDE: I(X;T) vs I(T;Y), mean of the KL/BD values",
];

const layerColor = { field: "layer", type: "nominal", title: "layer", sort: null } as const;

/** The long table of per-layer quantities. */
export function layerPoints(records: readonly EpochRecord[]): Point[] {
  const out: Point[] = [];
  const push = (
    epoch: number,
    layer: number,
    panel: string,
    value: number | undefined,
    source = "estimate",
  ) => {
    if (value !== undefined && Number.isFinite(value))
      out.push({ epoch, layer: `T${layer}`, panel, source, value });
  };
  for (const r of records) {
    for (const l of r.layers ?? []) {
      push(r.epoch, l.layer, "replica I(X;T)", l.replica?.mi, "replica");
      push(r.epoch, l.layer, "replica I(X;T)", l.exact?.mi, "exact (linear)");
      push(r.epoch, l.layer, "replica H(T)", l.replica?.entropy, "replica");
      push(r.epoch, l.layer, "replica H(T)", l.exact?.entropy, "exact (linear)");
      push(r.epoch, l.layer, "SP I(X;T)", l.sp?.ixt);
      push(r.epoch, l.layer, "SP I(T;Y)", l.sp?.ity);
      push(r.epoch, l.layer, "H(Bin T) (twin)", l.binning?.ht);
      push(r.epoch, l.layer, "binning I(T;Y) (twin)", l.binning?.ity);
      push(r.epoch, l.layer, "KDE I(X;T) upper", l.kde?.ixtUpper);
      push(r.epoch, l.layer, "KDE I(X;T) lower", l.kde?.ixtLower);
      push(r.epoch, l.layer, "within/between distance", l.clustering?.distanceRatio);
      push(r.epoch, l.layer, "within-class cosine", l.clustering?.withinCosine);
      push(r.epoch, l.layer, "between-class cosine", l.clustering?.betweenCosine);
      for (const [label, e] of Object.entries(l.estimators ?? {})) {
        push(r.epoch, l.layer, `${label} ${e.kind === "mi" ? "I(X;T)" : "H(T)"}`, e.value);
        push(r.epoch, l.layer, `${label} I(T;Y)`, e.ity);
      }
    }
  }
  return out;
}

export function planePoints(records: readonly EpochRecord[]): PlanePoint[] {
  const out: PlanePoint[] = [];
  const push = (
    epoch: number,
    layer: number,
    panel: string,
    ixt: number | undefined,
    y: number | undefined,
  ) => {
    if (ixt !== undefined && y !== undefined && Number.isFinite(ixt) && Number.isFinite(y)) {
      out.push({ epoch, layer: `T${layer}`, panel, ixt, y });
    }
  };
  for (const r of records) {
    const loss = r.test?.loss ?? r.train.loss;
    for (const l of r.layers ?? []) {
      push(r.epoch, l.layer, "replica: I(X;T) vs test loss", l.replica?.mi, loss);
      if (l.sp) push(r.epoch, l.layer, "SP: I(X;T) vs I(T;Y)", l.sp.ixt, l.sp.ity ?? undefined);
      if (l.binning)
        push(r.epoch, l.layer, "binning (twin): H(Bin T) vs I(T;Y)", l.binning.ht, l.binning.ity);
      if (l.kde) {
        const mid = (a: number, b: number | undefined) => (b === undefined ? undefined : (a + b) / 2);
        push(
          r.epoch,
          l.layer,
          "KDE: I(X;T) vs I(T;Y), mean of the KL/BD values",
          (l.kde.ixtUpper + l.kde.ixtLower) / 2,
          l.kde.ityUpper === undefined ? undefined : mid(l.kde.ityUpper, l.kde.ityLower),
        );
      }
    }
  }
  return out;
}

function informationPlane(records: readonly EpochRecord[], title: string): TrainPlot | null {
  const data = planePoints(records);
  if (data.length === 0) return null;
  return {
    id: "information-plane",
    spec: {
      title: {
        text: `${title}: information plane`,
        subtitle: "nats; one path per layer, points coloured by epoch",
      },
      data: { values: data },
      facet: {
        field: "panel",
        type: "nominal",
        title: null,
        sort: PLANE_PANELS,
        header: { labelLimit: 400 },
      },
      columns: 2,
      resolve: { scale: { x: "independent", y: "independent" } },
      spec: {
        width: 260,
        height: 220,
        layer: [
          {
            mark: { type: "line", opacity: 0.6 },
            encoding: {
              x: { field: "ixt", type: "quantitative", title: "I(X;T)", scale: { zero: false } },
              y: { field: "y", type: "quantitative", title: "I(T;Y) or test loss", scale: { zero: false } },
              color: layerColor,
              order: { field: "epoch", type: "quantitative" },
            },
          },
          {
            mark: { type: "point", filled: true, size: 30 },
            encoding: {
              x: { field: "ixt", type: "quantitative" },
              y: { field: "y", type: "quantitative" },
              fill: { field: "epoch", type: "quantitative", scale: { scheme: "viridis" }, title: "epoch" },
              shape: { field: "layer", type: "nominal", sort: null },
              stroke: layerColor,
            },
          },
        ],
      },
    } as TopLevelSpec,
  };
}

function perEpoch(records: readonly EpochRecord[], title: string): TrainPlot | null {
  const data = layerPoints(records);
  if (data.length === 0) return null;
  return {
    id: "mi-vs-epoch",
    spec: {
      title: {
        text: `${title}: information measures per layer`,
        subtitle: "nats (ratios and cosines unitless)",
      },
      data: { values: data },
      facet: {
        field: "panel",
        type: "nominal",
        title: null,
        sort: EPOCH_PANELS,
        header: { labelLimit: 400 },
      },
      columns: 3,
      resolve: { scale: { y: "independent" } },
      spec: {
        width: 220,
        height: 160,
        mark: { type: "line", point: { size: 12 } },
        encoding: {
          x: { field: "epoch", type: "quantitative" },
          y: { field: "value", type: "quantitative", title: null, scale: { zero: false } },
          color: layerColor,
          strokeDash: { field: "source", type: "nominal", title: "source" },
          detail: { field: "source", type: "nominal" },
        },
      },
    } as TopLevelSpec,
  };
}

function lossCurves(records: readonly EpochRecord[], title: string): TrainPlot {
  const data: Array<{ epoch: number; split: string; panel: string; value: number }> = [];
  for (const r of records) {
    for (const [split, s] of [
      ["train", r.train],
      ["test", r.test],
    ] as const) {
      if (!s) continue;
      data.push({ epoch: r.epoch, split, panel: "loss", value: s.loss });
      if (s.accuracy !== undefined)
        data.push({ epoch: r.epoch, split, panel: "accuracy", value: s.accuracy });
    }
  }
  return {
    id: "loss",
    spec: {
      title: { text: `${title}: loss and accuracy (noisy network)` },
      data: { values: data },
      facet: { field: "panel", type: "nominal", title: null, sort: ["loss", "accuracy"] },
      resolve: { scale: { y: "independent" } },
      spec: {
        width: 260,
        height: 180,
        mark: { type: "line", point: { size: 12 } },
        encoding: {
          x: { field: "epoch", type: "quantitative" },
          y: { field: "value", type: "quantitative", title: null, scale: { zero: false } },
          color: { field: "split", type: "nominal", title: null },
        },
      },
    } as TopLevelSpec,
  };
}

/** The run's plots (the information plane and per-epoch plots only when measures were recorded). */
export function trainPlots(records: readonly EpochRecord[], title: string): TrainPlot[] {
  return [informationPlane(records, title), perEpoch(records, title), lossCurves(records, title)].filter(
    (p): p is TrainPlot => p !== null,
  );
}
