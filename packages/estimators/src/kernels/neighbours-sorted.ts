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
 * The k nearest other rows of every row of a 1-D variable (shared/docs/estimators-math.md §4.4 "1-D
 * marginals"): sort once, then walk outwards from each row's place, taking the nearer of the next value on
 * the left and on the right — O(n log n + n·k) where a k-d tree pays O(log n) per query and its bookkeeping.
 * Distances are the ones every path returns (|x_j − x_i| for the max-norm, √((x_j − x_i)²) for metric 1, as
 * the jobs' final square root gives; fl(a − b) = −fl(b − a), so the side does not matter), ascending; among rows tied at a distance
 * the one taken is arbitrary (callers needing index order use the k-d tree: `exactTies`).
 */
export function sortedKnn(
  values: Float64Array,
  n: number,
  k: number,
  metric: number,
  dist: Float64Array,
  ids: Int32Array,
): void {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => values[a] - values[b]);
  for (let p = 0; p < n; p++) {
    const i = order[p];
    const v = values[i];
    let left = p - 1;
    let right = p + 1;
    for (let s = 0; s < k; s++) {
      const dl = left >= 0 ? Math.abs(values[order[left]] - v) : Number.POSITIVE_INFINITY;
      const dr = right < n ? Math.abs(values[order[right]] - v) : Number.POSITIVE_INFINITY;
      let d: number;
      if (dl <= dr) {
        d = dl;
        ids[i * k + s] = order[left--];
      } else {
        d = dr;
        ids[i * k + s] = order[right++];
      }
      dist[i * k + s] = metric === 0 ? d : Math.sqrt(d * d);
    }
  }
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
