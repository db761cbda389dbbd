/**
 * The task specification: one zod schema, discriminated on `family`, shared by the API, the CLI and
 * the benchmark suite files. Defaults are filled in here, so the parsed spec is the complete
 * description a task id is derived from.
 *
 * Families: the closed-form ones of "Beyond normal" (Czyż et al., NeurIPS 2023;
 * shared/docs/estimators-math.md §7–8) and the replica-backed teacher networks
 * (shared/docs/replica-math.md §1.1).
 */
import { z } from "zod";
import { teacherLayerSizes } from "./teacherLayerSizes";

const MAX_SEED = 4294967295;

const dim = z.number().int().min(1);
const seed = z.number().int().min(0).max(MAX_SEED).default(0);
const label = z.string().min(1).max(80).optional();
const correlation = z.number().gt(-1).lt(1);

/** Joint covariance (or Student-t dispersion) of (X, Y), X first; unit variances except for `matrix`. */
export const covarianceSpecSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("identity") }),
  /** every off-diagonal entry (within X, within Y and across) equal to `correlation` (bmi "dense") */
  z.strictObject({ kind: z.literal("dense"), correlation }),
  /** `pairs` pairs (X_i, Y_i) with correlation `correlation`, everything else independent (bmi "2-pair") */
  z.strictObject({
    kind: z.literal("sparse"),
    pairs: z.number().int().min(1).default(2),
    correlation: correlation.default(0.8),
  }),
  /** an explicit symmetric positive definite (dimX+dimY)² matrix */
  z.strictObject({ kind: z.literal("matrix"), matrix: z.array(z.array(z.number())).min(1) }),
]);

/** Injective per-variable maps that leave I(X;Y) unchanged (estimators-math §7.1, §8 item 4). */
export const transformNames = ["normalCdf", "halfCube", "asinh", "wiggly", "spiral"] as const;
const transforms = z.array(z.enum(transformNames)).default([]);

/** Weight-matrix ensembles; all draws come from the task's own `seed`. */
export const weightSpecSchema = z.discriminatedUnion("ensemble", [
  /** i.i.d. N(0, scale²/n_in) entries (Marchenko–Pastur spectrum, replica-math §5.1) */
  z.strictObject({ ensemble: z.literal("gaussian"), scale: z.number().positive().default(1) }),
  /** scale × a Haar-random partial isometry (rows or columns orthonormal) */
  z.strictObject({ ensemble: z.literal("orthogonal"), scale: z.number().positive().default(1) }),
  /** U·diag(s)·V with Haar U, V (replica-math §5.3): s listed (min(n_out, n_in) values) or linearly spaced */
  z.strictObject({
    ensemble: z.literal("usv"),
    singularValues: z.union([
      z.array(z.number().min(0)).min(1),
      z.strictObject({ from: z.number().min(0), to: z.number().min(0) }),
    ]),
  }),
]);

/** Named pointwise activations for the generic channel (JSON cannot carry a function). */
// The pointwise activations the replica core integrates (its Generic channel); the truth exists for each.
export const genericActivationNames = ["tanh", "sigmoid", "erf"] as const;

const layerCommon = {
  /** n_ℓ / n_{ℓ−1}; the width is round(alpha · n_{ℓ−1}) */
  alpha: z.number().positive().default(1),
  /** σ², the variance of the Gaussian noise added before the activation (replica-math §1.1) */
  varNoise: z.number().min(0).default(0),
  weights: weightSpecSchema.default({ ensemble: "gaussian", scale: 1 }),
};

export const teacherLayerSpecSchema = z.discriminatedUnion("activation", [
  z.strictObject({ activation: z.literal("Linear"), ...layerCommon }),
  z.strictObject({ activation: z.literal("ReLU"), ...layerCommon }),
  z.strictObject({ activation: z.literal("Probit"), ...layerCommon }),
  z.strictObject({ activation: z.literal("LeakyReLU"), gamma: z.number().min(0).max(1), ...layerCommon }),
  z.strictObject({
    activation: z.literal("HardTanh"),
    thres: z.number().positive().default(1),
    ...layerCommon,
  }),
  z.strictObject({ activation: z.literal("Generic"), phi: z.enum(genericActivationNames), ...layerCommon }),
]);

