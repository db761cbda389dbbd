/**
 * Estimators by id (docs/contracts.md): `createEstimator(id, params)` and `listEstimators()` with every
 * estimator's kind, description, parameters and defaults. The ids are the CLI's `--estimator` names.
 * The defaults listed are the ones each factory resolves and echoes (`parameters()` of an estimator
 * built without parameters), so the list cannot drift from what the estimators do.
 * The kNN family (ksg1, ksg2, kl) lives in `knn/`.
 */
import { createBinningEstimator } from "./binning/binning-estimator";
import { InvalidInputError } from "./errors";
import type { Estimator, Params } from "./interface";
import { createKdeEstimator } from "./kde/kde-estimator";
import {
  createKozachenkoLeonenkoEstimator,
  createKsgEstimator,
  type KlOptions,
  type KsgOptions,
} from "./knn/index";
import { createSpEstimator } from "./sp/sp-estimator";

export interface EstimatorInfo {
  readonly id: string;
  readonly kind: "mi" | "entropy" | "both";
  readonly description: string;
  readonly defaults: Params;
  /** what each parameter means */
  readonly parameters: Record<string, string>;
}

const COMMON = {
  base: "2 for bits, e for nats",
};

const KNN_PARAMS = {
  k: "neighbours",
  ...COMMON,
  ties: "exact duplicate rows: jitter or error",
  jitter: "noise added, × each column's standard deviation (0: none unless duplicate rows force it)",
  seed: "seed of the jitter and of the shuffle null",
  threads: "threads for the neighbour search; auto = by problem size",
};

const KSG_PARAMS = {
  ...KNN_PARAMS,
  variant: "KSG variant, set by the id (ksg1 → 1, ksg2 → 2)",
  metric: "chebyshev (max-norm in every space, fixed)",
  shuffles: "permutation-null shuffles",
};

type Entry = Omit<EstimatorInfo, "defaults"> & { create: (params: Params) => Estimator };

const REGISTRY: Entry[] = [
  {
    id: "ksg1",
    kind: "mi",
    description: "KSG-1 mutual information I(X;Y) (Kraskov et al. 2004), max-norm, strict counts",
    parameters: KSG_PARAMS,
    create: (p) => createKsgEstimator({ ...(p as KsgOptions), variant: 1 }),
  },
  {
    id: "ksg2",
    kind: "mi",
    description: "KSG-2 mutual information I(X;Y) (Kraskov et al. 2004), max-norm, non-strict counts",
    parameters: KSG_PARAMS,
    create: (p) => createKsgEstimator({ ...(p as KsgOptions), variant: 2 }),
  },
  {
    id: "kl",
    kind: "entropy",
    description: "Kozachenko–Leonenko differential entropy h(X) (max-norm by default, like NPEET)",
    parameters: { ...KNN_PARAMS, metric: "max (Chebyshev) or euclidean" },
    create: (p) => createKozachenkoLeonenkoEstimator(p as KlOptions),
  },
  ...(["upper", "lower"] as const).map((bound) => ({
    id: `kde-${bound}`,
    kind: "both" as const,
    description:
      `Kolchinsky–Tracey ${bound === "upper" ? "KL upper" : "Bhattacharyya lower"} bound on H(T), ` +
      "T = x + N(0, variance·I); with y/labels, I(T;Y) from class-conditional mixtures (Saxe et al. 2018)",
    parameters: {
      variance: "noise VARIANCE σ²",
      ...COMMON,
      threads: "threads; auto = by problem size (results do not depend on it)",
      shuffles: "permutation-null shuffles of y for I(T;Y)",
      seed: "seed of the shuffle null",
    },
    create: (p: Params) => createKdeEstimator(bound, p),
  })),
  {
    id: "binning",
    kind: "both",
    description:
      "plug-in entropy of the binned layer H(Bin(T)) = I(X;Bin(T)) (X uniform over rows); with y/labels, " +
      "I(Bin(T);Y) (Shwartz-Ziv & Tishby 2017, Saxe et al. 2018)",
    parameters: {
      mode: "width (⌊t/width⌋), idnns (SZT float32 edges), range, adaptive, adaptive-all",
      bins: "idnns: number of edges; range: intervals; adaptive: quantile bins",
      width: "bin width for mode width",
      range: "[lo, hi] for idnns ([-1, 1] if absent) and range (the data's min and max if absent)",
      low: "first edge of the adaptive modes (the smallest value if absent)",
      ...COMMON,
      shuffles: "permutation-null shuffles of y for I(Bin(T);Y)",
      seed: "seed of the shuffle null",
    },
    create: createBinningEstimator,
  },
  {
    id: "sp",
    kind: "both",
    description:
      "sample-propagation entropy of x + N(0, variance·I) by Monte Carlo over the Gaussian mixture on the " +
      "rows (Goldfeld et al. 2019); with y/labels, I(T;Y) from class-conditional mixtures",
    parameters: {
      variance: "noise VARIANCE β²",
      nmc: "noise draws per centre",
      seed: "seed of the Monte-Carlo draws",
      maxQueries: "cap on the number of queries (none if absent)",
      ...COMMON,
      threads: "threads; auto = by problem size (results do not depend on it)",
    },
    create: createSpEstimator,
  },
];

/** Every estimator with its kind, description, parameters and defaults. */
export function listEstimators(): EstimatorInfo[] {
  return REGISTRY.map(({ create, ...info }) => ({ ...info, defaults: create({}).parameters() }));
}

/** A configured estimator; unknown ids and invalid parameters throw `InvalidInputError`. */
export function createEstimator(id: string, params: Params = {}): Estimator {
  const entry = REGISTRY.find((e) => e.id === id);
  if (entry === undefined) {
    throw new InvalidInputError(`unknown estimator '${id}'; known: ${REGISTRY.map((e) => e.id).join(", ")}`);
  }
  return entry.create(params);
}
