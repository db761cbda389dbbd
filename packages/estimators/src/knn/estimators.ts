/**
 * The kNN estimators behind the package's `Estimator` interface (src/interface.ts), for the registry
 * (ids ksg1, ksg2, kl). Parameters are validated when the estimator is created, so a bad `--param`
 * fails before any data are read; `parameters()` echoes every default.
 */
import { InvalidInputError } from "../errors";
import type { EntropyEstimator, MIEstimator, Params, Samples, Target } from "../interface";
import { checkKnownParams, readShuffles } from "../params";
import { type KlOptions, klEntropy } from "./kl-entropy";
import type { KsgVariant } from "./ksg";
import { type KsgOptions, ksgMI } from "./ksg-mi";
import { resolveKnnOptions, resolveMetric } from "./options";

const COMMON = ["k", "ties", "jitter", "seed", "base", "threads"];

function echo(params: Params): Params {
  const { threads: _threads, ...rest } = params;
  return rest;
}

/** KSG mutual information (variant 1 → id "ksg1", 2 → "ksg2"). */
export function createKsgEstimator(params: KsgOptions & { variant?: KsgVariant } = {}): MIEstimator {
  const variant = params.variant ?? 1;
  const id = variant === 2 ? "ksg2" : "ksg1";
  checkKnownParams(id, params as Params, [...COMMON, "variant", "shuffles"]);
  const probe = ksgMIParams(params, variant);
  return {
    id,
    kind: "mi",
    parameters: () => ({ ...probe }),
    estimate: (x: Samples, y: Target) => ksgMI(x, y, { ...params, variant }),
  };
}

function ksgMIParams(params: KsgOptions, variant: KsgVariant): Params {
  if (variant !== 1 && variant !== 2) {
    throw new InvalidInputError(`variant must be 1 or 2, got ${JSON.stringify(variant)}`);
  }
  const o = resolveKnnOptions(params);
  return echo({
    k: o.k,
    variant,
    metric: "chebyshev",
    ties: o.ties,
    jitter: o.jitter,
    seed: o.seed,
    shuffles: readShuffles(params.shuffles),
    base: o.unit === "bits" ? 2 : "e",
  });
}

/** Kozachenko–Leonenko differential entropy (id "kl"). */
export function createKozachenkoLeonenkoEstimator(params: KlOptions = {}): EntropyEstimator {
  checkKnownParams("kl", params as Params, [...COMMON, "metric"]);
  const o = resolveKnnOptions(params);
  const metric = resolveMetric(params.metric);
  const resolved = echo({
    k: o.k,
    metric,
    ties: o.ties,
    jitter: o.jitter,
    seed: o.seed,
    base: o.unit === "bits" ? 2 : "e",
  });
  return {
    id: "kl",
    kind: "entropy",
    parameters: () => ({ ...resolved }),
    entropy: (x: Samples) => klEntropy(x, params),
  };
}
