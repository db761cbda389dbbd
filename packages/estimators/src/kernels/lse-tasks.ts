/**
 * The chunked kernels the worker pool can run, by name (the worker and the calling thread both look
 * them up here, so a chunk is computed by the same code wherever it runs).
 */
import { type MixtureSumsBuffers, type MixtureSumsLayout, mixtureSumsChunk } from "../kde/mixture-sums";
import { type ConditionalEntropiesArgs, conditionalEntropiesChunk } from "../sp/conditional-entropies";
import { type GaussianLseProblem, gaussianLogSumExp } from "./lse";

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

export type TaskName = "mixtureSums" | "gaussianLse" | "spConditional";
export type TaskArgs = MixtureSumsArgs | GaussianLseArgs | ConditionalEntropiesArgs;

export function runTaskChunk(task: TaskName, args: TaskArgs, c: number): void {
  if (task === "mixtureSums") {
    const a = args as MixtureSumsArgs;
    mixtureSumsChunk(a.buf, a.layout, a.scale, c);
    return;
  }
  if (task === "spConditional") {
    conditionalEntropiesChunk(args as ConditionalEntropiesArgs, c);
    return;
  }
  const a = args as GaussianLseArgs;
  const p = a.ranges[3 * c];
  const q0 = a.ranges[3 * c + 1];
  const q1 = a.ranges[3 * c + 2];
  const out = a.out[p].subarray(q0, q1);
  const outSame = a.outSame?.[p].subarray(q0, q1);
  gaussianLogSumExp(a.problems[p], q0, q1, out, outSame);
}
