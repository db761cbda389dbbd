/**
 * Kolchinsky–Tracey pairwise-distance bounds on the entropy of the Gaussian mixture T = h(X) + N(0, σ²I)
 * with X uniform over the n rows (Kolchinsky & Tracey, Entropy 19(7):361, 2017; as used by Saxe et al.
 * 2018 through ibsgd's `kde.py`). shared/docs/estimators-math.md §3:
 *   H_KL = d/2·ln(2πeσ²) + ln n − ⟨ln Σ_j exp(−D_ij/(2σ²))⟩    (upper bound on H(T))
 *   H_BD = d/2·ln(2πeσ²) + ln n − ⟨ln Σ_j exp(−D_ij/(8σ²))⟩    (lower bound on H(T))
 *   I(X;T) bounds = H bounds − d/2·ln(2πeσ²), both in [0, ln n];
 *   I(T;Y) = H(T) − Σ_y p(y)·H(T|Y=y), each term on the class's own mixture (§3.3). A difference of two
 *   upper bounds is not a bound, so the I(T;Y) pair is reported as two estimates.
 * The parameter is the noise VARIANCE σ², as in ibsgd (§3.4, §10 item 1). Both bounds and every class
 * come out of one pass over the pairs (`mixture-sums.ts`).
 */

import type { Samples } from "../interface";
import { columnMeans, rowSquaredNorms, shiftedCopy } from "../kernels/pairwise";
import { sharedFloat64, toShared } from "../kernels/shared-memory";
import { autoThreads, runChunks } from "../kernels/worker-pool";
import { type Classes, type LabelsInput, targetClasses } from "../labels";
import { checkInteger, checkSamples, checkVariance } from "../validate";
import { lowScale, type MixtureSumsBuffers, mixtureSumsLayout, reduceMixtureSums } from "./mixture-sums";

export interface Bounds {
  readonly upper: number;
  readonly lower: number;
}

export interface PairwiseBoundsResult {
  readonly variance: number;
  readonly n: number;
  readonly d: number;
  /** H(T | X) = d/2·ln(2πeσ²): the entropy of one mixture component, exact */
  readonly conditionalEntropy: number;
  /** bounds on H(T), nats */
  readonly entropy: Bounds;
  /** bounds on I(X;T) = H(T) − H(T|X), nats; always within [0, ln n] */
  readonly mutualInformationX: Bounds;
  /** I(T;Y) from the class-conditional mixtures (KL and BD versions), when classes were given */
  readonly mutualInformationY?: Bounds;
  /** H(T | Y) from the class-conditional mixtures, when classes were given */
  readonly conditionalEntropyY?: Bounds;
}

export interface PairwiseBoundsOptions {
  /** noise variance σ² (> 0) */
  readonly variance: number;
  /** classes for I(T;Y) (see `labels.ts`) */
  readonly classes?: Classes;
  /** threads to use (the result does not depend on it); default: by problem size (`autoThreads`) */
  readonly threads?: number;
}

/** Options of the public `pairwiseBounds`: labels (or rows whose repeats are classes) instead of classes. */
export interface PairwiseBoundsInput {
  readonly variance: number;
  readonly labels?: LabelsInput;
  readonly threads?: number;
}

/** d/2·ln(2πeσ²): differential entropy of N(0, σ²I_d), nats. */
export function gaussianEntropy(d: number, variance: number): number {
  return (d / 2) * Math.log(2 * Math.PI * Math.E * variance);
}

/** Both bounds (and, with labels, the I(T;Y) estimates) in one pass, after validating the inputs. */
export function pairwiseBounds(t: Samples, opts: PairwiseBoundsInput): PairwiseBoundsResult {
  const x = checkSamples(t, "t");
  return computePairwiseBounds(x, {
    variance: checkVariance(opts.variance),
    ...(opts.labels !== undefined ? { classes: targetClasses(opts.labels, x.n, "labels") } : {}),
    ...(opts.threads !== undefined ? { threads: checkInteger(opts.threads, "threads", 1, 256) } : {}),
  });
}

/** Both bounds (and, with classes, the I(T;Y) estimates) in one pass; inputs assumed valid. */
export function computePairwiseBounds(t: Samples, opts: PairwiseBoundsOptions): PairwiseBoundsResult {
  const { n, d } = t;
  const { variance, classes } = opts;
  const layout = mixtureSumsLayout(n, d, classes !== undefined);
  const x = toShared(shiftedCopy(t.data, n, d, columnMeans(t.data, n, d)));
  const buf: MixtureSumsBuffers = {
    x,
    norms: toShared(rowSquaredNorms(x, n, d)),
    labels: toShared(classes?.ids ?? new Int32Array(0)),
    rowSums: sharedFloat64(n * layout.sums),
    chunkSums: sharedFloat64(layout.chunks * n * layout.sums),
  };
  const threads = opts.threads ?? autoThreads((n * n * (d + 8)) / 2);
  runChunks("mixtureSums", { buf, layout, scale: lowScale(variance) }, layout.chunks, threads);
  const sums = reduceMixtureSums(buf, layout);
  const s = layout.sums;
  let meanLogLow = 0;
  let meanLogUp = 0;
  for (let i = 0; i < n; i++) {
    meanLogLow += Math.log(sums[i * s]);
    meanLogUp += Math.log(sums[i * s + 1]);
  }
  meanLogLow /= n;
  meanLogUp /= n;
  const hc = gaussianEntropy(d, variance);
  const logN = Math.log(n);
  const iUpper = logN - meanLogUp;
  const iLower = logN - meanLogLow;
  const result: PairwiseBoundsResult = {
    variance,
    n,
    d,
    conditionalEntropy: hc,
    entropy: { upper: hc + iUpper, lower: hc + iLower },
    mutualInformationX: { upper: iUpper, lower: iLower },
  };
  if (classes === undefined) return result;
  // H(T|Y=y) = hc + ln n_y − ⟨ln Σ_{j∈y} …⟩_{i∈y}; weighted by p(y) = n_y/n the class means become
  // a plain mean over all rows.
  let condLow = 0;
  let condUp = 0;
  for (let i = 0; i < n; i++) {
    const ny = classes.counts[classes.ids[i]];
    condLow += Math.log(ny) - Math.log(sums[i * s + 2]);
    condUp += Math.log(ny) - Math.log(sums[i * s + 3]);
  }
  condLow = hc + condLow / n;
  condUp = hc + condUp / n;
  return {
    ...result,
    conditionalEntropyY: { upper: condUp, lower: condLow },
    mutualInformationY: { upper: result.entropy.upper - condUp, lower: result.entropy.lower - condLow },
  };
}
