/**
 * Permutation (shuffle) null for a kNN MI estimate (users-ask.md §1 item 1; NPEET's `shuffle_test`):
 * pairing x_i with y_π(i) for random permutations π destroys the dependence and keeps both marginals,
 * so the shuffled estimates show how far from 0 the estimator strays at this N and k when X ⟂ Y.
 * p-value = (1 + #{shuffled ≥ observed}) / (1 + shuffles), the standard permutation-test convention
 * (Phipson & Smyth, Stat. Appl. Genet. Mol. Biol. 9 (2010) 39). Seeded: permutations come from
 * `createRng(seed).fork(1)` (the jitter uses the root stream).
 */
import { createRng } from "@infoflow/numerics";
import { sharedFloat64 } from "../kernels/neighbours";

export interface ShuffleNull {
  readonly shuffles: number;
  readonly seed: number;
  /** null estimates in the order drawn, nats */
  readonly values: number[];
  readonly mean: number;
  /** sample standard deviation (n − 1) */
  readonly std: number;
  /** empirical 95th percentile (linear interpolation between order statistics) */
  readonly q95: number;
  readonly pValue: number;
}

/** Joint rows with the y columns of row π(i) placed next to the x columns of row i. */
function permutedRows(z: Float64Array, n: number, dx: number, dy: number, perm: Int32Array): Float64Array {
  const D = dx + dy;
  const out = sharedFloat64(n * D);
  for (let i = 0; i < n; i++) {
    const o = i * D;
    const p = perm[i] * D + dx;
    for (let c = 0; c < dx; c++) out[o + c] = z[o + c];
    for (let c = 0; c < dy; c++) out[o + dx + c] = z[p + c];
  }
  return out;
}

/** Run `estimate` on `shuffles` permuted pairings of the joint rows z (n × (dx + dy)). */
export function shuffleNull(
  z: Float64Array,
  n: number,
  dx: number,
  dy: number,
  observed: number,
  shuffles: number,
  seed: number,
  estimate: (rows: Float64Array) => number,
): ShuffleNull {
  const rng = createRng(seed).fork(1);
  const perm = new Int32Array(n);
  const values: number[] = [];
  for (let s = 0; s < shuffles; s++) {
    for (let i = 0; i < n; i++) perm[i] = i;
    rng.shuffle(perm);
    values.push(estimate(permutedRows(z, n, dx, dy, perm)));
  }
  const mean = values.reduce((a, b) => a + b, 0) / shuffles;
  const std = shuffles > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (shuffles - 1)) : 0;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = 0.95 * (shuffles - 1);
  const lo = Math.floor(pos);
  const q95 = sorted[lo] + (pos - lo) * ((sorted[Math.min(lo + 1, shuffles - 1)] ?? sorted[lo]) - sorted[lo]);
  const above = values.filter((v) => v >= observed).length;
  return { shuffles, seed, values, mean, std, q95, pValue: (1 + above) / (1 + shuffles) };
}
