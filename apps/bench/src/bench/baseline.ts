/**
 * The CI gate: a committed baseline (`benchmarks/baselines/<suite>.json`) holds every task's truth and every
 * (estimator, task, N) cell's RMSE, bias and failure count. A run fails the gate when a truth value moves
 * (|Δ| > truthRelative·|baseline| + 1e-12 nats), when a cell's RMSE grows beyond
 * baseline·(1 + errorRelative) + errorAbsolute nats, when a cell fails more often, or when a baseline cell
 * or task is missing. Improvements and new cells are reported but pass. The tolerances come from the suite.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { z } from "zod";
import { sig } from "./report/format";
import { cells } from "./report/stats";
import type { RunResult, TruthTable } from "./store";
import type { Tolerance } from "./suite";

const cellSchema = z.object({
  rmse: z.number().nullable(),
  bias: z.number().nullable(),
  failures: z.number(),
  runs: z.number(),
});
export const baselineSchema = z.object({
  suite: z.string(),
  suiteHash: z.string(),
  commit: z.string(),
  created: z.string(),
  /** taskId → true values in nats */
  truths: z.record(z.string(), z.object({ mi: z.number(), entropy: z.number().optional() })),
  /** `label | taskId | N=n` → RMSE and bias in nats */
  cells: z.record(z.string(), cellSchema),
});
export type Baseline = z.infer<typeof baselineSchema>;

export function cellKey(label: string, taskId: string, n: number): string {
  return `${label} | ${taskId} | N=${n}`;
}

const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);

export function makeBaseline(
  suite: { name: string; hash: string },
  results: readonly RunResult[],
  truths: TruthTable,
  commit: string,
  date = new Date(),
): Baseline {
  const out: Baseline = {
    suite: suite.name,
    suiteHash: suite.hash,
    commit,
    created: date.toISOString(),
    truths: {},
    cells: {},
  };
  for (const t of Object.values(truths).sort((a, b) => a.taskId.localeCompare(b.taskId))) {
    out.truths[t.taskId] = t.entropy === undefined ? { mi: t.mi } : { mi: t.mi, entropy: t.entropy };
  }
  const all = cells(results).sort((a, b) =>
    cellKey(a.label, a.taskId, a.n).localeCompare(cellKey(b.label, b.taskId, b.n)),
  );
  for (const c of all) {
    out.cells[cellKey(c.label, c.taskId, c.n)] = {
      rmse: finiteOrNull(c.rmse),
      bias: finiteOrNull(c.bias),
      failures: c.failures,
      runs: c.runs,
    };
  }
  return out;
}

export function readBaseline(path: string): Baseline | undefined {
  if (!existsSync(path)) return undefined;
  const parsed = baselineSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`baseline ${path}: ${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data;
}

export function writeBaseline(path: string, b: Baseline): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(b, null, 1)}\n`);
}

export interface Comparison {
  ok: boolean;
  /** what made the gate fail, one line each */
  regressions: string[];
  /** improvements, new cells, a changed suite hash: informative */
  notes: string[];
}

export function compareBaseline(base: Baseline, current: Baseline, tol: Tolerance): Comparison {
  const regressions: string[] = [];
  const notes: string[] = [];
  if (base.suiteHash !== current.suiteHash) {
    notes.push(
      `suite hash changed ${base.suiteHash} → ${current.suiteHash}: update the baseline if the change is intended`,
    );
  }
  for (const [taskId, b] of Object.entries(base.truths)) {
    const c = current.truths[taskId];
    if (!c) {
      regressions.push(`task ${taskId}: missing from this run`);
      continue;
    }
    for (const q of ["mi", "entropy"] as const) {
      const bv = b[q];
      const cv = c[q];
      if (bv === undefined) continue;
      if (cv === undefined) {
        regressions.push(`task ${taskId}: true ${q} missing from this run`);
        continue;
      }
      const delta = Math.abs(cv - bv);
      if (delta > tol.truthRelative * Math.abs(bv) + 1e-12) {
        regressions.push(
          `truth moved: ${taskId} ${q} ${sig(bv, 10)} → ${sig(cv, 10)} nats (|Δ| ${sig(delta, 3)} nats, relative ${sig(delta / Math.abs(bv), 3)} > ${tol.truthRelative})`,
        );
      }
    }
  }
  for (const taskId of Object.keys(current.truths)) {
    if (!base.truths[taskId]) notes.push(`task ${taskId}: new (not in the baseline)`);
  }
  for (const [key, b] of Object.entries(base.cells)) {
    const c = current.cells[key];
    if (!c) {
      regressions.push(`${key}: missing from this run`);
      continue;
    }
    if (c.failures > b.failures) {
      regressions.push(`${key}: failed runs ${b.failures} → ${c.failures} of ${c.runs}`);
    }
    if (b.rmse !== null && c.rmse !== null) {
      const limit = b.rmse * (1 + tol.errorRelative) + tol.errorAbsolute;
      if (c.rmse > limit) {
        regressions.push(
          `error grew: ${key}: RMSE ${sig(b.rmse)} → ${sig(c.rmse)} nats (limit ${sig(limit)} nats = baseline × ${1 + tol.errorRelative} + ${tol.errorAbsolute})`,
        );
      } else if (c.rmse < b.rmse / (1 + tol.errorRelative) - tol.errorAbsolute) {
        notes.push(`improved: ${key}: RMSE ${sig(b.rmse)} → ${sig(c.rmse)} nats`);
      }
    } else if (b.rmse !== null && c.rmse === null) {
      regressions.push(`${key}: every run failed (baseline RMSE ${sig(b.rmse)} nats)`);
    }
  }
  for (const key of Object.keys(current.cells)) {
    if (!base.cells[key]) notes.push(`${key}: new (not in the baseline)`);
  }
  return { ok: regressions.length === 0, regressions, notes };
}
