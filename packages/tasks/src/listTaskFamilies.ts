/** The task families with a one-line description and an example spec each (for `--list` and docs). */
import type { TaskSpec } from "./spec/taskSpec";

export interface TaskFamilyInfo {
  family: string;
  description: string;
  example: TaskSpec;
}

const FAMILIES: readonly TaskFamilyInfo[] = [
  {
    family: "teacher",
    description:
      "teacher network X → T_1 → … → T_L with random weights and noisy channels; truth I(X;T_observe) from the replica formula (n₀ → ∞ limit) on the drawn spectra",
    example: {
      family: "teacher",
      n0: 100,
      seed: 1,
      prior: { name: "Normal", mean: 0, var: 1 },
      layers: [
        { activation: "ReLU", alpha: 1, varNoise: 0, weights: { ensemble: "gaussian", scale: 1 } },
        { activation: "Linear", alpha: 0.5, varNoise: 0.01, weights: { ensemble: "gaussian", scale: 1 } },
      ],
    },
  },
  {
    family: "multinormal",
    description:
      "joint Gaussian (X, Y): dense (all correlations ρ), sparse (k pairs) or explicit covariance, optionally transformed; truth by log-det",
    example: {
      family: "multinormal",
      dimX: 5,
      dimY: 5,
      covariance: { kind: "dense", correlation: 0.5 },
      transforms: [],
    },
  },
  {
    family: "student-t",
    description:
      "multivariate Student-t (X, Y) with dispersion Σ and ν degrees of freedom, optionally transformed; closed-form truth incl. the c(ν, dx, dy) term",
    example: {
      family: "student-t",
      dimX: 2,
      dimY: 2,
      dof: 1,
      dispersion: { kind: "identity" },
      transforms: ["asinh"],
    },
  },
  {
    family: "additive-uniform",
    description: "X ~ U(0,1), Y = X + U(−ε, ε) (1×1); truth ε − ln 2ε (ε ≤ ½) or 1/(4ε)",
    example: { family: "additive-uniform", epsilon: 0.1 },
  },
  {
    family: "linear-gaussian",
    description: "T = W X + Z with W drawn once from the task seed; truth ½ log det(I + (s/σ²) W Wᵀ)",
    example: {
      family: "linear-gaussian",
      dimX: 10,
      dimY: 5,
      signalVar: 1,
      varNoise: 0.1,
      weights: { ensemble: "gaussian", scale: 1 },
      seed: 0,
    },
  },
];

export function listTaskFamilies(): TaskFamilyInfo[] {
  return FAMILIES.map((f) => structuredClone(f));
}
