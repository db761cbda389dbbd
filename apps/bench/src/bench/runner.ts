/**
 * One benchmark run: plan the suite, describe the tasks, compute (or reuse) their truths, expand and filter
 * the jobs, skip what `--resume` finds done, run the rest on the pool and append each result the moment
 * it settles. Returns what happened; the command prints it and builds the report.
 */
import { type FilterTerm, inShard, jobMatches, type Shard, taskMatches } from "./filter";
import {
  type Job,
  type JobOutcome,
  quantityOf,
  type TaskInfo,
  type TaskTruth,
  type TruthRequest,
} from "./job";
import { expandJobs, planSuite, type SkippedJobs, truthRequests } from "./plan";
import { createPool } from "./pool";
import { Progress } from "./progress";
import type { BenchRegistry } from "./registry";
import { ResultWriter, type RunResult, readResults, readTruths, type TruthTable, writeTruths } from "./store";
import type { Suite } from "./suite";

export interface RunOptions {
  suite: Suite;
  /** names the suite in errors (its file path) */
  source: string;
  /** the registry, in this thread, for planning */
  registry: BenchRegistry;
  /** the same registry as a module URL, for the workers */
  registryUrl: string;
  outDir: string;
  workers: number;
  resume: boolean;
  filters?: FilterTerm[];
  /** run only this share of the jobs (`--shard i/n`) */
  shard?: Shard;
  signal?: AbortSignal;
  /** status lines (stderr in the CLI) */
  log?: (line: string) => void;
  /** raw progress output; defaults to `log` without the newline handling */
  progressWrite?: (s: string) => void;
  tty?: boolean;
  progressIntervalSeconds?: number;
}

export interface Failure {
  where: string;
  error: string;
}

export interface RunSummary {
  tasks: number;
  truthsComputed: number;
  truthsCached: number;
  truthFailures: Failure[];
  jobs: Job[];
  alreadyDone: number;
  ran: number;
  failed: number;
  skipped: SkippedJobs[];
  aborted: boolean;
  seconds: number;
  truths: TruthTable;
}

