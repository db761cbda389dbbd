/**
 * Kraskov–Stögbauer–Grassberger mutual information, both variants (Kraskov, Stögbauer & Grassberger,
 * Phys. Rev. E 69, 066138 (2004); shared/docs/estimators-math.md §4.2, §13.3), max-norm in every space:
 *
 *   KSG-1: ε_i = k-th joint distance; n_x(i) = #{j ≠ i : ‖x_j − x_i‖∞ < ε_i} (strict), n_y likewise;
 *          I = ψ(k) + ψ(N) − ⟨ψ(n_x + 1) + ψ(n_y + 1)⟩
 *   KSG-2: ε_x(i), ε_y(i) = largest x- / y-distance among the k joint neighbours (ties by row index);
 *          n_x(i) = #{j ≠ i : ‖x_j − x_i‖∞ ≤ ε_x(i)} (non-strict), n_y likewise;
 *          I = ψ(k) − 1/k + ψ(N) − ⟨ψ(n_x) + ψ(n_y)⟩
 *
 * Comparisons are exact (no NPEET-style "radius − 1e-15", which is scale dependent, §4.4), so the value
 * equals bmi's exact KSG-1 and, on data without near-ties, NPEET's. Neighbours come from `kernels/
 * neighbours` (k-d tree or tiled brute force for the joint space; sorted array, k-d tree or brute force
 * for the marginal counts). The per-row counts are summed in row order, so the value does not depend on
 * the thread count (compensated summation, `compensated-mean.ts`).
 */
import type { Samples } from "../interface";
import {
  countingSpace,
  countSearchKind,
  countWithin,
  kNearest,
  rawSpace,
  type SearchKind,
  searchThreads,
  sharedColumns,
} from "../kernels/neighbours";
import { sharedFloat64 } from "../kernels/shared-memory";
import { compensatedMean } from "./compensated-mean";
import { digammaTable } from "./digamma-table";
import { type ZeroDistances, zeroDistances } from "./ties";

export type KsgVariant = 1 | 2;

export interface KsgSearch {
  readonly joint: SearchKind;
  readonly x: SearchKind;
  readonly y: SearchKind;
}

export interface KsgCoreResult {
  /** the estimate, nats */
  readonly value: number;
  /** per-row marginal counts (self excluded) */
  readonly nx: Int32Array;
  readonly ny: Int32Array;
  readonly search: KsgSearch;
  readonly zero: ZeroDistances;
}

export interface KsgCoreOptions {
  readonly k: number;
  readonly variant: KsgVariant;
  readonly threads?: number;
  /** force brute-force search whatever the dimension (tests compare it with the trees) */
  readonly brute?: boolean;
}

/** Largest max-norm distance over columns [from, to) between row i and its k neighbours ids[i·k ..]. */
function neighbourSpread(
  z: Float64Array,
  D: number,
  i: number,
  ids: Int32Array,
  k: number,
  from: number,
  to: number,
) {
  let m = 0;
  for (let s = i * k; s < i * k + k; s++) {
    const oj = ids[s] * D;
    const oi = i * D;
    for (let c = from; c < to; c++) {
      let v = z[oi + c] - z[oj + c];
      if (v < 0) v = -v;
      if (v > m) m = v;
    }
  }
  return m;
}

/**
 * KSG on joint rows z (n × (dx + dy), x columns first; inputs already validated). Returns the value in
 * nats plus what the diagnostics need.
 */
export function ksgCore(
  z: Float64Array,
  n: number,
  dx: number,
  dy: number,
  opts: KsgCoreOptions,
): KsgCoreResult {
  const { k, variant } = opts;
  const D = dx + dy;
  const threads = opts.threads ?? searchThreads(n, D);
  const brute = opts.brute === true;
  // KSG-2's radii come from the neighbours' identities: ties at the k-th distance by row index (§13.3)
  const nb = kNearest(rawSpace(z, n, D), k, { threads, brute, exactTies: variant === 2 });
  const { dist, ids } = nb;
  const rx = sharedFloat64(n);
  const ry = variant === 1 ? rx : sharedFloat64(n);
  for (let i = 0; i < n; i++) {
    if (variant === 1) rx[i] = dist[i * k + k - 1];
    else {
      rx[i] = neighbourSpread(z, D, i, ids, k, 0, dx);
      ry[i] = neighbourSpread(z, D, i, ids, k, dx, D);
    }
  }
  const xKind = countSearchKind(dx, brute);
  const yKind = countSearchKind(dy, brute);
  const xs = rawSpace(sharedColumns(z, n, D, 0, dx), n, dx);
  const ys = rawSpace(sharedColumns(z, n, D, dx, D), n, dy);
  const nx = countWithin(countingSpace(xs, xKind), rx, variant === 1, threads);
  const ny = countWithin(countingSpace(ys, yKind), ry, variant === 1, threads);
  const search: KsgSearch = { joint: nb.search, x: xKind, y: yKind };
  const psi = digammaTable(n);
  const mean =
    variant === 1
      ? compensatedMean(n, (i) => psi[nx[i] + 1] + psi[ny[i] + 1])
      : compensatedMean(n, (i) => psi[nx[i]] + psi[ny[i]]);
  const value = psi[k] + psi[n] - mean - (variant === 2 ? 1 / k : 0);
  return { value, nx, ny, search, zero: zeroDistances(dist, n, k) };
}

/** Joint rows (x_i, y_i) on shared memory, x columns first. */
export function jointRows(x: Samples, y: Samples): Float64Array {
  const { n } = x;
  const D = x.d + y.d;
  const z = sharedFloat64(n * D);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < x.d; c++) z[i * D + c] = x.data[i * x.d + c];
    for (let c = 0; c < y.d; c++) z[i * D + x.d + c] = y.data[i * y.d + c];
  }
  return z;
}
