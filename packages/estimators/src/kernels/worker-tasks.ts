/**
 * The chunked kernels the worker pool (`worker-pool.ts`) runs, by name: the calling thread and the
 * helper threads both look a task up here, so a chunk is computed by the same code wherever it runs.
 * A task's chunk c writes only its own part of the (shared-memory) outputs, so results do not depend on
 * which thread took it.
 */
import { type MixtureSumsBuffers, type MixtureSumsLayout, mixtureSumsChunk } from "../kde/mixture-sums";
import { conditionalEntropiesChunk } from "../sp/conditional-entropies";
import { type GaussianLseProblem, gaussianLogSumExp } from "./lse";
import { runNeighbourChunk } from "./neighbours-jobs";

export interface MixtureSumsArgs {
  readonly buf: MixtureSumsBuffers;
  readonly layout: MixtureSumsLayout;
  readonly scale: number;
}

/**
 * Independent Gaussian LSE problems, each split into query-row ranges: chunk c computes rows
 * [ranges[3c+1], ranges[3c+2]) of problem ranges[3c] into `out[p]` (and `outSame[p]`).
 */
export interface GaussianLseArgs {
  readonly problems: readonly GaussianLseProblem[];
  readonly ranges: Int32Array;
  readonly out: readonly Float64Array[];
  readonly outSame?: readonly Float64Array[];
}

function gaussianLseChunk(a: GaussianLseArgs, c: number): void {
  const p = a.ranges[3 * c];
  const q0 = a.ranges[3 * c + 1];
  const q1 = a.ranges[3 * c + 2];
  const out = a.out[p].subarray(q0, q1);
  const outSame = a.outSame?.[p].subarray(q0, q1);
  gaussianLogSumExp(a.problems[p], q0, q1, out, outSame);
}

const TASKS = {
  /** Kolchinsky–Tracey pairwise sums (`kde/mixture-sums.ts`), one stripe of rows per chunk */
  mixtureSums: (a: MixtureSumsArgs, c: number) => mixtureSumsChunk(a.buf, a.layout, a.scale, c),
  /** streaming Gaussian log-sum-exp (`lse.ts`), one range of query rows per chunk */
  gaussianLse: gaussianLseChunk,
  /** sample propagation's per-input conditional mixtures (`sp/conditional-entropies.ts`) */
  spConditional: conditionalEntropiesChunk,
  /** kNN / radius counts (`neighbours-jobs.ts`), `neighbourChunks(job)` chunks of query rows */
  neighbours: runNeighbourChunk,
};

export type TaskName = keyof typeof TASKS;
/** The argument object of task T (every array the helpers must see on shared memory). */
export type TaskArgs<T extends TaskName> = Parameters<(typeof TASKS)[T]>[0];

/** Compute chunk c of `task` on `args`. */
export function runTaskChunk<T extends TaskName>(task: T, args: TaskArgs<T>, c: number): void {
  (TASKS[task] as (args: TaskArgs<T>, c: number) => void)(args, c);
}
