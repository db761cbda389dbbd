/**
 * Where suites, baselines and results live: `benchmarks/` at the repository root, found by walking up from
 * the working directory (pnpm runs scripts from the root), else next to this source tree.
 */
import { existsSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export function benchmarksRoot(cwd = process.cwd()): string {
  let dir = resolve(cwd);
  for (;;) {
    if (existsSync(join(dir, "benchmarks", "suites"))) return join(dir, "benchmarks");
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return fileURLToPath(new URL("../../../../benchmarks/", import.meta.url));
}

/** A suite argument is a name in `benchmarks/suites/` (`quick`) or a path to a JSON file. */
export function suitePath(arg: string, root = benchmarksRoot()): string {
  if (arg.endsWith(".json") || arg.includes("/") || arg.includes("\\"))
    return isAbsolute(arg) ? arg : resolve(arg);
  return join(root, "suites", `${arg}.json`);
}

export function defaultResultsDir(suiteName: string, root = benchmarksRoot()): string {
  return join(root, "results", suiteName);
}

export function baselinePath(suiteName: string, root = benchmarksRoot()): string {
  return join(root, "baselines", `${suiteName}.json`);
}
