/**
 * Which information measures a training run computes, on which layers, and how often
 * (every `every` epochs, plus epoch 0 and the last epoch). Layer lists are 1-based; default all.
 */
import {
  activationSpecSchema,
  ensembleSpecSchema,
  priorSpecSchema,
  replicaOptionsSchema,
} from "@infoflow/replica";
import { z } from "zod";

const layerList = z.array(z.number().int().positive()).optional();

export const measuresConfigSchema = z
  .object({
    every: z.number().int().positive().default(1),
    /** Inputs the sample-based measures see. */
    split: z.enum(["train", "test", "all"]).default("all"),
    /** Cap on those inputs (a seeded subset, fixed for the whole run). */
    maxSamples: z.number().int().positive().optional(),
    /** Replica entropy and MI (Gabrié et al. 2018) of the leading layers (USV, or dense with an empirical spectrum; no bias). */
    replica: z
      .object({
        /** Number of leading layers tracked (lsd's up_to); default: the leading USV layers. */
        layers: z.number().int().positive().optional(),
        /** Observation noise variance of a noiseless T_ℓ (lsd's mi_noise). */
        outputNoise: z.number().positive().default(1e-5),
        /** Noise variance of noiseless hidden layers inside the chain (lsd's inter_mi_noise). */
        hiddenNoise: z.number().nonnegative().default(0),
        /** ReplicaOptions passed to the solver (useVamp, tol, maxIter, mode, …; warm starts are managed here). */
        options: replicaOptionsSchema.omit({ startAt: true }).default({}),
        /** Also compute the exact finite-size Gaussian values (linear layers, Gaussian X; lsd's `test`). */
        exactLinear: z.boolean().default(false),
        /** The replica chain generating X, when the data source cannot provide it. */
        input: z
          .object({
            layers: z.tuple([priorSpecSchema], activationSpecSchema),
            weights: z.array(ensembleSpecSchema),
            n0: z.number().int().positive(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    /** Sample propagation estimate of I(X;T_ℓ) (Goldfeld et al. 2019); layers need post-activation noise. */
    sp: z
      .object({
        layers: layerList,
        nPerInput: z.number().int().positive().default(16),
        /** Extra parameters for the estimator (e.g. nMC, maxQueries). */
        params: z.record(z.string(), z.unknown()).default({}),
      })
      .strict()
      .optional(),
    /** H(Bin(T_ℓ)) of the deterministic twin (and I(T;Y) from the same bins). */
    binning: z
      .object({
        layers: layerList,
        /** Bin width; default noiseMultiple·β of the layer (Goldfeld: 10β). */
        binSize: z.number().positive().optional(),
        noiseMultiple: z.number().positive().default(10),
      })
      .strict()
      .optional(),
    /** Kolchinsky–Tracey pairwise bounds on the deterministic twin plus Gaussian noise. */
    kde: z
      .object({
        layers: layerList,
        /** Noise variance of the mixture; default β² of the layer. */
        variance: z.number().positive().optional(),
      })
      .strict()
      .optional(),
    /**
     * Any registered estimator (`createEstimator(id, params)` of @infoflow/estimators) on each layer's
     * deterministic-twin activations, optionally plus seeded Gaussian noise of the given variance:
     * MI estimators give Î(X;T_ℓ), entropy estimators Ĥ(T_ℓ).
     */
    estimators: z
      .array(
        z
          .object({
            id: z.string().min(1),
            params: z.record(z.string(), z.unknown()).default({}),
            layers: layerList,
            noiseVariance: z.number().positive().optional(),
            /** Key in the metrics (default: the id). */
            label: z.string().min(1).optional(),
          })
          .strict(),
      )
      .default([]),
    /** Save layer activations (deterministic twin, and noisy when asked) of the measure inputs at every measure epoch. */
    snapshots: z
      .object({ layers: z.array(z.number().int().positive()).min(1), noisy: z.boolean().default(false) })
      .strict()
      .optional(),
    /** Weight shape per layer: singular-value range, ‖W‖_F, distance from orthonormal ‖G − I‖_F, max |bias|. */
    weights: z.object({ layers: layerList }).strict().optional(),
    /** Within/between-class distances and cosine similarities of the deterministic twin. */
    clustering: z
      .object({ layers: layerList, maxSamples: z.number().int().positive().default(2048) })
      .strict()
      .optional(),
  })
  .strict();

export type MeasuresConfig = z.output<typeof measuresConfigSchema>;
