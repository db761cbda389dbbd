/**
 * Suite → plan: the task specs (grids expanded, each validated by the tasks package), the estimator
 * configurations (grids expanded, ids and parameters checked against the registry), and, once the truths
 * are known, the job list task × estimator(params) × n × seed. Every bad entry fails here, before any
 * work starts, with one line naming it.
 */
import type { Params } from "@infoflow/estimators";
import { contentHash } from "./canonical";
import { expandGrid, formatPoint, type JsonObject } from "./grid";
import { type Job, type Quantity, quantityOf, type Target, type TaskInfo, type TruthRequest } from "./job";
import type { BenchRegistry, EstimatorInfo, TaskSpec } from "./registry";
import { type Suite, SuiteError } from "./suite";

export interface TaskPlan {
  taskKey: string;
  spec: TaskSpec;
  /** `tasks[2]` or `tasks[2] (n0=100)`: how errors and `--list` name it */
  where: string;
  n: number[];
}

export interface EstimatorPlan {
  id: string;
  label: string;
  params: JsonObject;
  target: Target;
  where: string;
  families?: string[];
  maxN?: number;
  maxDim?: number;
  /** the estimator takes a `seed` the suite did not fix: each job passes its own seed */
  seedFromJob: boolean;
}

export interface Plan {
  tasks: TaskPlan[];
  estimators: EstimatorPlan[];
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split("\n")[0];
}

function at(where: string, point: Record<string, unknown>): string {
  return Object.keys(point).length ? `${where} (${formatPoint(point)})` : where;
}

export function planSuite(suite: Suite, registry: BenchRegistry, source = suite.name): Plan {
  const fail = (msg: string) => new SuiteError(`suite ${source}: ${msg}`);
  const tasks: TaskPlan[] = [];
  const taskKeys = new Set<string>();
  for (const [i, entry] of suite.tasks.entries()) {
    for (const { value, point } of expandGrid(entry.spec as JsonObject, entry.grid)) {
      const where = at(`tasks[${i}]`, point);
      let spec: TaskSpec;
      try {
        spec = registry.parseTaskSpec(value);
      } catch (err) {
        throw fail(`${where}: ${firstLine(err)}`);
      }
      const taskKey = contentHash(spec);
      if (taskKeys.has(taskKey)) continue;
      taskKeys.add(taskKey);
      tasks.push({ taskKey, spec, where, n: entry.n ?? suite.n });
    }
  }

  const infos = new Map<string, EstimatorInfo>(registry.listEstimators().map((e) => [e.id, e]));
  const estimators: EstimatorPlan[] = [];
  const labels = new Set<string>();
  for (const [i, entry] of suite.estimators.entries()) {
    const info = infos.get(entry.id);
    if (!info) {
      throw fail(
        `estimators[${i}].id: unknown estimator '${entry.id}' (known: ${[...infos.keys()].join(", ")})`,
      );
    }
    for (const { value: params, point } of expandGrid(entry.params, entry.grid)) {
      const where = at(`estimators[${i}] ${entry.id}`, point);
      const known = Object.keys(info.defaults);
      for (const key of Object.keys(params)) {
        if (!known.includes(key)) {
          throw fail(
            `${where}: unknown parameter '${key}' for ${entry.id} (known: ${known.join(", ") || "none"})`,
          );
        }
      }
      let kind: "mi" | "entropy" | "both";
      try {
        kind = registry.createEstimator(entry.id, params as Params).kind;
      } catch (err) {
        throw fail(`${where}: ${firstLine(err)}`);
      }
      const target: Target = entry.target ?? (kind === "both" ? "mi-3h" : kind);
      if ((target === "mi") !== (kind === "mi")) {
        const needs = target === "mi" ? "an MI estimator" : "an entropy estimator";
        throw fail(`${where}: target '${target}' needs ${needs}; ${entry.id} is of kind '${kind}'`);
      }
      const name = entry.label ?? (target === "mi-3h" ? `${entry.id}/3H` : entry.id);
      const shown = entry.label ? point : params;
      const label = Object.keys(shown).length ? `${name}(${formatPoint(shown)})` : name;
      if (labels.has(label)) throw fail(`${where}: duplicate estimator configuration '${label}'`);
      labels.add(label);
      // the pool already uses every core: an estimator's own helper threads would only oversubscribe them
      // (its result does not depend on its thread count)
      const runParams =
        "threads" in info.defaults && !("threads" in params) ? { ...params, threads: 1 } : params;
      estimators.push({
        id: entry.id,
        label,
        params: runParams,
        target,
        where,
        ...(entry.families ? { families: entry.families } : {}),
        ...(entry.maxN ? { maxN: entry.maxN } : {}),
        ...(entry.maxDim ? { maxDim: entry.maxDim } : {}),
        seedFromJob: "seed" in info.defaults && !("seed" in params),
      });
    }
  }
  return { tasks, estimators };
}

