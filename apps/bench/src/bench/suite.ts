/**
 * Benchmark suites: a JSON file in `benchmarks/suites/` listing tasks (each a task spec with an optional
 * parameter grid), estimators (id, parameters, grid, and which jobs they take part in), sample sizes,
 * seeds, and the tolerances the CI gate applies. Validated by zod; a bad entry gives one line naming it.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { contentHash } from "./canonical";
import type { Json, JsonObject } from "./grid";

const json = z.json() as z.ZodType<Json>;
const jsonObject = z.record(z.string(), json) as z.ZodType<JsonObject>;
/** dotted path → values to try; e.g. `{ "n0": [10, 100, 1000] }` or `{ "layers.1.params.var_noise": [0.1, 1] }` */
const grid = z.record(z.string().min(1), z.array(json).min(1, "a grid needs at least one value"));
const count = z.number().int().min(2, "a sample size must be at least 2");

const taskEntry = z.strictObject({
  note: z.string().optional(),
  spec: z.looseObject({ family: z.string().min(1) }),
  grid: grid.optional(),
  /** sample sizes for this entry's tasks instead of the suite's `n` */
  n: z.array(count).min(1).optional(),
});

const estimatorEntry = z.strictObject({
  note: z.string().optional(),
  id: z.string().min(1),
  /** shown in tables instead of `id(grid point)` */
  label: z.string().min(1).optional(),
  params: jsonObject.default({}),
  grid: grid.optional(),
  /**
   * what the estimate is scored against: `mi` (estimate(x, y) vs I(X;Y); default for MI estimators),
   * `entropy` (entropy(y) vs H(Y); default for entropy estimators) or `mi-3h` (Ĥ(X) + Ĥ(Y) − Ĥ(X,Y) vs
   * I(X;Y); default for estimators with both methods)
   */
  target: z.enum(["mi", "entropy", "mi-3h"]).optional(),
  /** only tasks of these families */
  families: z.array(z.string().min(1)).min(1).optional(),
  /** skip sample sizes above this */
  maxN: count.optional(),
  /** skip tasks with dimX + dimY above this (kNN and binning are hopeless in high dimension, and slow) */
  maxDim: z.number().int().positive().optional(),
});

export const toleranceSchema = z.strictObject({
  /** an estimator's RMSE on a (task, N) cell may grow by this fraction of the baseline RMSE … */
  errorRelative: z.number().nonnegative().default(0.05),
  /** … plus this many nats, before the gate fails */
  errorAbsolute: z.number().nonnegative().default(1e-6),
  /** a truth value may move this much: the gate fails when |Δ| > truthRelative·|baseline truth| + 1e-12 nats */
  truthRelative: z.number().nonnegative().default(1e-6),
});
export type Tolerance = z.infer<typeof toleranceSchema>;

export const suiteSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "use lower-case letters, digits, '.', '_' or '-'"),
  description: z.string().default(""),
  tasks: z.array(taskEntry).min(1),
  estimators: z.array(estimatorEntry).min(1),
  n: z.array(count).min(1),
  seeds: z.array(z.number().int().nonnegative()).min(1),
  tolerance: toleranceSchema.default({ errorRelative: 0.05, errorAbsolute: 1e-6, truthRelative: 1e-6 }),
});

export type Suite = z.infer<typeof suiteSchema>;
export type TaskEntry = Suite["tasks"][number];
export type EstimatorEntry = Suite["estimators"][number];

export class SuiteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SuiteError";
  }
}

/** `a.b[2].c` from a zod issue path. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out || "(root)";
}

/** Validate a parsed suite object; `source` names the file in the error. */
export function parseSuite(raw: unknown, source: string): Suite {
  const parsed = suiteSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SuiteError(`suite ${source}: ${formatPath(issue.path)}: ${issue.message}`);
  }
  return parsed.data;
}

export function loadSuite(path: string): Suite {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new SuiteError(
      `suite ${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new SuiteError(`suite ${path}: not valid JSON (${(err as Error).message})`);
  }
  return parseSuite(raw, path);
}

/** The hash the report and the baseline quote: it changes whenever anything in the suite does. */
export function suiteHash(suite: Suite): string {
  return contentHash(suite, 12);
}
