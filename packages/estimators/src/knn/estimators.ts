/**
 * The kNN estimators behind the package's `Estimator` interface (src/interface.ts), for the registry
 * (ids ksg1, ksg2, kl). Parameters are validated when the estimator is created, so a bad `--param`
 * fails before any data are read; `parameters()` echoes every default.
 */
import type { EntropyEstimator, MIEstimator, Params, Samples, Target } from "../interface";
import { checkKnownParams } from "../params";
import { type KlOptions, klEntropy, resolveKlOptions } from "./kl-entropy";
import { type KsgOptions, ksgMI, resolveKsgOptions } from "./ksg-mi";

const COMMON = ["k", "ties", "jitter", "seed", "base", "threads"];

/** KSG mutual information (variant 1 → id "ksg1", 2 → "ksg2"). */
export function createKsgEstimator(params: KsgOptions = {}): MIEstimator {
  const id = params.variant === 2 ? "ksg2" : "ksg1";
  checkKnownParams(id, params as Params, [...COMMON, "variant", "shuffles"]);
  const resolved = resolveKsgOptions(params).params;
  return {
    id,
    kind: "mi",
    parameters: () => ({ ...resolved }),
    estimate: (x: Samples, y: Target) => ksgMI(x, y, params),
  };
}

/** Kozachenko–Leonenko differential entropy (id "kl"). */
export function createKozachenkoLeonenkoEstimator(params: KlOptions = {}): EntropyEstimator {
  checkKnownParams("kl", params as Params, [...COMMON, "metric"]);
  const resolved = resolveKlOptions(params).params;
  return {
    id: "kl",
    kind: "entropy",
    parameters: () => ({ ...resolved }),
    entropy: (x: Samples) => klEntropy(x, params),
  };
}
