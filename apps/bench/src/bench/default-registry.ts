/**
 * infoflow's own tasks and estimators as a benchmark registry (`registry.ts`): task specs validated and
 * completed by `@infoflow/tasks` (`parseTaskSpec`, defaults filled in, so a job's spec is complete), tasks
 * built by `createTask`, estimators by `createEstimator` / `listEstimators` of `@infoflow/estimators`.
 */
import { createEstimator, listEstimators } from "@infoflow/estimators";
import { createTask, listTaskFamilies, parseTaskSpec } from "@infoflow/tasks";
import type { BenchRegistry, BenchTask, TaskSpec } from "./registry";

export const registry: BenchRegistry = {
  parseTaskSpec: (spec) => parseTaskSpec(spec) as TaskSpec,
  createTask: (spec) => createTask(spec) as BenchTask,
  listTaskFamilies: () => listTaskFamilies().map(({ family, description }) => ({ family, description })),
  createEstimator,
  listEstimators: () =>
    listEstimators().map(({ id, kind, description, defaults }) => ({ id, kind, description, defaults })),
};
