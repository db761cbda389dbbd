/**
 * Mean of per-row terms with Neumaier's compensated summation (Neumaier, ZAMM 54 (1974) 39–51;
 * shared/docs/estimators-math.md §1.1 "for n > 1e5 use pairwise or Kahan summation"): the rounding error
 * stays O(ε) instead of growing with N, so an estimate that should cancel to 0 (e.g. x constant: every
 * row adds ψ(N) + ψ(k) and the mean subtracts the same) does, to ~1e-15.
 */
export function compensatedMean(n: number, term: (i: number) => number): number {
  let sum = 0;
  let carry = 0;
  for (let i = 0; i < n; i++) {
    const v = term(i);
    const t = sum + v;
    carry += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return (sum + carry) / n;
}
