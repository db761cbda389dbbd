/**
 * Radius counts for a one-dimensional variable by binary search in the sorted values
 * (shared/docs/estimators-math.md §4.4 "1-D marginals"): O(log N) per query instead of a scan.
 *
 * The predicates are the exact per-point ones, |x_j − x_i| < r (or ≤ r), evaluated on the same rounded
 * difference fl(x_j − x_i) as every other search path. Rounding is monotone in x_j, so the points that
 * satisfy the predicate form one contiguous run of the sorted array and the two boundaries are found by
 * bisection without ever forming x_i ± r (which would round differently and break exactness).
 */
import { sharedFloat64 } from "./shared-memory";

/** Values sorted ascending (on a SharedArrayBuffer, for workers). */
export function sortedValues(values: Float64Array, n: number, stride = 1, offset = 0): Float64Array {
  const out = sharedFloat64(n);
  for (let i = 0; i < n; i++) out[i] = values[i * stride + offset];
  out.sort();
  return out;
}

/**
 * Number of sorted values s_j with |s_j − v| < r, v itself included when present (callers subtract the
 * query point; for `≤ r` pass the next double above r).
 */
export function sortedCountBelow(sorted: Float64Array, v: number, r: number): number {
  const n = sorted.length;
  // first j with v − s_j < r (false before, true after: v − s_j decreases with j)
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v - sorted[mid] < r) hi = mid;
    else lo = mid + 1;
  }
  const first = lo;
  // first j ≥ first with s_j − v ≥ r (true before, false after)
  hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] - v < r) lo = mid + 1;
    else hi = mid;
  }
  return lo - first;
}
