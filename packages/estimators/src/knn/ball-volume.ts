/**
 * Log-volume of the unit ball in d dimensions for the Kozachenko–Leonenko estimator
 * (shared/docs/estimators-math.md §4.1): the max-norm ball is the cube [−1, 1]^d, ln V = d·ln 2;
 * the Euclidean ball has V_d = π^{d/2}/Γ(d/2 + 1), computed by the exact recurrence
 * V_d = V_{d−2}·2π/d from V_0 = 1, V_1 = 2 (summed in logs, no Gamma function needed).
 */
export type KnnMetric = "chebyshev" | "euclidean";

export function logUnitBallVolume(d: number, metric: KnnMetric): number {
  if (metric === "chebyshev") return d * Math.LN2;
  let logV = d % 2 === 0 ? 0 : Math.LN2;
  for (let m = d % 2 === 0 ? 2 : 3; m <= d; m += 2) logV += Math.log((2 * Math.PI) / m);
  return logV;
}