/** Priors on the i.i.d. input components, dnner's names and parameters (replica-math §1.1). */
export const priorSpecSchema = z.discriminatedUnion("name", [
  z.strictObject({
    name: z.literal("Normal"),
    mean: z.number().default(0),
    var: z.number().positive().default(1),
  }),
  /** prob·δ(x−1) + (1−prob)·δ(x+1) */
  z.strictObject({ name: z.literal("Bimodal"), prob: z.number().gt(0).lt(1).default(0.5) }),
  /** (1−prob)·δ(x) + prob·N(mean, var) */
  z.strictObject({
    name: z.literal("SpikeSlab"),
    prob: z.number().gt(0).max(1),
    mean: z.number().default(0),
    var: z.number().positive().default(1),
  }),
]);

const multinormalSpecSchema = z.strictObject({
  family: z.literal("multinormal"),
  label,
  dimX: dim,
  dimY: dim,
  covariance: covarianceSpecSchema,
  transforms,
});

const studentTSpecSchema = z.strictObject({
  family: z.literal("student-t"),
  label,
  dimX: dim,
  dimY: dim,
  /** degrees of freedom ν > 0 */
  dof: z.number().positive(),
  /** the dispersion matrix Σ (not the covariance, which is Σ·ν/(ν−2) for ν > 2) */
  dispersion: covarianceSpecSchema.default({ kind: "identity" }),
  transforms,
});

const additiveUniformSpecSchema = z.strictObject({
  family: z.literal("additive-uniform"),
  label,
  /** Y = X + U(−epsilon, epsilon), X ~ U(0, 1) */
  epsilon: z.number().positive(),
});

const linearGaussianSpecSchema = z.strictObject({
  family: z.literal("linear-gaussian"),
  label,
  dimX: dim,
  dimY: dim,
  /** X ~ N(0, signalVar·I) */
  signalVar: z.number().positive().default(1),
  /** Z ~ N(0, varNoise·I) in T = W X + Z */
  varNoise: z.number().positive(),
  weights: weightSpecSchema.default({ ensemble: "gaussian", scale: 1 }),
  seed,
});

const teacherSpecSchema = z.strictObject({
  family: z.literal("teacher"),
  label,
  /** input width n₀ (the size knob) */
  n0: z.number().int().min(1),
  prior: priorSpecSchema.default({ name: "Normal", mean: 0, var: 1 }),
  layers: z.array(teacherLayerSpecSchema).min(1),
  /** 1-based index of the layer that is the task's y (default: the last one) */
  observe: z.number().int().min(1).optional(),
  seed,
});

function addIssue(ctx: z.RefinementCtx, path: (string | number)[], message: string): void {
  ctx.addIssue({ code: "custom", path, message });
}

type CovarianceSpec = z.output<typeof covarianceSpecSchema>;

function checkCovariance(
  cov: CovarianceSpec,
  dimX: number,
  dimY: number,
  field: string,
  ctx: z.RefinementCtx,
): void {
  const d = dimX + dimY;
  if (cov.kind === "dense" && cov.correlation <= -1 / (d - 1)) {
    addIssue(
      ctx,
      [field, "correlation"],
      `must be > −1/(dimX+dimY−1) = ${-1 / (d - 1)} for a positive definite matrix`,
    );
  }
  if (cov.kind === "sparse" && cov.pairs > Math.min(dimX, dimY)) {
    addIssue(ctx, [field, "pairs"], `must be ≤ min(dimX, dimY) = ${Math.min(dimX, dimY)}`);
  }
  if (cov.kind === "matrix") {
    if (cov.matrix.length !== d || cov.matrix.some((row) => row.length !== d)) {
      addIssue(ctx, [field, "matrix"], `must be ${d}×${d} (dimX+dimY square)`);
      return;
    }
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < i; j++) {
        if (cov.matrix[i][j] !== cov.matrix[j][i]) {
          addIssue(ctx, [field, "matrix", i, j], "matrix is not symmetric");
          return;
        }
      }
    }
  }
}

function checkTransforms(names: readonly string[], dimX: number, dimY: number, ctx: z.RefinementCtx): void {
  // bmi's spiral rotates X in the coordinate plane (1,2) and Y in (2,3) (estimators-math §7.1).
  if (names.includes("spiral") && (dimX < 2 || dimY < 3)) {
    addIssue(ctx, ["transforms"], "spiral needs dimX ≥ 2 and dimY ≥ 3 (it rotates X in plane 1-2, Y in 2-3)");
  }
}

