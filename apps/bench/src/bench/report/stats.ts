/**
 * The report's numbers, from the `RunResult` lines: per cell (estimator × task × N) and per estimator ×
 * task family — bias (mean of estimate − truth), RMSE (root mean square of estimate − truth), the median
 * |relative error|, the median estimator time, failure counts — and a ranking by mean rank over cells.
 * Errors are in nats (the unit of every result line); relative errors are dimensionless.
 */
import { type Quantity, quantityOf, type Target } from "../job";
import type { RunResult } from "../store";

export interface Cell {
  label: string;
  estimatorId: string;
  target: Target;
  /** what the truth is: I(X;Y) or H(Y) */
  quantity: Quantity;
  taskId: string;
  family: string;
  taskParams: Record<string, unknown>;
  n: number;
  truth: number;
  runs: number;
  failures: number;
  /** mean estimate over the successful runs, nats */
  mean: number;
  /** sample standard deviation of the estimates, nats (0 with one run) */
  sd: number;
  bias: number;
  rmse: number;
  /** RMSE ÷ |truth| */
  relRmse: number;
  medianSeconds: number;
  errors: string[];
}

export interface FamilyRow {
  label: string;
  quantity: Quantity;
  family: string;
  runs: number;
  failures: number;
  bias: number;
  rmse: number;
  medianAbsRel: number;
  medianSeconds: number;
}

export interface RankRow {
  label: string;
  quantity: Quantity;
  meanRank: number;
  cells: number;
  wins: number;
  /** median over cells of RMSE ÷ |truth| */
  medianRelRmse: number;
  failures: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

function relErr(r: RunResult): number {
  return Math.abs((r.estimate as number) - r.truth) / Math.abs(r.truth);
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const g = out.get(k);
    if (g) g.push(it);
    else out.set(k, [it]);
  }
  return out;
}

export function cells(results: readonly RunResult[]): Cell[] {
  const groups = groupBy(results, (r) => `${r.label}\u0000${r.taskId}\u0000${r.n}\u0000${r.target}`);
  const out: Cell[] = [];
  for (const rs of groups.values()) {
    const ok = rs.filter((r) => r.estimate !== null);
    const errs = ok.map((r) => (r.estimate as number) - r.truth);
    const m = mean(ok.map((r) => r.estimate as number));
    const sd =
      ok.length > 1
        ? Math.sqrt(ok.reduce((s, r) => s + ((r.estimate as number) - m) ** 2, 0) / (ok.length - 1))
        : 0;
    const rmse = Math.sqrt(mean(errs.map((e) => e * e)));
    const r0 = rs[0];
    out.push({
      label: r0.label,
      estimatorId: r0.estimatorId,
      target: r0.target,
      quantity: quantityOf(r0.target),
      taskId: r0.taskId,
      family: r0.family,
      taskParams: r0.taskParams,
      n: r0.n,
      truth: r0.truth,
      runs: rs.length,
      failures: rs.length - ok.length,
      mean: m,
      sd,
      bias: mean(errs),
      rmse,
      relRmse: rmse / Math.abs(r0.truth),
      medianSeconds: median(ok.map((r) => r.seconds)),
      errors: [...new Set(rs.flatMap((r) => (r.error ? [r.error] : [])))],
    });
  }
  return out.sort(
    (a, b) =>
      a.target.localeCompare(b.target) ||
      a.family.localeCompare(b.family) ||
      a.taskId.localeCompare(b.taskId) ||
      a.n - b.n ||
      a.label.localeCompare(b.label),
  );
}

export function familyRows(results: readonly RunResult[]): FamilyRow[] {
  const groups = groupBy(results, (r) => `${quantityOf(r.target)}\u0000${r.family}\u0000${r.label}`);
  const out: FamilyRow[] = [];
  for (const rs of groups.values()) {
    const ok = rs.filter((r) => r.estimate !== null);
    const errs = ok.map((r) => (r.estimate as number) - r.truth);
    out.push({
      label: rs[0].label,
      quantity: quantityOf(rs[0].target),
      family: rs[0].family,
      runs: rs.length,
      failures: rs.length - ok.length,
      bias: mean(errs),
      rmse: Math.sqrt(mean(errs.map((e) => e * e))),
      medianAbsRel: median(ok.map(relErr)),
      medianSeconds: median(ok.map((r) => r.seconds)),
    });
  }
  return out.sort(
    (a, b) => a.quantity.localeCompare(b.quantity) || a.family.localeCompare(b.family) || a.rmse - b.rmse,
  );
}

/**
 * Ranking: in every (task, N) cell, estimators of the same quantity (I(X;Y) or H(Y)) are ranked by RMSE (ties share the mean
 * rank; a cell where every run of an estimator failed ranks it last); an estimator's score is its mean rank
 * over the cells it ran in. Scale-free, so tasks whose MI is hundreds of nats do not drown the others.
 */
export function ranking(all: readonly Cell[]): RankRow[] {
  const byCell = groupBy(all, (c) => `${c.quantity}\u0000${c.taskId}\u0000${c.n}`);
  const ranks = new Map<string, { quantity: Quantity; ranks: number[]; wins: number }>();
  for (const group of byCell.values()) {
    const score = (c: Cell) => (c.runs === c.failures ? Number.POSITIVE_INFINITY : c.rmse);
    const sorted = [...group].sort((a, b) => score(a) - score(b));
    let i = 0;
    while (i < sorted.length) {
      let j = i;
      while (j + 1 < sorted.length && score(sorted[j + 1]) === score(sorted[i])) j++;
      const rank = (i + j) / 2 + 1;
      for (let k = i; k <= j; k++) {
        const c = sorted[k];
        const entry = ranks.get(c.label) ?? { quantity: c.quantity, ranks: [], wins: 0 };
        entry.ranks.push(rank);
        if (rank === 1 && group.length > 1) entry.wins++;
        ranks.set(c.label, entry);
      }
      i = j + 1;
    }
  }
  const byLabel = groupBy(all, (c) => c.label);
  return [...ranks]
    .map(([label, e]) => {
      const cs = byLabel.get(label) ?? [];
      return {
        label,
        quantity: e.quantity,
        meanRank: mean(e.ranks),
        cells: e.ranks.length,
        wins: e.wins,
        medianRelRmse: median(cs.filter((c) => c.runs > c.failures).map((c) => c.relRmse)),
        failures: cs.reduce((s, c) => s + c.failures, 0),
      };
    })
    .sort(
      (a, b) =>
        a.quantity.localeCompare(b.quantity) || a.meanRank - b.meanRank || a.label.localeCompare(b.label),
    );
}
