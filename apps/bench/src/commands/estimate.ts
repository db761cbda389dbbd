/**
 * `infoflow estimate --estimator NAME [--param key=value ...] [--json] FILE`: one estimate from a JSON
 * file holding `x` and, for an MI, `y` (samples) or `labels` (integers). Arrays are rows (`number[][]`)
 * or `{ "shape": [n, d], "data": [row-major numbers] }` (the reference data sets' format). Estimators
 * with both methods (binning, kde-*, sp) give the entropy of x without a target and I(T;Y) with one.
 * `--json` prints the Estimate object (`value` in nats unless `--param base=2`); `--list` shows every
 * estimator with its parameters and defaults. Errors are one line naming the argument, exit 1.
 */
import { readFileSync } from "node:fs";
import type { Estimate, EstimatorInfo, Samples, Target } from "@infoflow/estimators";
import type { Command } from "commander";
import { CliError } from "../errors";

export interface EstimateOptions {
  estimator?: string;
  param: string[];
  json?: boolean;
  list?: boolean;
}

/** `key=value` → value: JSON when it parses (numbers, arrays, true/false), a list of numbers for "a,b", else text. */
export function parseParam(kv: string): [string, unknown] {
  const eq = kv.indexOf("=");
  if (eq <= 0) throw new CliError(`--param expects key=value, got '${kv}'`);
  const key = kv.slice(0, eq).trim();
  const raw = kv.slice(eq + 1).trim();
  try {
    return [key, JSON.parse(raw)];
  } catch {
    const parts = raw.split(",");
    if (parts.length > 1 && parts.every((p) => p.trim() !== "" && Number.isFinite(Number(p)))) {
      return [key, parts.map(Number)];
    }
    return [key, raw];
  }
}

function readInput(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new CliError(`FILE: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new CliError(`FILE: ${file} is not valid JSON (${(e as Error).message})`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new CliError(`FILE: ${file} must hold a JSON object with 'x' (and 'y' or 'labels')`);
  }
  return parsed as Record<string, unknown>;
}

function formatValue(v: unknown): string {
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(10)));
  if (typeof v === "string") return v;
  const s = JSON.stringify(v);
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
}

function describeEstimators(list: EstimatorInfo[]): string {
  const lines: string[] = [];
  for (const e of list) {
    lines.push(`${e.id} (${e.kind === "both" ? "entropy, or MI with y/labels" : e.kind}): ${e.description}`);
    for (const [key, text] of Object.entries(e.parameters)) {
      const def = key in e.defaults ? ` [default ${formatValue(e.defaults[key])}]` : "";
      lines.push(`    ${key}: ${text}${def}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

function describeEstimate(id: string, what: string, r: Estimate): string {
  const se = r.stdError !== undefined ? ` ± ${formatValue(r.stdError)} (standard error)` : "";
  const lines = [`${id}: ${what} = ${formatValue(r.value)} ${r.unit}${se}`];
  lines.push(
    `  params: ${Object.entries(r.params)
      .map(([k, v]) => `${k}=${formatValue(v)}`)
      .join(" ")}`,
  );
  for (const [k, v] of Object.entries(r.diagnostics)) lines.push(`  ${k}: ${formatValue(v)}`);
  return `${lines.join("\n")}\n`;
}

/** Run the command; returns what to print on stdout. */
export async function estimateCommand(file: string | undefined, opts: EstimateOptions): Promise<string> {
  const est = await import("@infoflow/estimators");
  if (opts.list) {
    const list = est.listEstimators();
    return opts.json ? `${JSON.stringify(list, null, 2)}\n` : describeEstimators(list);
  }
  if (!opts.estimator) throw new CliError("--estimator is required (see --list)");
  if (file === undefined) throw new CliError("FILE is required: a JSON file with 'x' (and 'y' or 'labels')");
  const params = Object.fromEntries(opts.param.map(parseParam));
  const input = readInput(file);
  try {
    const estimator = est.createEstimator(opts.estimator, params);
    if (input.x === undefined) throw new CliError(`FILE: ${file} has no 'x'`);
    const x: Samples = est.samples(input.x as Parameters<typeof est.samples>[0], undefined, undefined, "x");
    if (input.y !== undefined && input.labels !== undefined) {
      throw new CliError("FILE: give either 'y' or 'labels', not both");
    }
    let target: Target | undefined;
    if (input.labels !== undefined) {
      const l = input.labels as { data?: unknown };
      const raw = typeof l === "object" && l !== null && !Array.isArray(l) && "data" in l ? l.data : l;
      target = est.checkLabels(raw, x.n, "labels");
    } else if (input.y !== undefined) {
      target = est.samples(input.y as Parameters<typeof est.samples>[0], undefined, undefined, "y");
    }
    let result: Estimate;
    let what: string;
    if (estimator.kind === "mi" || (estimator.kind === "both" && target !== undefined)) {
      if (target === undefined) {
        throw new CliError(`estimator ${opts.estimator} estimates I(X;Y): FILE needs 'y' or 'labels'`);
      }
      result = estimator.estimate(x, target);
      what = estimator.kind === "mi" ? "I(X;Y)" : "I(T;Y)";
    } else {
      result = estimator.entropy(x);
      what = opts.estimator === "kl" ? "h(X)" : opts.estimator === "binning" ? "H(Bin(T))" : "h(T)";
    }
    return opts.json
      ? `${JSON.stringify(result, null, 2)}\n`
      : describeEstimate(opts.estimator, what, result);
  } catch (e) {
    if (e instanceof est.InvalidInputError) throw new CliError(e.message);
    throw e;
  }
}

export function registerEstimate(program: Command): void {
  program
    .command("estimate")
    .description("estimate an entropy or a mutual information from a JSON file of samples")
    .argument("[file]", "JSON with 'x' and, for MI, 'y' or 'labels' (rows or {shape, data})")
    .option("--estimator <name>", "ksg1, ksg2, kl, kde-upper, kde-lower, binning, sp (see --list)")
    .option(
      "--param <key=value>",
      "estimator parameter (repeatable), e.g. k=5, variance=0.01, base=2, range=-1,1",
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option("--json", "print the Estimate object as JSON")
    .option("--list", "list every estimator with its parameters and defaults")
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  pnpm infoflow estimate --estimator ksg1 --param k=5 data.json\n" +
        "  pnpm infoflow estimate --estimator kde-upper --param variance=0.001 --json layer.json\n" +
        "  pnpm infoflow estimate --estimator binning --param mode=idnns --param bins=30 --param base=2 layer.json\n" +
        "  pnpm infoflow estimate --list\n",
    )
    .action(async (file: string | undefined, opts: EstimateOptions) => {
      process.stdout.write(await estimateCommand(file, opts));
    });
}
