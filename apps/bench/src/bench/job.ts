/**
 * The two units of work, each a pure JSON description: a truth request (one per task: the replica call
 * or closed form, done once and cached) and a job (task × estimator(params) × n × seed). `runJob` and
 * `computeTruth` are pure functions of their description and the registry, so the same list gives the
 * same numbers on any machine and with any number of workers.
 */
import type { Estimate, Estimator, Samples } from "@infoflow/estimators";
import type { JsonObject } from "./grid";
import type { BenchRegistry, BenchTask, TaskSpec } from "./registry";

/**
 * What a job's estimate is scored against: `mi` — `estimate(x, y)` vs I(X;Y); `entropy` — `entropy(y)` vs
 * H(Y); `mi-3h` — Ĥ(X) + Ĥ(Y) − Ĥ(X,Y) from an entropy estimator's `entropy()` on x, y and the joint rows,
 * vs I(X;Y) (how KL, KDE, binning and sample propagation become MI estimators on a task).
 */
export type Target = "mi" | "entropy" | "mi-3h";
/** The true value a target is scored against. */
export type Quantity = "mi" | "entropy";
export const quantityOf = (t: Target): Quantity => (t === "entropy" ? "entropy" : "mi");

export interface TruthRequest {
  /** content hash of the task spec: the truth cache key */
  taskKey: string;
  spec: TaskSpec;
  quantities: Quantity[];
}

/** What the report groups by (family, width n₀, …) and what filters match on. */
export interface TaskInfo {
  taskKey: string;
  taskId: string;
  family: string;
  taskParams: Record<string, unknown>;
  dimX: number;
  dimY: number;
}

/** True values of one task, in nats. */
export interface TaskTruth extends TaskInfo {
  /** I(X;Y) in nats */
  mi: number;
  /** H(Y) in nats, when asked for and the task can give it */
  entropy?: number;
  unit: "nats";
  /** wall time of each truth computation, in seconds */
  seconds: Partial<Record<Quantity, number>>;
}

export interface Job {
  /** content hash of { task, estimator, params, target, n, seed }: what `--resume` matches on */
  key: string;
  taskKey: string;
  taskId: string;
  taskSpec: TaskSpec;
  estimatorId: string;
  /** row label in the report: `ksg1(k=5)` or the suite's `label` */
  label: string;
  params: JsonObject;
  target: Target;
  n: number;
  seed: number;
}

/** What a worker returns for a job; the main thread adds the truth and writes the `RunResult` line. */
export interface JobOutcome {
  key: string;
  /** estimate in nats, or null when the estimator failed */
  estimate: number | null;
  /** estimator wall time in seconds (sampling excluded) */
  seconds: number;
  diagnostics: Record<string, unknown>;
  error?: string;
}

const LN2 = Math.LN2;
/** diagnostics strings are cut to this many characters in results.jsonl */
const MAX_NOTE = 120;

type Drawn = { x: Samples; y: Samples };

/**
 * Per-thread caches: task objects (drawing a teacher's weights is not free, and every seed reuses them)
 * and the most recent sample draws (the jobs of one (task, N, seed) differ only in the estimator and are
 * queued next to each other, so a draw is reused instead of repeated). Both are pure memoisation.
 */
export class TaskCache {
  private readonly tasks = new Map<string, BenchTask>();
  private readonly draws = new Map<string, Drawn>();
  private drawBytes = 0;
  constructor(
    private readonly registry: BenchRegistry,
    private readonly capacity = 4,
    private readonly drawBudgetBytes = 64 * 2 ** 20,
  ) {}

  /** `task.sample(n, seed)`, memoised within the byte budget. */
  sample(taskKey: string, spec: TaskSpec, n: number, seed: number): Drawn {
    const key = `${taskKey}:${n}:${seed}`;
    const hit = this.draws.get(key);
    if (hit) return hit;
    const drawn = this.get(taskKey, spec).sample(n, seed);
    const bytes = drawn.x.data.byteLength + drawn.y.data.byteLength;
    if (bytes > this.drawBudgetBytes) return drawn;
    while (this.drawBytes + bytes > this.drawBudgetBytes) {
      const [oldest, old] = this.draws.entries().next().value as [string, Drawn];
      this.draws.delete(oldest);
      this.drawBytes -= old.x.data.byteLength + old.y.data.byteLength;
    }
    this.draws.set(key, drawn);
    this.drawBytes += bytes;
    return drawn;
  }

  get(taskKey: string, spec: TaskSpec): BenchTask {
    let task = this.tasks.get(taskKey);
    if (task) {
      this.tasks.delete(taskKey);
    } else {
      task = this.registry.createTask(spec);
      if (this.tasks.size >= this.capacity) this.tasks.delete(this.tasks.keys().next().value as string);
    }
    this.tasks.set(taskKey, task);
    return task;
  }
}

