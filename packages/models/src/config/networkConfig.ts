/**
 * Zod description of a student network: a list of layer blocks (linear map → activation, optional
 * Gaussian noise). The same schema validates the API and the `train` CLI config.
 */
import { z } from "zod";
import { ACTIVATIONS } from "../layers/activation";

export const noiseSchema = z
  .object({
    /** β, the noise standard deviation. */
    std: z.number().nonnegative(),
    position: z.enum(["post", "pre"]).default("post"),
  })
  .strict();

export const layerConfigSchema = z
  .object({
    units: z.number().int().positive(),
    /** "usv": W = U·diag(s)·V with U, V fixed Haar, only s trained (replica-math.md §7.2). */
    kind: z.enum(["usv", "dense"]).default("dense"),
    activation: z.enum(ACTIVATIONS as unknown as ["linear", "tanh", "relu", "hardtanh"]).default("linear"),
    bias: z.boolean().default(false),
    noise: noiseSchema.optional(),
    /** c in W₀ = c·G/√n_in (overrides the network's `initScale`). */
    initScale: z.number().positive().optional(),
    /** USV only: explicit initial singular values, length min(n_in, n_out). */
    singularValues: z.array(z.number().nonnegative()).optional(),
  })
  .strict();

export const networkConfigSchema = z
  .object({
    layers: z.array(layerConfigSchema).min(1),
    initScale: z.number().positive().default(1),
  })
  .strict();

export type LayerConfig = z.output<typeof layerConfigSchema>;
export type NetworkConfig = z.output<typeof networkConfigSchema>;
export type NetworkConfigInput = z.input<typeof networkConfigSchema>;
