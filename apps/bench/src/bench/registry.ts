/**
 * What the benchmark needs from the task and estimator packages, as one small interface. The real wiring
 * (`default-registry.ts`) adapts `@infoflow/tasks` and `@infoflow/estimators`; tests pass a module of fake
 * tasks and estimators. A worker thread loads the registry by module URL, so a job stays a pure JSON
 * description that any machine with the same registry can run.
 */
import type { Estimator, Params } from "@infoflow/estimators";
import type { Task } from "@infoflow/tasks";

/** A task specification: JSON discriminated on `family` (the tasks package's `taskSpecSchema`). */
export type TaskSpec = { family: string } & Record<string, unknown>;

/** A task that can also give the true differential entropy H(Y) in nats (teacher networks can). */
export type BenchTask = Task & { entropy?: () => number };

export interface EstimatorInfo {
  id: string;
  kind: "mi" | "entropy" | "both";
  description: string;
  defaults: Params;
}

export interface TaskFamilyInfo {
  family: string;
  description: string;
}

export interface BenchRegistry {
  /** Validate a task spec; throw an Error whose one-line message names the bad field. */
  parseTaskSpec(spec: unknown): TaskSpec;
  createTask(spec: TaskSpec): BenchTask;
  listTaskFamilies(): TaskFamilyInfo[];
  createEstimator(id: string, params: Params): Estimator;
  listEstimators(): EstimatorInfo[];
}

/** The module shape a worker imports: `export const registry: BenchRegistry`. */
export interface RegistryModule {
  registry: BenchRegistry;
}

export async function loadRegistry(moduleUrl: string): Promise<BenchRegistry> {
  const mod = (await import(moduleUrl)) as Partial<RegistryModule>;
  if (!mod.registry) throw new Error(`registry module ${moduleUrl} does not export 'registry'`);
  return mod.registry;
}
