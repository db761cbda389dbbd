/**
 * Gaussian prior P_0 = N(μ, s²) — closed forms of replica-math §4.1:
 *   𝒱_0(A) = s²/(1 + A s²),   Ψ_0(A) = ½ A ρ − ½ log(1 + A s²),   ρ = s² + μ².
 * dnner's `Normal.eval_i` adds μ²/(2s²) to Ψ_0 (replica-math §8.1); this is the correctly normalised
 * E log Z_0 (it equals SpikeSlab with p = 1), so entropies and MIs differ from dnner's by exactly that offset.
 */
import type { Prior } from "../interface";

export function normalPrior(mean: number, variance: number): Prior {
  const rho = variance + mean * mean;
  return {
    name: `Normal(${mean}, ${variance})`,
    gaussian: true,
    rho,
    V: (A) => variance / (1 + A * variance),
    Psi: (A) => 0.5 * A * rho - 0.5 * Math.log1p(A * variance),
    mutualInformation: (A) => 0.5 * Math.log1p(A * variance),
  };
}
