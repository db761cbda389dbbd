/**
 * Sample propagation (Goldfeld et al., ICML 2019): I(X;T_ℓ) of a noisy network, X uniform over m
 * inputs, assembled from per-input conditional mixtures (shared/docs/estimators-math.md §5.4, §13.5):
 *   ĥ(T_ℓ)       = MC entropy of the mixture over ALL m·n centres (P_S = (1/m)·Σ_i P_{S|x_i}),
 *   ĥ(T_ℓ|X=x_i) = MC entropy of input i's own centres (exact d/2·ln(2πeβ²) when they coincide, e.g. ℓ = 1),
 *   Î(X;T_ℓ)     = ĥ(T_ℓ) − (1/m)·Σ_i ĥ(T_ℓ|X=x_i),
 * standard errors combined in quadrature. With labels (one per input), Î(T_ℓ;Y) from the class-
 * conditional mixtures of the same unconditional pass. The network supplies the centres: for input i,
 * n samples of S_ℓ | X = x_i (noisy layers 1..ℓ−1, layer ℓ without its own noise) — see the models package.
 */

import { createRng } from "@infoflow/numerics";
import { InvalidInputError } from "../errors";
import type { Samples } from "../interface";
import { sharedFloat64, toShared } from "../kernels/shared-memory";
import { autoThreads, runChunks } from "../kernels/worker-pool";
import type { Classes } from "../labels";
import { classesOfLabels } from "../labels";
import { checkInteger, checkLabels, checkPositive, checkSamples } from "../validate";
import { computeMixtureEntropy } from "./mixture-entropy";

export interface SamplePropagationOptions {
  /** noise standard deviation β of the layer (> 0) */
  readonly noiseStd: number;
  /** noise draws per centre for ĥ(T) (default 1: the m·n centres already give many queries) */
  readonly nMC?: number;
  /** noise draws per centre for each ĥ(T|X=x_i) (default 64) */
  readonly nMCConditional?: number;
  /** cap on the queries of ĥ(T) (default 8192) */
  readonly maxQueries?: number;
  readonly seed?: number;
  /** classes of the inputs (one per input), for Î(T;Y) */
  readonly classes?: Classes;
  readonly threads?: number;
}

export interface SamplePropagationResult {
  /** Î(X;T_ℓ), nats */
  readonly mutualInformation: number;
  readonly stdError: number;
  /** ĥ(T_ℓ) and its standard error */
  readonly entropy: number;
  readonly entropyStdError: number;
  /** (1/m)·Σ_i ĥ(T_ℓ|X=x_i) and its standard error */
  readonly conditionalEntropy: number;
  readonly conditionalStdError: number;
  /** inputs whose conditional entropy was exact (all centres equal) */
  readonly exactConditionals: number;
  readonly inputs: number;
  readonly centres: number;
  readonly queries: number;
  readonly mutualInformationY?: number;
  readonly mutualInformationYStdError?: number;
}

/** Inputs per parallel chunk of the conditional mixtures (fixed; independent of threads). */
const INPUTS_PER_CHUNK = 16;

/** Options of the public `samplePropagationMI`: integer labels of the inputs instead of classes. */
export interface SamplePropagationInput extends Omit<SamplePropagationOptions, "classes"> {
  /** one integer label per input, for Î(T;Y) */
  readonly labels?: Int32Array | readonly number[];
}

