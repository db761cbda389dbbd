/**
 * The k best (distance, index) pairs seen so far, kept sorted ascending in two caller-owned typed arrays
 * (a bounded insertion sort: the partial selection of shared/docs/estimators-math.md §4.4, cheaper than a
 * heap for the small k of kNN estimators because a candidate is rejected by one comparison with the
 * last slot). Ties in distance are ordered by index, so "the k nearest neighbours" is a well-defined set
 * (§13.3 "stable tie order by index"), which KSG-2's ε_x, ε_y depend on.
 *
 * The arrays live in per-thread scratch space: nothing is allocated per query.
 */

/** Reset slots [offset, offset + k) to "empty" (distance +∞, index −1). */
export function kbestReset(dist: Float64Array, idx: Int32Array, offset: number, k: number): void {
  for (let s = 0; s < k; s++) {
    dist[offset + s] = Number.POSITIVE_INFINITY;
    idx[offset + s] = -1;
  }
}

/**
 * Offer candidate (d, j); keep it when it sorts before the current k-th pair. Empty slots hold index −1
 * and distance +∞; a candidate at distance +∞ is never offered (all inputs are finite).
 */
export function kbestOffer(
  dist: Float64Array,
  idx: Int32Array,
  offset: number,
  k: number,
  d: number,
  j: number,
): void {
  let s = offset + k - 1;
  const worst = dist[s];
  if (d > worst || (d === worst && idx[s] >= 0 && j > idx[s])) return;
  while (s > offset) {
    const prev = dist[s - 1];
    if (prev < d || (prev === d && idx[s - 1] < j)) break;
    dist[s] = prev;
    idx[s] = idx[s - 1];
    s--;
  }
  dist[s] = d;
  idx[s] = j;
}