function applies(e: EstimatorPlan, family: string): boolean {
  return !e.families || e.families.includes(family);
}

/** One truth request per task, asking for H(Y) only where an entropy estimator will be scored on it. */
export function truthRequests(plan: Plan): TruthRequest[] {
  return plan.tasks.map((t) => {
    const quantities: Quantity[] = ["mi"];
    if (plan.estimators.some((e) => e.target === "entropy" && applies(e, t.spec.family)))
      quantities.push("entropy");
    return { taskKey: t.taskKey, spec: t.spec, quantities };
  });
}

export interface SkippedJobs {
  reason: string;
  count: number;
}

/**
 * The job list, ordered task by task (so a worker's task cache is reused), then by decreasing n (the
 * slowest jobs start first), seed and estimator (the jobs sharing one sample draw are queued together). Tasks without a truth (its computation failed) get no jobs.
 */
export function expandJobs(
  plan: Plan,
  suite: Suite,
  truths: Record<string, TaskInfo & { entropy?: number }>,
  options: { checkEntropy: boolean } = { checkEntropy: true },
): { jobs: Job[]; skipped: SkippedJobs[] } {
  const jobs: Job[] = [];
  const skipped = new Map<string, number>();
  const skip = (reason: string, count: number) => skipped.set(reason, (skipped.get(reason) ?? 0) + count);
  for (const t of plan.tasks) {
    const truth = truths[t.taskKey];
    const ns = [...t.n].sort((a, b) => b - a);
    for (const n of ns) {
      const perSeed: Job[][] = suite.seeds.map(() => []);
      for (const e of plan.estimators) {
        if (!applies(e, t.spec.family)) continue;
        const count = suite.seeds.length;
        if (!truth) {
          skip("task truth unavailable", count);
          continue;
        }
        if (e.maxN !== undefined && n > e.maxN) {
          skip(`${e.label}: n above maxN ${e.maxN}`, count);
          continue;
        }
        if (e.maxDim !== undefined && truth.dimX + truth.dimY > e.maxDim) {
          skip(`${e.label}: dimX + dimY above maxDim ${e.maxDim}`, count);
          continue;
        }
        if (options.checkEntropy && quantityOf(e.target) === "entropy" && truth.entropy === undefined) {
          skip(`${e.label}: task ${truth.family} gives no true entropy`, count);
          continue;
        }
        for (const [s, seed] of suite.seeds.entries()) {
          const params: JsonObject = e.seedFromJob ? { ...e.params, seed } : e.params;
          const key = contentHash({ task: t.spec, estimator: e.id, params, target: e.target, n, seed });
          perSeed[s].push({
            key,
            taskKey: t.taskKey,
            taskId: truth.taskId,
            taskSpec: t.spec,
            estimatorId: e.id,
            label: e.label,
            params,
            target: e.target,
            n,
            seed,
          });
        }
      }
      for (const group of perSeed) jobs.push(...group);
    }
  }
  return { jobs, skipped: [...skipped].map(([reason, count]) => ({ reason, count })) };
}
