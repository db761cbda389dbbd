/**
 * An orthogonally invariant ensemble given by its spectrum (replica-math §5.2–5.3; dnner `Empirical`): the
 * eigenvalues of WᵀW (n_{ℓ−1} values, zeros included) and α = n_ℓ/n_{ℓ−1}. Every method is one O(n) pass
 * over the positive eigenvalues (Float64Array); the zeros enter through their fraction f₀.
 *
 *   F(A, V, θ) = 2αθ + (α−1)log(1−θ) + E_λ log(AVλ + (1−θ)(1−αθ))          ("eq. 6")
 *   llmse(p, q) = q·E_λ[1/(λ + p q)]                                        ("eq. 60")
 */
import type { Ensemble } from "../interface";
import type { Spectrum } from "./spectrum";
import { isDeflatable, ThetaSolver } from "./theta-solver";

export function empiricalEnsemble(alpha: number, spectrum: Spectrum, name = `Empirical(${alpha})`): Ensemble {
  const lam = spectrum.positive;
  const n = lam.length;
  const f0 = spectrum.zeroFraction;
  const solver = new ThetaSolver(spectrum, alpha);
  // With f₀ = 1−α the zero eigenvalues' f₀·log(1−θ) cancels (α−1)·log(1−θ) exactly, so F stays finite at θ = 1.
  const logOneMinusTheta = isDeflatable(spectrum, alpha) ? 0 : alpha - 1 + f0;
  return {
    name,
    alpha,
    eigMean: spectrum.mean,
    theta: (gamma) => solver.solve(gamma),
    thetaEquation: (theta, gamma) => solver.h(theta, gamma),
    F(A, V, theta) {
      const gamma = A * V;
      const c = (1 - theta) * (1 - alpha * theta);
      let s = 0;
      for (let i = 0; i < n; i++) s += Math.log(gamma * lam[i] + c);
      let f = 2 * alpha * theta + (n > 0 ? ((1 - f0) * s) / n : 0);
      if (logOneMinusTheta !== 0) f += logOneMinusTheta * Math.log1p(-theta);
      if (f0 > 0) f += f0 * Math.log1p(-alpha * theta);
      return f;
    },
    llmse(p, q) {
      const pq = p * q;
      let s = 0;
      for (let i = 0; i < n; i++) s += 1 / (lam[i] + pq);
      return q * ((f0 > 0 ? f0 / pq : 0) + (n > 0 ? ((1 - f0) * s) / n : 0));
    },
  };
}
