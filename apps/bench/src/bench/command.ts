/**
 * What `infoflow bench` does once its options are parsed: load the suite and the registry, run (or list,
 * or only report), write the report, compare with or rewrite the baseline. Returns the exit code.
 */
import { isAbsolute, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { BenchOptions } from "../commands/bench";
import { CliError } from "../errors";
import { type Comparison, compareBaseline, makeBaseline, readBaseline, writeBaseline } from "./baseline";
import {
  type FilterTerm,
  inShard,
  jobMatches,
  parseFilters,
  parseShard,
  type Shard,
  taskMatches,
} from "./filter";
import { formatPoint } from "./grid";
import { describeTask, TaskCache, type TaskInfo } from "./job";
import { baselinePath, benchmarksRoot, defaultResultsDir, suitePath } from "./paths";
import { expandJobs, planSuite } from "./plan";
import { formatDuration } from "./progress";
import { type BenchRegistry, loadRegistry } from "./registry";
import { machineInfo } from "./report/machine";
import { runSuite } from "./runner";
import { readResults, readTruths } from "./store";
import { loadSuite, type Suite, SuiteError, suiteHash } from "./suite";

const DEFAULT_REGISTRY = new URL("./default-registry.ts", import.meta.url).href;

function parseWorkers(v: string | undefined): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0)
    throw new CliError(`--workers: expected a non-negative integer, got '${v}'`);
  return n;
}

