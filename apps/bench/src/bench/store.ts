/**
 * The results directory: `results.jsonl` (one `RunResult` per line, appended as each job finishes) and
 * `truths.json` (one entry per task, the replica or closed-form value, written after each computation).
 * Appends are single `write` calls of one whole line; a run killed mid-write can leave a truncated last
 * line, which `readResults` drops (and `repairResults` cuts off before a resumed run appends to the file).
 */
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import type { Target, TaskTruth } from "./job";

/** One line of `results.jsonl`. Values in nats; `estimate` is null when the estimator failed (`error` says why). */
export interface RunResult {
  key: string;
  taskId: string;
  family: string;
  estimatorId: string;
  label: string;
  target: Target;
  seed: number;
  n: number;
  estimate: number | null;
  truth: number;
  unit: "nats";
  /** estimator wall time, seconds */
  seconds: number;
  params: Record<string, unknown>;
  taskParams: Record<string, unknown>;
  diagnostics: Record<string, unknown>;
  error?: string;
}

export const RESULTS_FILE = "results.jsonl";
export const TRUTHS_FILE = "truths.json";

export function resultsPath(dir: string): string {
  return join(dir, RESULTS_FILE);
}

/** Parse `results.jsonl`; unparsable lines (a run killed mid-write) are dropped; later duplicates of a key too. */
export function readResults(dir: string): RunResult[] {
  const path = resultsPath(dir);
  if (!existsSync(path)) return [];
  const seen = new Set<string>();
  const out: RunResult[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    let r: RunResult;
    try {
      r = JSON.parse(line) as RunResult;
    } catch {
      continue;
    }
    if (typeof r.key !== "string" || seen.has(r.key)) continue;
    seen.add(r.key);
    out.push(r);
  }
  return out;
}

/** Cut a truncated last line (no trailing newline) so the next append starts on a fresh line. */
export function repairResults(dir: string): void {
  const path = resultsPath(dir);
  if (!existsSync(path)) return;
  const text = readFileSync(path);
  if (text.length === 0 || text[text.length - 1] === 0x0a) return;
  const lastNewline = text.lastIndexOf(0x0a);
  truncateSync(path, lastNewline + 1);
}

/** Append-only writer of `results.jsonl`. */
export class ResultWriter {
  private readonly path: string;
  constructor(dir: string, fresh: boolean) {
    mkdirSync(dir, { recursive: true });
    this.path = resultsPath(dir);
    if (fresh) writeFileSync(this.path, "");
    else repairResults(dir);
  }

  append(r: RunResult): void {
    appendFileSync(this.path, `${JSON.stringify(r)}\n`);
  }
}

export type TruthTable = Record<string, TaskTruth>;

export function readTruths(dir: string): TruthTable {
  const path = join(dir, TRUTHS_FILE);
  if (!existsSync(path)) return {};
  try {
    return JSON.parse(readFileSync(path, "utf8")) as TruthTable;
  } catch {
    return {};
  }
}

/** Write the whole table to a temporary file and rename it over the old one, so it is never half-written. */
export function writeTruths(dir: string, truths: TruthTable): void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, TRUTHS_FILE);
  const sorted = Object.fromEntries(
    Object.keys(truths)
      .sort()
      .map((k) => [k, truths[k]]),
  );
  writeFileSync(`${path}.tmp`, `${JSON.stringify(sorted, null, 1)}\n`);
  renameSync(`${path}.tmp`, path);
}
