/**
 * Permutation (shuffle) null for an MI estimate (users-ask.md §1 item 1; NPEET's `shuffle_test`):
 * re-pairing the rows of x with a random permutation of y keeps both marginals and destroys the
 * dependence, so the shuffled estimates show how far from 0 the estimator strays at this n when X ⟂ Y
 * (its bias and spread). p-value = (1 + #{null ≥ observed}) / (1 + shuffles) (Phipson & Smyth, Stat.
 * Appl. Genet. Mol. Biol. 9 (2010) 39). Seeded: permutations come from createRng(seed).fork(1).
 */
import { createRng } from "@infoflow/numerics";

export interface ShuffleNull {
  readonly shuffles: number;
  readonly seed: number;
  /** null estimates in the order drawn, in the estimate's unit */
  readonly values: number[];
  readonly mean: number;
  /** sample standard deviation (n − 1) */
  readonly std: number;
  /** empirical 95th percentile (linear interpolation between order statistics) */
  readonly q95: number;
  readonly pValue: number;
}

/** Run `estimateWith(perm)` for `shuffles` random permutations of 0..n−1 and summarise. */
export function permutationNull(
  n: number,
  observed: number,
  shuffles: number,
  seed: number,
  estimateWith: (perm: Int32Array) => number,
): ShuffleNull {
  const rng = createRng(seed).fork(1);
  const perm = new Int32Array(n);
  const values: number[] = [];
  for (let s = 0; s < shuffles; s++) {
    for (let i = 0; i < n; i++) perm[i] = i;
    rng.shuffle(perm);
    values.push(estimateWith(perm));
  }
  const mean = values.reduce((a, b) => a + b, 0) / shuffles;
  const std = shuffles > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (shuffles - 1)) : 0;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = 0.95 * (shuffles - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, shuffles - 1);
  const q95 = sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  const above = values.filter((v) => v >= observed).length;
  return { shuffles, seed, values, mean, std, q95, pValue: (1 + above) / (1 + shuffles) };
}