function show(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

export async function bench(suiteArg: string, opts: BenchOptions): Promise<number> {
  const root = benchmarksRoot();
  const path = suitePath(suiteArg, root);
  let suite: Suite;
  try {
    suite = loadSuite(path);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  const workers = parseWorkers(opts.workers);
  const filters = parseFilters(opts.filter);
  const shard = opts.shard ? parseShard(opts.shard) : undefined;
  if (opts.ci && shard) throw new CliError("--ci compares the whole suite with its baseline; drop --shard");
  if (opts.ci && filters.length)
    throw new CliError("--ci compares the whole suite with its baseline; drop --filter");
  const registryUrl = opts.registry ? pathToFileURL(resolve(opts.registry)).href : DEFAULT_REGISTRY;
  const registry = await loadRegistry(registryUrl);
  const outDir = opts.out ? resolve(opts.out) : defaultResultsDir(suite.name, root);
  const source = show(path);
  const planOrThrow = () => {
    try {
      return planSuite(suite, registry, source);
    } catch (err) {
      if (err instanceof SuiteError) throw new CliError(err.message);
      throw err;
    }
  };

  if (opts.list) {
    listSuite(suite, source, registry, planOrThrow(), filters, shard, opts.json ?? false);
    return 0;
  }

  const log = (line: string) => process.stderr.write(`${line}\n`);
  let runInfo: { seconds: number; workers: number; resumed: boolean } | undefined;
  let exitCode = 0;
  if (!opts.reportOnly) {
    planOrThrow();
    const controller = new AbortController();
    let interrupts = 0;
    // Ctrl-C (and a CI runner's SIGTERM) stop the pool; every finished result is already on disk
    const onSigint = () => {
      interrupts++;
      if (interrupts > 1) process.exit(130);
      log("\ninterrupted: stopping; finished results are kept (Ctrl-C again to quit at once)");
      controller.abort();
    };
    process.on("SIGINT", onSigint);
    process.on("SIGTERM", onSigint);
    try {
      const summary = await runSuite({
        suite,
        source,
        registry,
        registryUrl,
        outDir,
        workers,
        resume: opts.resume ?? false,
        filters,
        ...(shard ? { shard } : {}),
        signal: controller.signal,
        log,
        tty: process.stderr.isTTY === true,
        progressIntervalSeconds: Number(opts.progressInterval ?? 10),
      });
      for (const f of summary.truthFailures) log(`truth failed: ${f.where}: ${f.error}`);
      for (const s of summary.skipped) log(`skipped ${s.count} job(s): ${s.reason}`);
      if (summary.aborted) {
        const written = readResults(outDir).length;
        log(`stopped: ${written} result(s) in ${show(outDir)}/results.jsonl; continue with --resume`);
        return 130;
      }
      log(
        `${suite.name}: ${summary.ran} job(s) run (${summary.failed} failed), ${summary.alreadyDone} reused, ` +
          `${summary.truthsComputed} truth(s) computed, ${summary.truthsCached} cached, in ${formatDuration(summary.seconds)}`,
      );
      runInfo = { seconds: summary.seconds, workers, resumed: opts.resume ?? false };
      if (summary.truthFailures.length) exitCode = 1;
    } finally {
      process.off("SIGINT", onSigint);
      process.off("SIGTERM", onSigint);
    }
  }

  const results = readResults(outDir);
  const truths = readTruths(outDir);
  if (results.length === 0) throw new CliError(`no results in ${show(outDir)}/results.jsonl`);
  const basePath = opts.baseline ? resolve(opts.baseline) : baselinePath(suite.name, root);
  const machine = machineInfo(root, [outDir, basePath]);
  const current = makeBaseline({ name: suite.name, hash: suiteHash(suite) }, results, truths, machine.commit);

  let comparison: Comparison | undefined;
  if (opts.ci) {
    const base = readBaseline(basePath);
    if (!base) {
      throw new CliError(
        `no baseline ${show(basePath)}; create it with: pnpm infoflow bench ${suite.name} --update-baseline`,
      );
    }
    comparison = compareBaseline(base, current, suite.tolerance);
  }

  if (opts.report) {
    // Vega is heavy to load: only when a report is written
    const { buildReport, writeReport } = await import("./report/build");
    const report = await buildReport({
      suite,
      results,
      truths,
      machine,
      ...(runInfo ? { run: runInfo } : {}),
      ...(comparison
        ? {
            baseline: {
              ok: comparison.ok,
              lines: [...comparison.regressions, ...comparison.notes],
              file: show(basePath),
            },
          }
        : {}),
    });
    writeReport(outDir, report);
    console.log(`report: ${show(outDir)}/report.md, ${show(outDir)}/report.html`);
  }

  if (comparison) {
    const tol = suite.tolerance;
    console.log(
      `baseline ${show(basePath)}: tolerance RMSE × ${1 + tol.errorRelative} + ${tol.errorAbsolute} nats, truth ${tol.truthRelative} relative`,
    );
    for (const line of comparison.regressions) console.log(`  REGRESSION ${line}`);
    for (const line of comparison.notes) console.log(`  note ${line}`);
    console.log(
      comparison.ok
        ? `baseline check passed (${Object.keys(current.cells).length} cells, ${Object.keys(current.truths).length} truths)`
        : `baseline check FAILED: ${comparison.regressions.length} regression(s); if intended, run: pnpm infoflow bench ${suite.name} --update-baseline`,
    );
    if (!comparison.ok) exitCode = 1;
  }

  if (opts.updateBaseline) {
    writeBaseline(basePath, current);
    console.log(
      `baseline written: ${show(basePath)} (${Object.keys(current.cells).length} cells, ${Object.keys(current.truths).length} truths)`,
    );
  }
  return exitCode;
}

function listSuite(
  suite: Suite,
  source: string,
  registry: BenchRegistry,
  plan: ReturnType<typeof planSuite>,
  filters: FilterTerm[],
  shard: Shard | undefined,
  json: boolean,
): void {
  const cache = new TaskCache(registry, 1);
  const infos: Record<string, TaskInfo> = {};
  const lines: string[] = [];
  lines.push("tasks:");
  for (const t of plan.tasks) {
    const info = describeTask(t.taskKey, t.spec, cache);
    if (!taskMatches(filters, info)) continue;
    infos[t.taskKey] = info;
    lines.push(
      `  ${t.where.padEnd(28)} ${info.taskId}  (${info.family}, dimX ${info.dimX}, dimY ${info.dimY})`,
    );
  }
  lines.push("estimators:");
  for (const e of plan.estimators) {
    const limits = [
      e.families ? `families ${e.families.join("/")}` : "",
      e.maxN ? `N ≤ ${e.maxN}` : "",
      e.maxDim ? `dimX+dimY ≤ ${e.maxDim}` : "",
      e.seedFromJob ? "seed = job seed" : "",
    ].filter(Boolean);
    lines.push(
      `  ${e.label.padEnd(28)} ${e.id} → ${e.target}${Object.keys(e.params).length ? ` {${formatPoint(e.params)}}` : ""}${limits.length ? `  [${limits.join("; ")}]` : ""}`,
    );
  }
  const kept = { ...plan, tasks: plan.tasks.filter((t) => infos[t.taskKey]) };
  const { jobs, skipped } = expandJobs(kept, suite, infos, { checkEntropy: false });
  const selected = jobs.filter(
    (j) => jobMatches(filters, { ...j, family: j.taskSpec.family }) && (!shard || inShard(j.key, shard)),
  );
  if (json) {
    // pure job descriptions: each line is everything a worker needs (with the same registry) to run it
    for (const j of selected) console.log(JSON.stringify(j));
    return;
  }
  console.log(
    `suite ${suite.name} (${source}, hash ${suiteHash(suite)}): ${kept.tasks.length} task(s), ${plan.estimators.length} estimator configuration(s), N ∈ {${suite.n.join(", ")}}, seeds {${suite.seeds.join(", ")}} → ${selected.length} job(s)`,
  );
  for (const s of skipped) lines.push(`skipped ${s.count} job(s): ${s.reason}`);
  console.log(lines.join("\n"));
}