export function describeTask(taskKey: string, spec: TaskSpec, cache: TaskCache): TaskInfo {
  const task = cache.get(taskKey, spec);
  return {
    taskKey,
    taskId: task.id,
    family: spec.family,
    taskParams: toJsonRecord(task.params),
    dimX: task.dimX,
    dimY: task.dimY,
  };
}

export function computeTruth(req: TruthRequest, cache: TaskCache): TaskTruth {
  const task = cache.get(req.taskKey, req.spec);
  const seconds: Partial<Record<Quantity, number>> = {};
  let t0 = performance.now();
  const mi = task.mutualInformation();
  seconds.mi = (performance.now() - t0) / 1000;
  if (!Number.isFinite(mi)) throw new Error(`task ${task.id}: true MI is ${mi}`);
  let entropy: number | undefined;
  if (req.quantities.includes("entropy") && typeof task.entropy === "function") {
    t0 = performance.now();
    entropy = task.entropy();
    seconds.entropy = (performance.now() - t0) / 1000;
    if (!Number.isFinite(entropy)) throw new Error(`task ${task.id}: true entropy is ${entropy}`);
  }
  return {
    ...describeTask(req.taskKey, req.spec, cache),
    mi,
    ...(entropy === undefined ? {} : { entropy }),
    unit: "nats",
    seconds,
  };
}

export function runJob(job: Job, registry: BenchRegistry, cache: TaskCache): JobOutcome {
  const t0 = performance.now();
  try {
    const { x, y } = cache.sample(job.taskKey, job.taskSpec, job.n, job.seed);
    const sampleSeconds = (performance.now() - t0) / 1000;
    const estimator = registry.createEstimator(job.estimatorId, job.params);
    const t1 = performance.now();
    const est = estimateOnce(estimator, job.target, x, y);
    const seconds = (performance.now() - t1) / 1000;
    const scale = est.unit === "bits" ? LN2 : 1;
    const value = est.value * scale;
    const diagnostics: Record<string, unknown> = {
      ...toJsonRecord(est.diagnostics, MAX_NOTE),
      ...(est.stdError === undefined ? {} : { stdError: est.stdError * scale }),
      sampleSeconds,
    };
    if (!Number.isFinite(value)) {
      return { key: job.key, estimate: null, seconds, diagnostics, error: `non-finite estimate (${value})` };
    }
    return { key: job.key, estimate: value, seconds, diagnostics };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      key: job.key,
      estimate: null,
      seconds: (performance.now() - t0) / 1000,
      diagnostics: {},
      error: message.split("\n")[0],
    };
  }
}

function estimateOnce(estimator: Estimator, target: Target, x: Samples, y: Samples): Estimate {
  if (target === "mi") {
    if (estimator.kind !== "mi")
      throw new Error(`estimator ${estimator.id} does not estimate MI from (x, y)`);
    return estimator.estimate(x, y);
  }
  if (estimator.kind === "mi") throw new Error(`estimator ${estimator.id} does not estimate entropy`);
  if (target === "entropy") return estimator.entropy(y);
  // I(X;Y) = H(X) + H(Y) − H(X,Y), each entropy in nats
  const hx = estimator.entropy(x);
  const hy = estimator.entropy(y);
  const hxy = estimator.entropy(joinColumns(x, y));
  const nats = (e: Estimate) => (e.unit === "bits" ? e.value * LN2 : e.value);
  return {
    value: nats(hx) + nats(hy) - nats(hxy),
    unit: "nats",
    params: hxy.params,
    diagnostics: { hX: nats(hx), hY: nats(hy), hXY: nats(hxy), joint: hxy.diagnostics },
  };
}

/** Rows of x followed by the columns of y: the joint sample (x_i, y_i). */
export function joinColumns(x: Samples, y: Samples): Samples {
  const d = x.d + y.d;
  const data = new Float64Array(x.n * d);
  for (let i = 0; i < x.n; i++) {
    data.set(x.data.subarray(i * x.d, (i + 1) * x.d), i * d);
    data.set(y.data.subarray(i * y.d, (i + 1) * y.d), i * d + x.d);
  }
  return { data, n: x.n, d };
}

/**
 * Keep only what survives JSON (typed arrays become plain arrays; functions and undefined are dropped);
 * strings longer than `maxString` are cut with "…" (explanatory notes repeated on every result line would
 * otherwise make up most of results.jsonl).
 */
export function toJsonRecord(value: unknown, maxString = Number.POSITIVE_INFINITY): Record<string, unknown> {
  if (value === null || typeof value !== "object") return {};
  return JSON.parse(
    JSON.stringify(value, (_k, v) => {
      if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
      if (typeof v === "string" && v.length > maxString) return `${v.slice(0, maxString)}…`;
      return v;
    }),
  ) as Record<string, unknown>;
}
