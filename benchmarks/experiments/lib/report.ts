/**
 * Report helpers for the experiments: SVG plots through the project's one Vega-Lite renderer
 * (`apps/bench/src/plot/render.ts`), Markdown tables, number formatting and a run header that says
 * what produced the numbers (commit, machine, size).
 */
import { execSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { join } from "node:path";
import { renderVegaLiteSvg } from "../../../apps/bench/src/plot/render";

/** A Vega-Lite spec, as the renderer takes it. */
export type PlotSpec = Parameters<typeof renderVegaLiteSvg>[0];

/** Render a Vega-Lite spec to `<dir>/<file>` and return the file name (for the Markdown link). */
export async function writePlot(dir: string, file: string, spec: PlotSpec): Promise<string> {
  // no per-mark ARIA descriptions: they triple the size of committed SVGs with thousands of points
  const lean = { ...spec, config: { ...(spec.config ?? {}), aria: false } } as PlotSpec;
  writeFileSync(join(dir, file), await renderVegaLiteSvg(lean));
  return file;
}

/** A Markdown table from a header and rows of cells. */
export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Fixed-point formatting that prints NaN/∞ readably. */
export function fmt(v: number | undefined, digits = 4): string {
  if (v === undefined) return "—";
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "∞" : "−∞";
  return v.toFixed(digits);
}

/** Scientific formatting for small differences. */
export function sci(v: number | undefined, digits = 1): string {
  if (v === undefined) return "—";
  if (!Number.isFinite(v)) return fmt(v);
  return v.toExponential(digits);
}

/** The short hash of the current commit, or "unknown". */
export function commitId(): string {
  try {
    const git = (args: string) =>
      execSync(`git ${args}`, { stdio: ["ignore", "pipe", "ignore"] })
        .toString()
        .trim();
    return git("rev-parse --short HEAD");
  } catch {
    return "unknown";
  }
}

/** One line saying what produced the report. */
export function runHeader(size: string, seconds: number): string {
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  return `Run: ${size} size, commit ${commitId()}, ${availableParallelism()} × ${cpu}, Node ${process.version}; this invocation took ${seconds.toFixed(0)} s (work resumed from an earlier run is not counted).`;
}

/** Seconds since `t0` (from `performance.now()`). */
export function since(t0: number): number {
  return (performance.now() - t0) / 1000;
}
