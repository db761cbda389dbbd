/**
 * ψ(0..n) for the integer arguments of the kNN estimators, filled once per call (shared/docs/
 * estimators-math.md §1.2 "precompute a table up to N+1"). Each entry comes from the numerics package's
 * digamma (stdlib / Boost rational approximations, ~1 ulp), not from summing harmonic numbers, whose
 * rounding grows with n. ψ(0) is a pole and is stored as NaN: no estimator reads it.
 */
import { digamma } from "@infoflow/numerics";

export function digammaTable(n: number): Float64Array {
  const table = new Float64Array(n + 1);
  table[0] = Number.NaN;
  for (let m = 1; m <= n; m++) table[m] = digamma(m);
  return table;
}
