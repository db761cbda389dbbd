/**
 * The `kde-upper` and `kde-lower` estimators: the Kolchinsky–Tracey bounds of `pairwise-bounds.ts`
 * behind the Estimator interface. `entropy(t)` gives the chosen bound on H(T), T = t + N(0, σ²I) (the
 * other bound and both I(X;T) bounds, X uniform over the rows, are in the diagnostics); `estimate(t, y)`
 * gives I(T;Y) from the class-conditional mixtures (§3.3 — an estimate, not a bound), with y labels
 * or rows whose exact repeats are the classes. Parameter `variance` is σ² (default 0.1, Saxe et al.).
 */

import { negativeEntropyNote, negativeMINote } from "../diagnostics";
import { buildEstimate, convertAll, secondsSince } from "../estimate";
import type { Estimate, MIAndEntropyEstimator, Params, Samples, Target } from "../interface";
import { type Classes, targetClasses } from "../labels";
import { checkKnownParams, readSeed, readShuffles, readThreads } from "../params";
import { permutationNull } from "../shuffle-null";
import { fromNats, unitFromBase } from "../units";
import { checkSamples, checkVariance, findDuplicateRows } from "../validate";
import { computePairwiseBounds } from "./pairwise-bounds";

export type KdeBound = "upper" | "lower";

const KNOWN = ["variance", "base", "threads", "shuffles", "seed"] as const;

export const KDE_DEFAULTS = { variance: 0.1, base: "e", threads: "auto", shuffles: 0, seed: 0 };

export function createKdeEstimator(bound: KdeBound, params: Params = {}): MIAndEntropyEstimator {
  const id = `kde-${bound}`;
  checkKnownParams(id, params, KNOWN);
  const variance = checkVariance(params.variance ?? KDE_DEFAULTS.variance);
  const unit = unitFromBase(params.base);
  const threadsParam = readThreads(params.threads);
  const shuffles = readShuffles(params.shuffles);
  const seed = readSeed(params.seed);
  const resolved: Params = {
    variance,
    base: unit === "bits" ? 2 : "e",
    threads: threadsParam,
    shuffles,
    seed,
  };
  // "auto": the kernel picks by problem size (autoThreads)
  const threadsOpt = threadsParam === "auto" ? {} : { threads: threadsParam };
  const other: KdeBound = bound === "upper" ? "lower" : "upper";
  const kernel = bound === "upper" ? "KL divergence (upper bound)" : "Bhattacharyya distance (lower bound)";

  function entropy(x: Samples): Estimate {
    const t0 = performance.now();
    const t = checkSamples(x, "x");
    const r = computePairwiseBounds(t, { variance, ...threadsOpt });
    return buildEstimate({
      nats: r.entropy[bound],
      unit,
      params: resolved,
      diagnostics: {
        quantity: "H(T), T = x + N(0, variance·I)",
        kernel,
        n: t.n,
        d: t.d,
        [`${other}Bound`]: fromNats(r.entropy[other], unit),
        mutualInformationX: convertAll({ ...r.mutualInformationX }, unit),
        conditionalEntropy: fromNats(r.conditionalEntropy, unit),
        duplicateRows: findDuplicateRows(t).duplicateRows,
        seconds: secondsSince(t0),
        ...(negativeEntropyNote(r.entropy[bound]) ? { negative: negativeEntropyNote(r.entropy[bound]) } : {}),
      },
    });
  }

  function estimate(x: Samples, y: Target): Estimate {
    const t0 = performance.now();
    const t = checkSamples(x, "x");
    const classes = targetClasses(y, t.n, "y");
    const r = computePairwiseBounds(t, { variance, classes, ...threadsOpt });
    const value = r.mutualInformationY?.[bound] ?? Number.NaN;
    const permuted = (perm: Int32Array): number => {
      const shuffled: Classes = {
        ids: classes.ids.map((_, i) => classes.ids[perm[i]]),
        counts: classes.counts,
      };
      const mi = computePairwiseBounds(t, { variance, classes: shuffled, ...threadsOpt })
        .mutualInformationY?.[bound];
      return fromNats(mi ?? Number.NaN, unit);
    };
    const nullDist =
      shuffles > 0 ? permutationNull(t.n, fromNats(value, unit), shuffles, seed, permuted) : undefined;
    return buildEstimate({
      nats: value,
      unit,
      params: resolved,
      diagnostics: {
        quantity: "I(T;Y) = H(T) − Σ_y p(y)·H(T|Y=y), T = x + N(0, variance·I)",
        kernel,
        note: "a difference of two bounds is an estimate, not a bound, of I(T;Y) (Kolchinsky & Tracey; §3.3)",
        n: t.n,
        d: t.d,
        classes: classes.counts.length,
        mutualInformationY: convertAll(
          { ...(r.mutualInformationY ?? { upper: Number.NaN, lower: Number.NaN }) },
          unit,
        ),
        mutualInformationX: convertAll({ ...r.mutualInformationX }, unit),
        entropy: convertAll({ ...r.entropy }, unit),
        seconds: secondsSince(t0),
        ...(nullDist ? { shuffleNull: nullDist } : {}),
        ...(negativeMINote(value) ? { negative: negativeMINote(value) } : {}),
      },
    });
  }

  return { id, kind: "both", parameters: () => resolved, entropy, estimate };
}
