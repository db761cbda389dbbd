/**
 * The finite-size caveat, measured. The replica formula gives the n₀ → ∞ limit of H/n₀ and I/n₀
 * (replica-math §1.3); a drawn network has finite n₀. For linear-Gaussian teachers (Normal prior,
 * Linear channels, noiseless hidden layers) the exact value at finite n₀ is a log-det
 * (`exactLinearGaussian`), so the gap can be computed exactly, per input unit:
 *   - gapEmpirical = replica on the drawn spectra − exact. Zero for one layer (the replica formula is
 *     exact for any spectrum, replica-math §6.1); for L ≥ 2 it is the error of treating the drawn
 *     W_ℓ as independent and orthogonally invariant (the spectrum of W_2W_1 is not exactly the free
 *     product of the two drawn spectra at finite size).
 *   - gapLimit = replica on the asymptotic ensemble (Marchenko–Pastur, Gaussian weights of scale 1)
 *     − exact: the full finite-size deviation of a drawn network from the large-n value.
 */
import { computeMutualInformation } from "@infoflow/replica";
import { teacherNetwork } from "./teacherNetwork";

export interface FiniteSizeGapOptions {
  n0s: readonly number[];
  /** α_ℓ of each layer (hidden layers noiseless, the last with `varNoise`) */
  alphas: readonly number[];
  varNoise: number;
  seeds: readonly number[];
  /** variance of the Normal(0, v) prior (default 1) */
  priorVar?: number;
}

export interface FiniteSizeGapRow {
  n0: number;
  seed: number;
  sizes: number[];
  /** I(X;T_L)/n₀, nats per input unit */
  exact: number;
  replicaEmpirical: number;
  replicaLimit: number;
  gapEmpirical: number;
  gapLimit: number;
}

export function linearGaussianFiniteSizeGap(options: FiniteSizeGapOptions): FiniteSizeGapRow[] {
  const { n0s, alphas, varNoise, seeds } = options;
  const priorVar = options.priorVar ?? 1;
  const last = alphas.length - 1;
  const layers = alphas.map((alpha, l) => ({
    activation: "Linear" as const,
    alpha,
    varNoise: l === last ? varNoise : 0,
    weights: { ensemble: "gaussian" as const, scale: 1 },
  }));
  const limit = computeMutualInformation({
    layers: [
      { kind: "prior", name: "Normal", params: { mean: 0, var: priorVar } },
      ...layers.map((l) => ({
        kind: "activation" as const,
        name: "Linear" as const,
        params: { var_noise: l.varNoise },
      })),
    ],
    weights: alphas.map((alpha) => ({ ensemble: "Gaussian" as const, alpha })),
  }).mi;
  const rows: FiniteSizeGapRow[] = [];
  for (const n0 of n0s) {
    for (const seed of seeds) {
      const task = teacherNetwork({ n0, seed, prior: { name: "Normal", mean: 0, var: priorVar }, layers });
      const exact = task.exactLinearGaussian!().mutualInformation / n0;
      const replicaEmpirical = task.mutualInformation() / n0;
      rows.push({
        n0,
        seed,
        sizes: [...task.sizes],
        exact,
        replicaEmpirical,
        replicaLimit: limit,
        gapEmpirical: replicaEmpirical - exact,
        gapLimit: limit - exact,
      });
    }
  }
  return rows;
}
