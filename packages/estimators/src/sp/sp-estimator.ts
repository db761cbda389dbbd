/**
 * The `sp` estimator: sample propagation's Gaussian-mixture entropy (Goldfeld et al. 2019,
 * `mixture-entropy.ts`) behind the Estimator interface, for T = x + N(0, variance·I) with the rows of x
 * as the mixture centres. `entropy(t)` = ĥ(T) with its Monte-Carlo standard error; the diagnostics add
 * I(X;T) = ĥ(T) − d/2·ln(2πe·variance) for X uniform over the rows (the first-layer case, whose
 * conditional entropy is exact). `estimate(t, y)` = Î(T;Y) from the class-conditional mixtures.
 * For deeper layers with per-input centre sets use `samplePropagationMI` directly.
 */
import { negativeEntropyNote, negativeMINote } from "../diagnostics";
import { buildEstimate, secondsSince } from "../estimate";
import type { Estimate, MIAndEntropyEstimator, Params, Samples, Target } from "../interface";
import { gaussianEntropy } from "../kde/pairwise-bounds";
import { targetClasses } from "../labels";
import { checkKnownParams, readSeed, readThreads } from "../params";
import { fromNats, unitFromBase } from "../units";
import { checkInteger, checkSamples, checkVariance } from "../validate";
import { computeMixtureEntropy, type MixtureEntropyResult } from "./mixture-entropy";

const KNOWN = ["variance", "nmc", "seed", "maxQueries", "base", "threads"] as const;

export const SP_DEFAULTS = { variance: 0.1, nmc: 4, seed: 0, base: "e", threads: "auto" };

export function createSpEstimator(params: Params = {}): MIAndEntropyEstimator {
  checkKnownParams("sp", params, KNOWN);
  const variance = checkVariance(params.variance ?? SP_DEFAULTS.variance);
  const nMC = checkInteger(params.nmc ?? SP_DEFAULTS.nmc, "nmc", 1, 1e6);
  const seed = readSeed(params.seed);
  const maxQueries =
    params.maxQueries === undefined ? undefined : checkInteger(params.maxQueries, "maxQueries", 1);
  const unit = unitFromBase(params.base);
  const threadsParam = readThreads(params.threads);
  const resolved: Params = {
    variance,
    nmc: nMC,
    seed,
    ...(maxQueries !== undefined ? { maxQueries } : {}),
    base: unit === "bits" ? 2 : "e",
    threads: threadsParam,
  };
  const noiseStd = Math.sqrt(variance);
  const run = (t: Samples, classes?: ReturnType<typeof targetClasses>): MixtureEntropyResult => {
    return computeMixtureEntropy(t, {
      noiseStd,
      nMC,
      seed,
      ...(maxQueries !== undefined ? { maxQueries } : {}),
      ...(classes !== undefined ? { classes } : {}),
      // "auto": the kernel picks by problem size (autoThreads)
      ...(threadsParam === "auto" ? {} : { threads: threadsParam }),
    });
  };

  function entropy(x: Samples): Estimate {
    const t0 = performance.now();
    const t = checkSamples(x, "x");
    const r = run(t);
    const hc = gaussianEntropy(t.d, variance);
    return buildEstimate({
      nats: r.entropy,
      stdErrorNats: r.stdError,
      unit,
      params: resolved,
      diagnostics: {
        quantity: "h(T), T = x + N(0, variance·I): entropy of the Gaussian mixture centred on the rows",
        n: t.n,
        d: t.d,
        queries: r.queries,
        noiseStd,
        mutualInformationX: fromNats(r.entropy - hc, unit),
        conditionalEntropy: fromNats(hc, unit),
        seconds: secondsSince(t0),
        ...(negativeEntropyNote(r.entropy) ? { negative: negativeEntropyNote(r.entropy) } : {}),
      },
    });
  }

  function estimate(x: Samples, y: Target): Estimate {
    const t0 = performance.now();
    const t = checkSamples(x, "x");
    const classes = targetClasses(y, t.n, "y");
    const r = run(t, classes);
    const value = r.mutualInformationY ?? Number.NaN;
    return buildEstimate({
      nats: value,
      stdErrorNats: r.mutualInformationYStdError,
      unit,
      params: resolved,
      diagnostics: {
        quantity: "I(T;Y) = h(T) − Σ_y p(y)·h(T|Y=y), T = x + N(0, variance·I), class-conditional mixtures",
        n: t.n,
        d: t.d,
        classes: classes.counts.length,
        queries: r.queries,
        entropy: fromNats(r.entropy, unit),
        entropyStdError: fromNats(r.stdError, unit),
        conditionalEntropy: fromNats(r.conditionalEntropyY ?? Number.NaN, unit),
        seconds: secondsSince(t0),
        ...(negativeMINote(value, r.mutualInformationYStdError)
          ? { negative: negativeMINote(value, r.mutualInformationYStdError) }
          : {}),
      },
    });
  }

  return { id: "sp", kind: "both", parameters: () => resolved, entropy, estimate };
}
