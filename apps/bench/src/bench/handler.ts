/**
 * The message handler shared by worker threads and the in-process runner (`--workers 0`): one function of
 * a JSON message, so a job behaves the same wherever it runs.
 */
import {
  computeTruth,
  describeTask,
  type Job,
  type JobOutcome,
  runJob,
  TaskCache,
  type TaskInfo,
  type TaskTruth,
  type TruthRequest,
} from "./job";
import { type BenchRegistry, loadRegistry, type TaskSpec } from "./registry";

export type WorkMessage =
  | { op: "describe"; taskKey: string; spec: TaskSpec }
  | { op: "truth"; request: TruthRequest }
  | { op: "job"; job: Job };
export type WorkResult = TaskInfo | TaskTruth | JobOutcome;

export type Handler = (msg: WorkMessage) => WorkResult;

export function createHandler(registry: BenchRegistry): Handler {
  const cache = new TaskCache(registry);
  return (msg) => {
    switch (msg.op) {
      case "describe":
        return describeTask(msg.taskKey, msg.spec, cache);
      case "truth":
        return computeTruth(msg.request, cache);
      default:
        return runJob(msg.job, registry, cache);
    }
  };
}

const handlers = new Map<string, Promise<Handler>>();

/** One handler per registry module per thread (the registry import and the task cache are reused). */
export function handlerFor(registryUrl: string): Promise<Handler> {
  let h = handlers.get(registryUrl);
  if (!h) {
    h = loadRegistry(registryUrl).then(createHandler);
    handlers.set(registryUrl, h);
  }
  return h;
}
