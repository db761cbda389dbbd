/**
 * metrics.jsonl: one JSON line per evaluated epoch, appended and flushed as soon as the epoch is
 * done (so a crash loses at most the epoch in progress). On resume, lines for epochs after the
 * checkpoint are dropped: they are recomputed, identically, by the resumed run.
 */
import {
  appendFileSync,
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { nonFiniteReplacer, nonFiniteReviver } from "./jsonNumbers";

export function appendMetricsLine(path: string, record: object): void {
  appendFileSync(path, `${JSON.stringify(record, nonFiniteReplacer)}\n`);
  const fd = openSync(path, "r+");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Parse a metrics.jsonl file (non-finite numbers restored); a torn last line is ignored. */
export function readMetrics<T = Record<string, unknown>>(path: string): T[] {
  if (!existsSync(path)) return [];
  const out: T[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    try {
      out.push(JSON.parse(line, nonFiniteReviver) as T);
    } catch {
      // a line cut by a crash mid-write; the resumed run rewrites that epoch
    }
  }
  return out;
}

/** Keep only the lines with epoch ≤ lastEpoch, byte for byte (rewrites the file). */
export function truncateMetrics(path: string, lastEpoch: number): void {
  if (!existsSync(path)) return;
  const kept: string[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    try {
      if ((JSON.parse(line) as { epoch: number }).epoch <= lastEpoch) kept.push(`${line}\n`);
    } catch {
      // torn line: dropped
    }
  }
  writeFileSync(path, kept.join(""));
}