export async function runSuite(opts: RunOptions): Promise<RunSummary> {
  const t0 = performance.now();
  const log = opts.log ?? (() => {});
  const filters = opts.filters ?? [];
  const plan = planSuite(opts.suite, opts.registry, opts.source);
  const pool = createPool({ workers: opts.workers, registryUrl: opts.registryUrl });
  const truthFailures: Failure[] = [];
  try {
    // 1. describe every task (cheap: ids, dimensions, parameters), then keep those the filters allow
    const infos = new Map<string, TaskInfo>();
    await pool.runAll(
      plan.tasks.map((t) => ({ op: "describe" as const, taskKey: t.taskKey, spec: t.spec })),
      (i, r, err) => {
        if (err) truthFailures.push({ where: plan.tasks[i].where, error: firstLine(err) });
        else infos.set(plan.tasks[i].taskKey, r as TaskInfo);
      },
      opts.signal,
    );
    const selected = (jobs: Job[]) =>
      jobs.filter(
        (j) =>
          jobMatches(filters, { ...j, family: j.taskSpec.family }) &&
          (!opts.shard || inShard(j.key, opts.shard)),
      );
    // a task is kept when the filters (and the shard) leave it at least one job
    const described = plan.tasks.filter((t) => {
      const info = infos.get(t.taskKey);
      return info !== undefined && taskMatches(filters, info);
    });
    const describedInfos = Object.fromEntries(described.map((t) => [t.taskKey, infos.get(t.taskKey)!]));
    const candidates = expandJobs({ ...plan, tasks: described }, opts.suite, describedInfos, {
      checkEntropy: false,
    });
    const needed = new Set(selected(candidates.jobs).map((j) => j.taskKey));
    const keptTasks = described.filter((t) => needed.has(t.taskKey));

    // 2. truths: once per task, reused from truths.json when resuming
    const truths: TruthTable = opts.resume ? readTruths(opts.outDir) : {};
    if (!opts.resume) writeTruths(opts.outDir, truths);
    const requests = truthRequests({ ...plan, tasks: keptTasks });
    const missing = requests.filter((r) => !hasTruth(truths[r.taskKey], r));
    const truthsCached = requests.length - missing.length;
    if (missing.length)
      log(`${opts.suite.name}: computing ${missing.length} truth value(s) (${truthsCached} cached)`);
    let truthsComputed = 0;
    const truthProgress = missing.length
      ? newProgress(opts, missing.length, `${opts.suite.name} truths`)
      : undefined;
    const truthRun = await pool.runAll(
      missing.map((request) => ({ op: "truth" as const, request })),
      (i, r, err) => {
        if (err) {
          const where = keptTasks.find((t) => t.taskKey === missing[i].taskKey)?.where ?? missing[i].taskKey;
          truthFailures.push({ where, error: firstLine(err) });
        } else {
          truths[missing[i].taskKey] = r as TaskTruth;
          truthsComputed++;
          writeTruths(opts.outDir, truths);
        }
        truthProgress?.tick(err !== undefined);
      },
      opts.signal,
    );
    truthProgress?.finish();
    if (truthRun.aborted) return summary(true, [], 0, 0, []);

    // 3. jobs: expand, filter, skip what is done
    const kept = Object.fromEntries(
      keptTasks.flatMap((t) => (truths[t.taskKey] ? [[t.taskKey, truths[t.taskKey]]] : [])),
    );
    const expanded = expandJobs({ ...plan, tasks: keptTasks }, opts.suite, kept);
    const jobs = selected(expanded.jobs);
    const done = new Set(opts.resume ? readResults(opts.outDir).map((r) => r.key) : []);
    const pending = jobs.filter((j) => !done.has(j.key));
    const alreadyDone = jobs.length - pending.length;
    log(
      `${opts.suite.name}: ${jobs.length} jobs` +
        (alreadyDone ? `, ${alreadyDone} already done` : "") +
        `, ${pending.length} to run on ${opts.workers === 0 ? "this thread" : `${opts.workers} worker(s)`}`,
    );
    const writer = new ResultWriter(opts.outDir, !opts.resume);
    const progress = newProgress(opts, pending.length, `${opts.suite.name}`);
    let ran = 0;
    let failed = 0;
    const run = await pool.runAll(
      pending.map((job) => ({ op: "job" as const, job })),
      (i, r, err) => {
        const job = pending[i];
        const outcome: JobOutcome = err
          ? {
              key: job.key,
              estimate: null,
              seconds: 0,
              diagnostics: {},
              error: `worker failed: ${firstLine(err)}`,
            }
          : (r as JobOutcome);
        writer.append(toRunResult(job, outcome, truths[job.taskKey]));
        ran++;
        if (outcome.error) failed++;
        progress.tick(outcome.error !== undefined);
      },
      opts.signal,
    );
    progress.finish();
    return summary(run.aborted, jobs, alreadyDone, ran, expanded.skipped, failed);

    function summary(
      aborted: boolean,
      jobList: Job[],
      alreadyDoneCount: number,
      ranCount: number,
      skipped: SkippedJobs[],
      failedCount = 0,
    ): RunSummary {
      return {
        tasks: keptTasks.length,
        truthsComputed,
        truthsCached,
        truthFailures,
        jobs: jobList,
        alreadyDone: alreadyDoneCount,
        ran: ranCount,
        failed: failedCount,
        skipped,
        aborted,
        seconds: (performance.now() - t0) / 1000,
        truths,
      };
    }
  } finally {
    await pool.close();
  }
}

function newProgress(opts: RunOptions, total: number, label: string): Progress {
  const write = opts.progressWrite ?? ((s: string) => process.stderr.write(s));
  return new Progress({
    total,
    label,
    write,
    tty: opts.tty ?? false,
    ...(opts.progressIntervalSeconds === undefined ? {} : { intervalSeconds: opts.progressIntervalSeconds }),
  });
}

function hasTruth(t: TaskTruth | undefined, r: TruthRequest): boolean {
  return t !== undefined && (!r.quantities.includes("entropy") || t.entropy !== undefined);
}

function firstLine(err: Error): string {
  return err.message.split("\n")[0];
}

export function toRunResult(job: Job, outcome: JobOutcome, truth: TaskTruth): RunResult {
  return {
    key: job.key,
    taskId: job.taskId,
    family: truth.family,
    estimatorId: job.estimatorId,
    label: job.label,
    target: job.target,
    seed: job.seed,
    n: job.n,
    estimate: outcome.estimate,
    truth: quantityOf(job.target) === "entropy" ? truth.entropy! : truth.mi,
    unit: "nats",
    seconds: outcome.seconds,
    params: job.params,
    taskParams: truth.taskParams,
    diagnostics: outcome.diagnostics,
    ...(outcome.error ? { error: outcome.error } : {}),
  };
}
