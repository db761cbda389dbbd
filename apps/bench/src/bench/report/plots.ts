/**
 * The report's plots as Vega-Lite specs (rendered to SVG by `plot/render.ts`): estimate vs truth per
 * estimator, relative error vs width n₀ (the headline), relative error vs N, relative bias vs true MI, and
 * estimator time vs N. Each returns null when the results hold nothing to draw.
 */
import type { TopLevelSpec } from "vega-lite";
import { type Cell, median } from "./stats";

export interface PlotSpec {
  id: string;
  title: string;
  caption: string;
  spec: TopLevelSpec;
}

const ok = (c: Cell) => c.runs > c.failures && Number.isFinite(c.mean);
const estimatorColor = {
  field: "label",
  type: "nominal",
  title: "estimator",
  legend: { labelLimit: 400 },
} as const;

function aggregate<K extends string>(
  items: readonly Cell[],
  keys: (c: Cell) => Record<K, string | number>,
  value: (c: Cell) => number,
): Array<Record<K, string | number> & { value: number; tasks: number }> {
  const groups = new Map<string, { key: Record<K, string | number>; values: number[] }>();
  for (const c of items) {
    const key = keys(c);
    const id = JSON.stringify(key);
    const g = groups.get(id) ?? { key, values: [] };
    g.values.push(value(c));
    groups.set(id, g);
  }
  return [...groups.values()].map((g) => ({ ...g.key, value: median(g.values), tasks: g.values.length }));
}

export function estimateVsTruth(cells: readonly Cell[]): PlotSpec | null {
  const data = cells.filter(ok).map((c) => ({
    panel: `${c.label} — ${c.quantity === "mi" ? "I(X;Y)" : "H(Y)"}`,
    truth: c.truth,
    mean: c.mean,
    n: c.n,
  }));
  if (data.length === 0) return null;
  return {
    id: "estimate-vs-truth",
    title: "Estimate vs truth, per estimator",
    caption:
      "Mean estimate over seeds (nats) against the true value (nats) — I(X;Y) for MI estimators, H(Y) for entropy estimators — for every task and sample size N; the grey line is estimate = truth. Symmetric-log axes.",
    spec: {
      data: { values: data },
      facet: { field: "panel", type: "nominal", title: null, header: { labelLimit: 400 } },
      columns: 3,
      spec: {
        width: 200,
        height: 200,
        layer: [
          {
            mark: { type: "line", color: "#999", strokeDash: [4, 3] },
            encoding: {
              x: { field: "truth", type: "quantitative", scale: { type: "symlog" }, title: "truth (nats)" },
              y: { field: "truth", type: "quantitative", scale: { type: "symlog" } },
            },
          },
          {
            mark: { type: "point", filled: true, size: 30 },
            encoding: {
              x: { field: "truth", type: "quantitative", scale: { type: "symlog" }, title: "truth (nats)" },
              y: {
                field: "mean",
                type: "quantitative",
                scale: { type: "symlog" },
                title: "mean estimate (nats)",
              },
              color: { field: "n", type: "ordinal", title: "N (samples)" },
            },
          },
        ],
      },
    } as TopLevelSpec,
  };
}

const positive = (v: number) => Number.isFinite(v) && v > 0;

/** Log–log lines of the median relative RMSE, one line per estimator, one panel per value of `panel`. */
function relativeErrorPanels(
  data: Array<Record<string, string | number>>,
  x: { field: string; title: string },
  panel: { field: string; type: "ordinal" | "nominal"; title: string },
): TopLevelSpec {
  return {
    data: { values: data },
    facet: { field: panel.field, type: panel.type, title: panel.title },
    columns: 3,
    spec: {
      width: 220,
      height: 180,
      mark: { type: "line", point: true },
      encoding: {
        x: { field: x.field, type: "quantitative", scale: { type: "log" }, title: x.title },
        y: { field: "value", type: "quantitative", scale: { type: "log" }, title: "RMSE ÷ true MI" },
        color: estimatorColor,
      },
    },
  } as TopLevelSpec;
}

