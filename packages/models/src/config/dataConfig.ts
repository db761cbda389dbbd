/**
 * Where the training data comes from:
 * - `task`: any `@infoflow/tasks` task spec. `role: "forward"` trains X → y (teacher–student);
 *   `role: "generative"` trains the encoder y → X of a teacher used as decoder (replica-math.md
 *   §7.3(b): latents X, data = the teacher's observed layer, drawn WITH the decoder noise the
 *   replica chain assumes — lsd omitted it at generation time, §8.8 item 9).
 *   `target: "values"` regresses on the target columns (`relevant` first ones, default all);
 *   `target: "sign"` classifies by the sign of the first target column (class 1 when > 0).
 * - `szt`: the 12-bit data set of Shwartz-Ziv & Tishby (Goldfeld et al.'s experiments), split
 *   into train/test by a seeded permutation; the file is third-party and never committed.
 * - `arrays`: inline data (small examples and tests).
 */
import { z } from "zod";

const targetSchema = z.enum(["values", "sign"]);

export const dataConfigSchema = z.discriminatedUnion("source", [
  z
    .object({
      source: z.literal("task"),
      /** A task spec for `createTask` (validated there). */
      task: z.record(z.string(), z.unknown()),
      role: z.enum(["forward", "generative"]).default("forward"),
      target: targetSchema.default("values"),
      relevant: z.number().int().positive().optional(),
      nTrain: z.number().int().positive(),
      nTest: z.number().int().positive(),
    })
    .strict(),
  z
    .object({
      source: z.literal("szt"),
      /** Default: the shared reference path or INFOFLOW_SZT_PATH (see loadSztDataset). */
      path: z.string().optional(),
      testFraction: z.number().min(0).lt(1).default(0.2),
    })
    .strict(),
  z
    .object({
      source: z.literal("arrays"),
      train: z
        .object({
          x: z.array(z.array(z.number())).min(1),
          y: z.array(z.array(z.number())).optional(),
          labels: z.array(z.number().int().nonnegative()).optional(),
        })
        .strict(),
      test: z
        .object({
          x: z.array(z.array(z.number())).min(1),
          y: z.array(z.array(z.number())).optional(),
          labels: z.array(z.number().int().nonnegative()).optional(),
        })
        .strict(),
    })
    .strict(),
]);

export type DataConfig = z.output<typeof dataConfigSchema>;
