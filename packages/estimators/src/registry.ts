/**
 * Estimators by id (docs/contracts.md): `createEstimator(id, params)` and `listEstimators()` with every
 * estimator's kind, description and defaults. The ids are the CLI's `--estimator` names.
 * The kNN family (ksg1, ksg2, kl) is built in `knn/` by its own engineer; its factories
 * (`createKsgEstimator({ variant, k, … })`, `createKozachenkoLeonenkoEstimator({ k, metric, … })`,
 * exported from `knn/index.ts`) are looked up when the registry loads, so the registry works, and says
 * so clearly, while that module is absent.
 */
import { createBinningEstimator } from "./binning/binning-estimator";
import { BINNING_DEFAULTS } from "./binning/binning-options";
import { InvalidInputError } from "./errors";
import type { Estimator, Params } from "./interface";
import { createKdeEstimator, KDE_DEFAULTS } from "./kde/kde-estimator";
import { createSpEstimator, SP_DEFAULTS } from "./sp/sp-estimator";

export interface EstimatorInfo {
  readonly id: string;
  readonly kind: "mi" | "entropy" | "both";
  readonly description: string;
  readonly defaults: Params;
  /** what each parameter means */
  readonly parameters: Record<string, string>;
}

interface KnnModule {
  createKsgEstimator?: (params: Params) => Estimator;
  createKozachenkoLeonenkoEstimator?: (params: Params) => Estimator;
}

// A non-literal specifier: the module may not exist yet in this build (see header).
const KNN_MODULE = "./knn/index";
const knn: KnnModule = await import(/* @vite-ignore */ KNN_MODULE).catch(() => ({}));

function knnFactory<K extends keyof KnnModule>(name: K): NonNullable<KnnModule[K]> {
  const f = knn[name];
  if (typeof f !== "function") {
    throw new InvalidInputError(
      `estimator needs ${name} from packages/estimators/src/knn/index.ts, absent in this build`,
    );
  }
  return f as NonNullable<KnnModule[K]>;
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

const REGISTRY: Array<EstimatorInfo & { create: (params: Params) => Estimator }> = [
  {
    id: "ksg1",
    kind: "mi",
    description: "KSG-1 mutual information I(X;Y) (Kraskov et al. 2004), max-norm, strict counts",
    defaults: { k: 3, base: "e", ties: "jitter", jitter: 0, seed: 0, threads: "auto", shuffles: 0 },
    parameters: { ...KNN_PARAMS, shuffles: "permutation-null shuffles" },
    create: (p) => knnFactory("createKsgEstimator")({ ...p, variant: 1 }),
  },
  {
    id: "ksg2",
    kind: "mi",
    description: "KSG-2 mutual information I(X;Y) (Kraskov et al. 2004), max-norm, non-strict counts",
    defaults: { k: 3, base: "e", ties: "jitter", jitter: 0, seed: 0, threads: "auto", shuffles: 0 },
    parameters: { ...KNN_PARAMS, shuffles: "permutation-null shuffles" },
    create: (p) => knnFactory("createKsgEstimator")({ ...p, variant: 2 }),
  },
  {
    id: "kl",
    kind: "entropy",
    description: "Kozachenko–Leonenko differential entropy h(X) (max-norm by default, like NPEET)",
    defaults: { k: 3, metric: "max", base: "e", ties: "jitter", jitter: 0, seed: 0, threads: "auto" },
    parameters: { ...KNN_PARAMS, metric: "max (Chebyshev) or euclidean" },
    create: (p) => knnFactory("createKozachenkoLeonenkoEstimator")(p),
  },
  ...(["upper", "lower"] as const).map((bound) => ({
    id: `kde-${bound}`,
    kind: "both" as const,
    description:
      `Kolchinsky–Tracey ${bound === "upper" ? "KL upper" : "Bhattacharyya lower"} bound on H(T), ` +
      "T = x + N(0, variance·I); with y/labels, I(T;Y) from class-conditional mixtures (Saxe et al. 2018)",
    defaults: KDE_DEFAULTS,
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
    defaults: BINNING_DEFAULTS,
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
    defaults: SP_DEFAULTS,
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
  return REGISTRY.map(({ create: _create, ...info }) => info);
}

/** A configured estimator; unknown ids and invalid parameters throw `InvalidInputError`. */
export function createEstimator(id: string, params: Params = {}): Estimator {
  const entry = REGISTRY.find((e) => e.id === id);
  if (entry === undefined) {
    throw new InvalidInputError(`unknown estimator '${id}'; known: ${REGISTRY.map((e) => e.id).join(", ")}`);
  }
  return entry.create(params);
}
