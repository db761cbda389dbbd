/**
 * The network description shared by the API and the CLI: `{ layers, weights }` with dnner's names and
 * parameters, exactly as in shared/reference/replica-cases.json (docs/contracts.md). One zod schema; a bad
 * spec is rejected with a one-line message naming the field (`parseNetworkSpec`).
 */
import { z } from "zod";

const finite = () => z.number().finite();
const variance = () => finite().nonnegative();

/** Prior layers (replica-math §1.1, §4.1). */
export const priorSpecSchema = z.discriminatedUnion(
  "name",
  [
    z.object({
      kind: z.literal("prior").optional(),
      name: z.literal("Normal"),
      params: z.strictObject({ mean: finite().optional(), var: finite().positive().optional() }).optional(),
    }),
    z.object({
      kind: z.literal("prior").optional(),
      name: z.literal("Bimodal"),
      params: z.strictObject({ prob: finite().gt(0).lt(1).optional() }).optional(),
    }),
    z.object({
      kind: z.literal("prior").optional(),
      name: z.literal("SpikeSlab"),
      params: z.strictObject({
        prob: finite().gt(0).lte(1),
        mean: finite().optional(),
        var: finite().positive().optional(),
      }),
    }),
  ],
  { error: () => "unknown prior (expected Normal, Bimodal or SpikeSlab)" },
);

/** Activation layers t = φ(z + √σ² ξ) (replica-math §1.1, §4.2–4.3; Generic: issue 3 "generic channel"). */
export const activationSpecSchema = z.discriminatedUnion(
  "name",
  [
    z.object({
      kind: z.literal("activation").optional(),
      name: z.literal("Linear"),
      params: z.strictObject({ var_noise: variance() }),
    }),
    z.object({
      kind: z.literal("activation").optional(),
      name: z.literal("Probit"),
      params: z.strictObject({ var_noise: variance() }),
    }),
    z.object({
      kind: z.literal("activation").optional(),
      name: z.literal("ReLU"),
      params: z.strictObject({ var_noise: variance() }),
    }),
    z.object({
      kind: z.literal("activation").optional(),
      name: z.literal("LeakyReLU"),
      params: z.strictObject({ var_noise: variance(), gamma: finite().min(0).max(1) }),
    }),
    z.object({
      kind: z.literal("activation").optional(),
      name: z.literal("HardTanh"),
      params: z.strictObject({ var_noise: variance(), thres: finite().positive().optional() }),
    }),
    z.object({
      kind: z.literal("activation").optional(),
      name: z.literal("Generic"),
      // a named pointwise φ through the generic 2-D Gaussian integrals; code passes its own φ to genericChannel
      params: z.strictObject({
        var_noise: variance(),
        activation: z.enum(["tanh", "sigmoid", "erf", "sign", "relu", "linear", "hardtanh"]),
        thres: finite().positive().optional(),
      }),
    }),
  ],
  { error: () => "unknown activation (expected Linear, Probit, ReLU, LeakyReLU, HardTanh or Generic)" },
);

/** What zod calls a value it did not expect ("string", "NaN", "Infinity", …). */
function received(x: unknown): string {
  if (typeof x === "number" && !Number.isFinite(x))
    return Number.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity";
  return x === null ? "null" : Array.isArray(x) ? "array" : typeof x;
}

/**
 * An array of finite numbers (each ≥ 0 with `nonnegative`, at least `min` of them), checked in one loop with
 * zod's own messages: z.array(z.number()) parses element by element (~50 ns a number), which for a spectrum of
 * a few hundred eigenvalues costs more than solving a small network.
 */
function finiteNumbers(opts: { min?: number; nonnegative?: boolean } = {}) {
  return z
    .custom<number[]>((x) => Array.isArray(x), {
      error: (issue) => `Invalid input: expected array, received ${received(issue.input)}`,
    })
    .superRefine((xs, ctx) => {
      if (opts.min !== undefined && xs.length < opts.min) {
        ctx.addIssue({ code: "custom", message: `Too small: expected array to have >=${opts.min} items` });
        return;
      }
      for (let i = 0; i < xs.length; i++) {
        const x = xs[i];
        if (typeof x !== "number" || !Number.isFinite(x)) {
          ctx.addIssue({
            code: "custom",
            path: [i],
            message: `Invalid input: expected number, received ${received(x)}`,
          });
          return;
        }
        if (opts.nonnegative && x < 0) {
          ctx.addIssue({ code: "custom", path: [i], message: "Too small: expected number to be >=0" });
          return;
        }
      }
    });
}

const eigenvalues = finiteNumbers({ min: 1 });

/** Weight ensembles (replica-math §5): Gaussian i.i.d., an empirical spectrum or matrix, orthogonal USV. */
export const ensembleSpecSchema = z.discriminatedUnion(
  "ensemble",
  [
    z.strictObject({ ensemble: z.literal("Gaussian"), alpha: finite().positive() }),
    z
      .strictObject({
        ensemble: z.literal("Empirical"),
        alpha: finite().positive().optional(),
        eigvals: eigenvalues.optional(),
        matrix: z
          .strictObject({
            rows: z.number().int().positive(),
            cols: z.number().int().positive(),
            data: finiteNumbers(),
          })
          .refine((m) => m.data.length === m.rows * m.cols, {
            error: "data must hold rows × cols numbers (row-major)",
          })
          .optional(),
        // kept from dnner's reference cases, informative only
        n_rows: z.number().int().positive().optional(),
        n_cols: z.number().int().positive().optional(),
        source: z.string().optional(),
      })
      .superRefine((w, ctx) => {
        if ((w.eigvals === undefined) === (w.matrix === undefined)) {
          ctx.addIssue({ code: "custom", message: "give exactly one of eigvals (with alpha) or matrix" });
        } else if (w.eigvals !== undefined && w.alpha === undefined) {
          ctx.addIssue({
            code: "custom",
            path: ["alpha"],
            message: "required with eigvals (α = n_ℓ/n_{ℓ−1})",
          });
        } else if (w.matrix !== undefined && w.alpha !== undefined) {
          ctx.addIssue({
            code: "custom",
            path: ["alpha"],
            message: "not allowed with matrix (α = rows/cols)",
          });
        }
      }),
    z.strictObject({
      ensemble: z.literal("USV"),
      alpha: finite().positive(),
      singularValues: finiteNumbers({ min: 1, nonnegative: true }),
    }),
  ],
  { error: () => "unknown ensemble (expected Gaussian, Empirical or USV)" },
);

export const networkSpecSchema = z
  .object({
    layers: z.tuple([priorSpecSchema], activationSpecSchema).refine((l) => l.length >= 2, {
      error: "needs a prior and at least one activation layer",
    }),
    weights: z.array(ensembleSpecSchema),
  })
  .superRefine((spec, ctx) => {
    const need = spec.layers.length - 1;
    if (spec.weights.length !== need) {
      ctx.addIssue({
        code: "custom",
        path: ["weights"],
        message: `${spec.weights.length} ensemble${spec.weights.length === 1 ? "" : "s"} for ${need} activation layer${need === 1 ? "" : "s"} (layers/weights count mismatch: one ensemble per activation layer)`,
      });
    }
  });

export type PriorSpec = z.infer<typeof priorSpecSchema>;
export type ActivationSpec = z.infer<typeof activationSpecSchema>;
export type LayerSpec = PriorSpec | ActivationSpec;
export type EnsembleSpec = z.infer<typeof ensembleSpecSchema>;
export type NetworkSpec = z.infer<typeof networkSpecSchema>;
