/**
 * Results that survive a crash: one JSON line per finished unit of work, appended as soon as it
 * finishes, keyed so that a rerun skips what is done (CONTRIBUTING: long runs write results as they go
 * and resume without losing work).
 */
import { appendFileSync, existsSync, readFileSync, rmSync } from "node:fs";

export interface ResultStore<T> {
  has(key: string): boolean;
  get(key: string): T | undefined;
  /** Record a finished unit and append it to the file at once. */
  put(key: string, value: T): void;
  /** Every stored value, in the order they were first written. */
  values(): T[];
  readonly size: number;
}

/** Open (or, with `fresh`, truncate) the JSON-lines store at `path`. Non-finite numbers round-trip as strings. */
export function openStore<T>(path: string, fresh = false): ResultStore<T> {
  if (fresh && existsSync(path)) rmSync(path);
  const map = new Map<string, T>();
  if (existsSync(path)) {
    for (const line of readFileSync(path, "utf8").split("\n")) {
      if (line.trim() === "") continue;
      // a line cut by a crash is dropped: its unit is simply redone
      try {
        const row = JSON.parse(line, reviveNumbers) as { key: string; value: T };
        map.set(row.key, row.value);
      } catch {
        // partial last line
      }
    }
  }
  return {
    has: (key) => map.has(key),
    get: (key) => map.get(key),
    put(key, value) {
      map.set(key, value);
      appendFileSync(path, `${JSON.stringify({ key, value }, replaceNumbers)}\n`);
    },
    values: () => [...map.values()],
    get size() {
      return map.size;
    },
  };
}

function replaceNumbers(_k: string, v: unknown): unknown {
  if (typeof v === "number" && !Number.isFinite(v)) return String(v);
  return v;
}

function reviveNumbers(_k: string, v: unknown): unknown {
  if (v === "NaN") return Number.NaN;
  if (v === "Infinity") return Number.POSITIVE_INFINITY;
  if (v === "-Infinity") return Number.NEGATIVE_INFINITY;
  return v;
}