export const taskSpecSchema = z
  .discriminatedUnion("family", [
    multinormalSpecSchema,
    studentTSpecSchema,
    additiveUniformSpecSchema,
    linearGaussianSpecSchema,
    teacherSpecSchema,
  ])
  .superRefine((spec, ctx) => {
    switch (spec.family) {
      case "multinormal":
        checkCovariance(spec.covariance, spec.dimX, spec.dimY, "covariance", ctx);
        checkTransforms(spec.transforms, spec.dimX, spec.dimY, ctx);
        return;
      case "student-t":
        checkCovariance(spec.dispersion, spec.dimX, spec.dimY, "dispersion", ctx);
        checkTransforms(spec.transforms, spec.dimX, spec.dimY, ctx);
        return;
      case "linear-gaussian":
        checkSingularValues(spec.weights, spec.dimY, spec.dimX, ["weights", "singularValues"], ctx);
        return;
      case "teacher":
        checkTeacher(spec, ctx);
        return;
      default:
        return;
    }
  });

type WeightSpec = z.output<typeof weightSpecSchema>;

function checkSingularValues(
  w: WeightSpec,
  rows: number,
  cols: number,
  path: (string | number)[],
  ctx: z.RefinementCtx,
): void {
  if (w.ensemble !== "usv" || !Array.isArray(w.singularValues)) return;
  const r = Math.min(rows, cols);
  if (w.singularValues.length !== r) {
    addIssue(
      ctx,
      path,
      `has ${w.singularValues.length} values but the ${rows}×${cols} matrix has min(n_out, n_in) = ${r}; list ${r} values or use {from, to}`,
    );
  }
}

function checkTeacher(spec: z.output<typeof teacherSpecSchema>, ctx: z.RefinementCtx): void {
  const nLayers = spec.layers.length;
  if (nLayers === 0) return; // already reported by `layers: min(1)` (zod still runs refinements then)
  const observe = spec.observe ?? nLayers;
  if (observe > nLayers) {
    addIssue(ctx, ["observe"], `is ${observe} but the network has ${nLayers} layer(s)`);
    return;
  }
  // The replica "mi" of a chain ending at layer ℓ is I(T_{ℓ−1}; T_ℓ)/n₀, which is I(X; T_ℓ)/n₀ only
  // when the layers before ℓ are noiseless (replica-math §1.3 item 2, §8.6). The truth of the task is
  // I(X; T_observe), so we require exactly that.
  for (let l = 0; l < observe - 1; l++) {
    if (spec.layers[l].varNoise !== 0) {
      addIssue(
        ctx,
        ["layers", l, "varNoise"],
        `must be 0 for layers before the observed layer ${observe}: only then is the replica MI equal to I(X;T_${observe})`,
      );
    }
  }
  if (spec.layers[observe - 1].varNoise <= 0) {
    addIssue(
      ctx,
      ["layers", observe - 1, "varNoise"],
      "must be > 0 on the observed layer (a noiseless continuous layer has infinite I(X;T))",
    );
  }
  const sizes = teacherLayerSizes(
    spec.n0,
    spec.layers.map((l) => l.alpha),
  );
  spec.layers.forEach((layer, l) => {
    checkSingularValues(
      layer.weights,
      sizes[l + 1],
      sizes[l],
      ["layers", l, "weights", "singularValues"],
      ctx,
    );
  });
}

/** What a user writes (defaults optional). */
export type TaskSpec = z.input<typeof taskSpecSchema>;
/** The complete spec after defaults; `Task.params` echoes it. */
export type ResolvedTaskSpec = z.output<typeof taskSpecSchema>;
export type MultinormalSpec = z.output<typeof multinormalSpecSchema>;
export type StudentTSpec = z.output<typeof studentTSpecSchema>;
export type AdditiveUniformSpec = z.output<typeof additiveUniformSpecSchema>;
export type LinearGaussianSpec = z.output<typeof linearGaussianSpecSchema>;
export type TeacherSpec = z.output<typeof teacherSpecSchema>;
export type TeacherSpecInput = z.input<typeof teacherSpecSchema>;
export type TeacherLayerSpec = z.output<typeof teacherLayerSpecSchema>;
export type PriorSpec = z.output<typeof priorSpecSchema>;
export type { CovarianceSpec, WeightSpec };
export type TransformName = (typeof transformNames)[number];
export type GenericActivationName = (typeof genericActivationNames)[number];
