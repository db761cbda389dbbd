/**
 * Spike-and-slab prior P_0 = (1 − p) δ(x) + p N(x; μ, s²) (replica-math §1.1, §4.1). At (A, B):
 *   a = 1 + As², slab posterior m_g = (Bs² + μ)/a, v_g = s²/a,
 *   ℓ(B) = log(p/(1−p)) − ½log a + (Bs² + μ)²/(2s²a) − μ²/(2s²)   (log-odds slab vs spike), π = logistic(ℓ),
 *   log Z_0 = log(1 − p) + softplus(ℓ),   Var_post = π v_g + π(1 − π) m_g²;
 * B = √A η under the spike, B = Aμ + √(Aa) η under the slab. We integrate I = ½Aρ − Ψ_0 = I(x; √A x + η)
 * directly, with the O(A) terms cancelled algebraically before integrating:
 *   spike: −log(1 − p) − softplus(ℓ);   slab: ½A v_g − log p + ½log a + (μ² − m_g²)/(2s²) − softplus(−ℓ)
 * (the slab term is ½A E[x₀² | B] − log Z_0 with ℓ expanded). p = 1 is the Gaussian prior, p = 0 a point mass.
 * Breakpoints: the roots of ℓ(B) = 0, where the posterior switches between spike and slab.
 */
import { logistic, softplus } from "@infoflow/numerics";
import { gaussianAverage } from "../integrals/gaussian-average";
import type { Prior } from "../interface";
import { normalPrior } from "./normal";

export function spikeSlabPrior(p: number, mean: number, variance: number): Prior {
  const name = `SpikeSlab(${p}, ${mean}, ${variance})`;
  if (p === 1) return { ...normalPrior(mean, variance), name };
  const rho = p * (variance + mean * mean);
  if (p === 0) return { name, rho: 0, V: () => 0, Psi: () => 0, mutualInformation: () => 0 };
  const s2 = variance;
  const mu = mean;
  const logOdds0 = Math.log(p / (1 - p)) - (mu * mu) / (2 * s2);

  /** B-values where ℓ(B) = 0 at this A. */
  function switches(A: number): number[] {
    const a = 1 + A * s2;
    const l0 = logOdds0 - 0.5 * Math.log(a);
    if (l0 >= 0) return [];
    const root = Math.sqrt(-2 * s2 * a * l0);
    return [(-root - mu) / s2, (root - mu) / s2];
  }

  /** Calls f(ℓ, m_g, v_g) at B; returns its value. */
  function atB(A: number, B: number, f: (l: number, mg: number, vg: number) => number): number {
    const a = 1 + A * s2;
    const u = B * s2 + mu;
    const l = logOdds0 - 0.5 * Math.log(a) + (u * u) / (2 * s2 * a);
    return f(l, u / a, s2 / a);
  }

  /** (1 − p)·E_spike f + p·E_slab f, the η-integrals broken at the spike/slab switches. */
  function average(A: number, spike: (B: number) => number, slab: (B: number) => number): number {
    const sA = Math.sqrt(A);
    const sSlab = Math.sqrt(A * (1 + A * s2));
    const sw = switches(A);
    const spikeAvg = gaussianAverage(
      (eta) => spike(sA * eta),
      sw.map((B) => B / sA),
    );
    const slabAvg = gaussianAverage(
      (eta) => slab(A * mu + sSlab * eta),
      sw.map((B) => (B - A * mu) / sSlab),
    );
    return (1 - p) * spikeAvg + p * slabAvg;
  }

  const mutualInformation = (A: number): number => {
    if (A === 0) return 0;
    const a = 1 + A * s2;
    const spike = (B: number) => atB(A, B, (l) => -Math.log1p(-p) - softplus(l));
    const slab = (B: number) =>
      atB(
        A,
        B,
        (l, mg, vg) =>
          0.5 * A * vg - Math.log(p) + 0.5 * Math.log(a) + (mu * mu - mg * mg) / (2 * s2) - softplus(-l),
      );
    return average(A, spike, slab);
  };
  return {
    name,
    rho,
    V(A: number): number {
      const post = (B: number) =>
        atB(A, B, (l, mg, vg) => {
          const pi = logistic(l);
          return pi * vg + pi * (1 - pi) * mg * mg;
        });
      if (A === 0) return post(0);
      return average(A, post, post);
    },
    Psi: (A) => 0.5 * A * rho - mutualInformation(A),
    mutualInformation,
  };
}