/** Î(X;T_ℓ) from per-input centre sets (all with the same d), after validating the inputs. */
export function samplePropagationMI(
  conditionalCentres: readonly Samples[],
  opts: SamplePropagationInput,
): SamplePropagationResult {
  if (!Array.isArray(conditionalCentres) || conditionalCentres.length === 0) {
    throw new InvalidInputError("conditionalCentres must be a non-empty array of Samples, one per input");
  }
  const sets = conditionalCentres.map((c, i) => checkSamples(c, `conditionalCentres[${i}]`));
  const d = sets[0].d;
  sets.forEach((c, i) => {
    if (c.d !== d)
      throw new InvalidInputError(`conditionalCentres[${i}] has d = ${c.d} but [0] has d = ${d}`);
  });
  const int = (v: number | undefined, name: string, fallback: number) => checkInteger(v ?? fallback, name, 1);
  return computeSamplePropagation(sets, {
    noiseStd: checkPositive(opts.noiseStd, "noiseStd"),
    nMC: int(opts.nMC, "nMC", 1),
    nMCConditional: int(opts.nMCConditional, "nMCConditional", 64),
    maxQueries: int(opts.maxQueries, "maxQueries", 8192),
    seed: checkInteger(opts.seed ?? 0, "seed", 0),
    ...(opts.labels !== undefined
      ? { classes: classesOfLabels(checkLabels(opts.labels, sets.length, "labels")) }
      : {}),
    ...(opts.threads !== undefined ? { threads: checkInteger(opts.threads, "threads", 1, 256) } : {}),
  });
}

/** Î(X;T_ℓ) from per-input centre sets (inputs assumed valid). */
export function computeSamplePropagation(
  conditionalCentres: readonly Samples[],
  opts: SamplePropagationOptions,
): SamplePropagationResult {
  const m = conditionalCentres.length;
  const d = conditionalCentres[0].d;
  const offsets = new Int32Array(m + 1);
  for (let i = 0; i < m; i++) offsets[i + 1] = offsets[i] + conditionalCentres[i].n;
  const total = offsets[m];
  const all = sharedFloat64(total * d);
  for (let i = 0; i < m; i++) all.set(conditionalCentres[i].data, offsets[i] * d);
  const seed = opts.seed ?? 0;
  // the centres' classes are their inputs' classes
  let classes: Classes | undefined;
  if (opts.classes) {
    const ids = new Int32Array(total);
    const counts = new Int32Array(opts.classes.counts.length);
    for (let i = 0; i < m; i++) {
      ids.fill(opts.classes.ids[i], offsets[i], offsets[i + 1]);
      counts[opts.classes.ids[i]] += offsets[i + 1] - offsets[i];
    }
    classes = { ids, counts };
  }
  const uncond = computeMixtureEntropy(
    { data: all, n: total, d },
    {
      noiseStd: opts.noiseStd,
      nMC: opts.nMC ?? 1,
      maxQueries: opts.maxQueries ?? 8192,
      rng: createRng(seed).fork(0),
      ...(classes ? { classes } : {}),
      ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
    },
  );
  const entropy = sharedFloat64(m);
  const stdError = sharedFloat64(m);
  const chunks = Math.ceil(m / INPUTS_PER_CHUNK);
  runChunks(
    "spConditional",
    {
      centres: all,
      offsets: toShared(offsets),
      d,
      noiseStd: opts.noiseStd,
      nMC: opts.nMCConditional ?? 64,
      seed,
      perChunk: INPUTS_PER_CHUNK,
      entropy,
      stdError,
    },
    chunks,
    opts.threads ?? autoThreads(total * (opts.nMCConditional ?? 64) * (total / m) * (d + 4)),
  );
  let cond = 0;
  let condVar = 0;
  let exact = 0;
  for (let i = 0; i < m; i++) {
    cond += entropy[i];
    condVar += stdError[i] ** 2;
    if (stdError[i] === 0) exact++;
  }
  cond /= m;
  const condSe = Math.sqrt(condVar) / m;
  return {
    mutualInformation: uncond.entropy - cond,
    stdError: Math.hypot(uncond.stdError, condSe),
    entropy: uncond.entropy,
    entropyStdError: uncond.stdError,
    conditionalEntropy: cond,
    conditionalStdError: condSe,
    exactConditionals: exact,
    inputs: m,
    centres: total,
    queries: uncond.queries,
    ...(uncond.mutualInformationY !== undefined
      ? {
          mutualInformationY: uncond.mutualInformationY,
          mutualInformationYStdError: uncond.mutualInformationYStdError,
        }
      : {}),
  };
}
