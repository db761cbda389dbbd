/**
 * `infoflow replica`: entropy, mutual information and MMSE of multi-layer stochastic networks by the replica
 * formula (@infoflow/replica; shared/docs/replica-math.md).
 *
 *   infoflow replica --cases FILE      a JSON array of cases in the format of replica-cases.json → a JSON array
 *                                      { id, entropy, mi, mmse, fixedPoints, converged, iterations, seconds,
 *                                      warnings, error } on stdout, input order; exit 1 if any case failed
 *   infoflow replica SPEC.json         one network ({ layers, weights } or one case): a readable report, or
 *                                      the same JSON object with --json
 *
 * Non-finite numbers are written as the strings "Infinity" / "-Infinity" (JSON has no infinities). The package
 * is imported when the command runs, so the rest of the CLI starts fast.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type { Command } from "commander";
import { CliError } from "../errors";

interface ReplicaCliOptions {
  cases?: string;
  json?: boolean;
  all?: boolean;
  mode: string;
  vamp?: boolean;
  maxIter?: string;
  tol?: string;
  tolTest?: string;
  v0?: string;
  exactSweeps?: boolean;
}

export function registerReplica(program: Command): void {
  program
    .command("replica")
    .description("replica entropy, mutual information and MMSE of a multi-layer stochastic network")
    .argument(
      "[spec]",
      "network JSON: { layers, weights } as in replica-cases.json, or one case of that file",
    )
    .option(
      "--cases <file>",
      "run every case of a JSON array (replica-cases.json format); JSON array on stdout",
    )
    .option("--json", "machine-readable output for a single spec")
    .option("--all", "every layer (dnner compute_all): the entropy and MI of T_1, …, T_L")
    .option("--mode <mode>", "robust (every start converged, guards, fallback solver) or dnner", "robust")
    .option("--vamp", "ML-VAMP as the first solver (dnner use_vamp)")
    .option("--max-iter <n>", "sweeps per run (dnner max_iter; default 1000, dnner mode 250)")
    .option("--tol <x>", "convergence threshold on Σ|ΔV| per sweep (default 1e-11)")
    .option("--tol-test <x>", "dnner mode: tolerance of the screening runs (default 1e-3)")
    .option("--v0 <x>", "start every layer's V at this value instead of dnner's multi-start")
    .option(
      "--exact-sweeps",
      "integrate every sweep at full accuracy (default: sweeps far from the fixed point screen; same result)",
    )
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  pnpm infoflow replica examples/replica/two-layer-relu.json\n" +
        "  pnpm infoflow replica examples/replica/two-layer-relu.json --all\n" +
        "  pnpm infoflow replica --cases ../shared/reference/replica-cases.json > out.json\n",
    )
    .action(async (specPath: string | undefined, opts: ReplicaCliOptions) => {
      if ((specPath === undefined) === (opts.cases === undefined)) {
        throw new CliError("replica: give either a SPEC.json or --cases FILE");
      }
      const mode = opts.mode;
      if (mode !== "robust" && mode !== "dnner")
        throw new CliError(`--mode: expected robust or dnner, got ${mode}`);
      const { runCase } = await import("@infoflow/replica");
      if (opts.cases !== undefined) {
        const cases = readJson(opts.cases);
        if (!Array.isArray(cases)) throw new CliError(`${opts.cases}: expected a JSON array of cases`);
        const outputs = cases.map((c) => runCase(c, mode));
        process.stdout.write(`${JSON.stringify(outputs, nonFinite, 2)}\n`);
        process.exitCode = outputs.every((o) => o.error === null) ? 0 : 1;
        return;
      }
      const path = specPath as string;
      const input = readJson(path);
      const single = asCase(input, basename(path), opts);
      const out = runCase(single, mode);
      if (opts.json) process.stdout.write(`${JSON.stringify(out, nonFinite, 2)}\n`);
      else if (out.error !== null) throw new CliError(out.error.message);
      else process.stdout.write(describe(out, single));
      process.exitCode = out.error === null ? 0 : 1;
    });
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new CliError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError(`${path}: not valid JSON (${(e as Error).message})`);
  }
}

function numberFlag(name: string, raw: string | undefined, integer = false): number | undefined {
  if (raw === undefined) return undefined;
  const x = Number(raw);
  if (!Number.isFinite(x) || x <= 0 || (integer && !Number.isInteger(x))) {
    throw new CliError(`--${name}: expected a positive ${integer ? "integer" : "number"}, got ${raw}`);
  }
  return x;
}

/** A spec file as one case: `{ layers, weights }` or a case object; flags override its options. */
function asCase(input: unknown, id: string, opts: ReplicaCliOptions): Record<string, unknown> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new CliError(`${id}: expected a JSON object { layers, weights } (use --cases for an array)`);
  }
  const c: Record<string, unknown> = { id, call: "compute_entropy", ...(input as Record<string, unknown>) };
  const options = { ...((c.options as Record<string, unknown> | undefined) ?? {}) };
  if (opts.vamp) options.use_vamp = true;
  const maxIter = numberFlag("max-iter", opts.maxIter, true);
  if (maxIter !== undefined) options.max_iter = maxIter;
  const tol = numberFlag("tol", opts.tol);
  if (tol !== undefined) options.tol = tol;
  const tolTest = numberFlag("tol-test", opts.tolTest);
  if (tolTest !== undefined) options.tol_test = tolTest;
  if (opts.v0 !== undefined) {
    const v0 = Number(opts.v0);
    if (!Number.isFinite(v0) || v0 < 0) throw new CliError(`--v0: expected a number ≥ 0, got ${opts.v0}`);
    options.v0 = v0;
  }
  if (opts.exactSweeps) options.exact_sweeps = true;
  if (opts.all) c.call = "compute_all";
  return { ...c, options };
}