export function errorVsWidth(cells: readonly Cell[]): PlotSpec | null {
  const withWidth = cells.filter((c) => ok(c) && c.quantity === "mi" && typeof c.taskParams.n0 === "number");
  const data = aggregate(
    withWidth,
    (c) => ({ label: c.label, n0: c.taskParams.n0 as number, n: c.n }),
    (c) => c.relRmse,
  ).filter((d) => positive(d.value));
  if (new Set(data.map((d) => d.n0)).size < 2) return null;
  return {
    id: "error-vs-width",
    title: "Relative error vs width n₀ (where sample-based estimators stop being reliable)",
    caption:
      "RMSE ÷ true MI (dimensionless; 1 means an error as large as the MI itself) against the input width n₀ (units), median over the tasks of each width, one panel per sample size N. Log–log axes.",
    spec: relativeErrorPanels(
      data,
      { field: "n0", title: "width n₀ (units)" },
      { field: "n", type: "ordinal", title: "N (samples)" },
    ),
  };
}

export function errorVsN(cells: readonly Cell[]): PlotSpec | null {
  const data = aggregate(
    cells.filter((c) => ok(c) && c.quantity === "mi"),
    (c) => ({ label: c.label, n: c.n, family: c.family }),
    (c) => c.relRmse,
  ).filter((d) => positive(d.value));
  if (new Set(data.map((d) => d.n)).size < 2) return null;
  return {
    id: "error-vs-n",
    title: "Relative error vs sample size N",
    caption:
      "RMSE ÷ true MI (dimensionless) against the number of samples N, median over the tasks of each family (one panel per family). Log–log axes.",
    spec: relativeErrorPanels(
      data,
      { field: "n", title: "N (samples)" },
      { field: "family", type: "nominal", title: "task family" },
    ),
  };
}

export function errorVsTruth(cells: readonly Cell[]): PlotSpec | null {
  const mi = cells.filter((c) => ok(c) && c.quantity === "mi" && c.truth > 0);
  const maxN = new Map<string, number>();
  for (const c of mi) maxN.set(c.taskId, Math.max(maxN.get(c.taskId) ?? 0, c.n));
  const data = mi
    .filter((c) => c.n === maxN.get(c.taskId))
    .map((c) => ({
      label: c.label,
      truth: c.truth,
      relBias: (c.mean - c.truth) / c.truth,
      n: c.n,
      task: c.taskId,
    }));
  if (new Set(data.map((d) => d.truth)).size < 2) return null;
  return {
    id: "error-vs-truth",
    title: "Relative bias vs true MI",
    caption:
      "(mean estimate − truth) ÷ truth (dimensionless; −1 means the estimator sees no information at all) against the true MI (nats), at each task's largest N. Log x axis.",
    spec: {
      data: { values: data },
      width: 520,
      height: 260,
      layer: [
        { mark: { type: "rule", color: "#999", strokeDash: [4, 3] }, encoding: { y: { datum: 0 } } },
        {
          mark: { type: "point", filled: true, size: 40 },
          encoding: {
            x: { field: "truth", type: "quantitative", scale: { type: "log" }, title: "true MI (nats)" },
            y: { field: "relBias", type: "quantitative", title: "(estimate − truth) ÷ truth" },
            color: estimatorColor,
            tooltip: [{ field: "task" }, { field: "label" }],
          },
        },
      ],
    } as TopLevelSpec,
  };
}

export function timeVsN(cells: readonly Cell[]): PlotSpec | null {
  const data = aggregate(
    cells.filter(ok),
    (c) => ({ label: c.label, n: c.n }),
    (c) => c.medianSeconds,
  ).filter((d) => positive(d.value));
  if (new Set(data.map((d) => d.n)).size < 2) return null;
  return {
    id: "time-vs-n",
    title: "Estimator time vs N",
    caption:
      "Median wall time of one estimate (seconds, sampling excluded) against N (samples), median over tasks. Log–log axes.",
    spec: {
      data: { values: data },
      width: 520,
      height: 260,
      mark: { type: "line", point: true },
      encoding: {
        x: { field: "n", type: "quantitative", scale: { type: "log" }, title: "N (samples)" },
        y: { field: "value", type: "quantitative", scale: { type: "log" }, title: "median time (s)" },
        color: estimatorColor,
      },
    } as TopLevelSpec,
  };
}

export function allPlots(cells: readonly Cell[]): PlotSpec[] {
  return [
    errorVsWidth(cells),
    estimateVsTruth(cells),
    errorVsN(cells),
    errorVsTruth(cells),
    timeVsN(cells),
  ].filter((p): p is PlotSpec => p !== null);
}
