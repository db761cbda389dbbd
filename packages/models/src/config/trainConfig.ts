/**
 * The configuration of one training run, validated by zod — the same schema for the API
 * (`runTraining`) and the `infoflow train CONFIG.json` command.
 */
import { z } from "zod";
import { BACKEND_NAMES } from "../backend/initBackend";
import { InvalidInputError } from "../errors";
import { optimizerConfigSchema } from "../training/optimizer";
import { dataConfigSchema } from "./dataConfig";
import { measuresConfigSchema } from "./measuresConfig";
import { networkConfigSchema } from "./networkConfig";
import { zodMessage } from "./zodMessage";

export const trainConfigSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().optional(),
    description: z.string().optional(),
    /** Every random draw of the run derives from this seed. */
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1),
    backend: z.enum(BACKEND_NAMES as unknown as ["tensorflow", "wasm", "cpu"]).optional(),
    network: networkConfigSchema,
    data: dataConfigSchema,
    loss: z.enum(["mse", "cross-entropy"]),
    optimizer: optimizerConfigSchema,
    /** Regularisers added to the training objective (the reported losses are the data loss alone). */
    regularization: z
      .object({
        /** λ in λ·Σ_ℓ ‖G_ℓ − I‖²_F, G_ℓ the smaller Gram matrix of W_ℓ (weights pushed towards orthonormal). */
        orthonormality: z.number().nonnegative().default(0),
      })
      .strict()
      .prefault({}),
    epochs: z.number().int().positive(),
    batchSize: z.number().int().positive(),
    measures: measuresConfigSchema.prefault({}),
    /** Write a checkpoint every k epochs (and at the end). */
    checkpointEvery: z.number().int().positive().default(1),
    /** Run directory (metrics.jsonl, checkpoint.json, plots), relative to the working directory. */
    outDir: z.string().min(1).optional(),
  })
  .strict();

export type TrainConfig = z.output<typeof trainConfigSchema>;
export type TrainConfigInput = z.input<typeof trainConfigSchema>;

/** Validate a config; throws InvalidInputError naming the first bad field. */
export function parseTrainConfig(input: unknown): TrainConfig {
  const r = trainConfigSchema.safeParse(input);
  if (!r.success) throw new InvalidInputError(zodMessage("config", r.error));
  return r.data;
}