/** JSON replacer: ±∞ as strings (JSON has no infinities); NaN, which the package never returns, as "NaN". */
export function nonFinite(_key: string, value: unknown): unknown {
  if (typeof value === "number" && !Number.isFinite(value)) {
    return Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
  }
  return value;
}

interface Out {
  entropy: number | number[] | null;
  mi: number | number[] | null;
  mmse: number | number[] | null;
  converged: boolean | null;
  iterations: number | number[] | null;
  fixedPoints: unknown;
  seconds: number;
  warnings: string[];
}

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toFixed(10).padStart(15) : String(x).padStart(15);
}

function layerNames(c: Record<string, unknown>): string {
  const layers = c.layers as Array<{ name?: string; params?: Record<string, unknown> }>;
  return layers
    .map((l) => `${l.name}${l.params ? JSON.stringify(l.params).replace(/"/g, "") : ""}`)
    .join(" → ");
}

/** The readable report of one network. */
function describe(out: Out, c: Record<string, unknown>): string {
  const lines = [`network: ${layerNames(c)}`, "per input unit, in nats (bits = nats / ln 2)"];
  const ent = Array.isArray(out.entropy) ? out.entropy : [out.entropy as number];
  const mi = Array.isArray(out.mi) ? out.mi : [out.mi as number];
  const mmse = Array.isArray(out.mmse) ? out.mmse : [out.mmse as number];
  const its = Array.isArray(out.iterations) ? out.iterations : [out.iterations as number];
  const all = Array.isArray(out.entropy);
  lines.push(`${all ? "layer" : "     "}        H(T)/n0       I(X;T)/n0            mmse  sweeps`);
  ent.forEach((h, i) => {
    lines.push(
      `${all ? `T_${i + 1}`.padEnd(5) : "     "}${fmt(h)} ${fmt(mi[i])} ${fmt(mmse[i])}  ${String(its[i]).padStart(6)}`,
    );
  });
  const fps = (all ? (out.fixedPoints as unknown[][]) : [out.fixedPoints as unknown[]]).map((f) => f.length);
  lines.push(
    `converged: ${out.converged ? "yes" : "NO"}; fixed points found: ${fps.join(", ")}; ${out.seconds.toFixed(3)} s`,
  );
  if (all)
    lines.push(
      "(I(X;T) is dnner's mi = [H(T_ℓ) − H(T_ℓ | T_ℓ−1)]/n0: I(X;T_ℓ) when the hidden layers are noiseless)",
    );
  for (const w of out.warnings) lines.push(`warning: ${w}`);
  return `${lines.join("\n")}\n`;
}
