/**
 * Command-line flags shared by the experiment runners: `--full` (the paper's sizes instead of the
 * default minutes-on-2-cores ones), `--fresh` (ignore results from an earlier run and start over).
 * Every runner writes to `<experiment>/report/` (default size) or `<experiment>/report-full/`.
 */
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface ExperimentArgs {
  readonly full: boolean;
  readonly fresh: boolean;
  /** the directory the report, plots and results go to (created) */
  readonly outDir: string;
  /** "default" or "full", for the report's header */
  readonly size: "default" | "full";
}

const KNOWN = new Set(["--full", "--fresh"]);

/** Parse the flags of `pnpm tsx benchmarks/experiments/<name>/run.ts [--full] [--fresh]`. */
export function experimentArgs(
  runnerUrl: string,
  argv: readonly string[] = process.argv.slice(2),
): ExperimentArgs {
  const unknown = argv.filter((a) => !KNOWN.has(a));
  if (unknown.length > 0) {
    console.error(`unknown argument ${unknown[0]} (use --full for the paper's sizes, --fresh to start over)`);
    process.exit(1);
  }
  const full = argv.includes("--full");
  const outDir = join(dirname(fileURLToPath(runnerUrl)), full ? "report-full" : "report");
  mkdirSync(outDir, { recursive: true });
  return { full, fresh: argv.includes("--fresh"), outDir, size: full ? "full" : "default" };
}
