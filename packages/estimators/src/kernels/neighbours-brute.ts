/**
 * Tiled brute-force neighbour search for high dimension, where a k-d tree visits almost every leaf
 * and only adds bookkeeping (shared/docs/estimators-math.md §4.4 "brute force, tiled"; §13.3). A block
 * of query rows is compared with one tile of candidate rows at a time, so a tile is read from memory once
 * per block instead of once per query; each distance stops accumulating as soon as it exceeds what the
 * query still needs (its current k-th distance, or the count radius), which in high dimension saves most
 * of the coordinates. Distances are the same rounded max-norm (or squared Euclidean) values as every
 * other path, so results are identical.
 */
import * as distance from "./neighbours-distance";
import * as kbest from "./neighbours-kbest";

// Bound once: under tsx a named import is a getter read per call (the inner loops call these per pair).
const { distanceUpTo, isWithin } = distance;
const { kbestOffer, kbestReset } = kbest;

/** Query rows per block and candidate rows per tile (a tile of ≤ 64 coordinates stays in L2). */
export const BRUTE_BLOCK = 16;
const TILE = 256;

/**
 * k nearest other rows of rows [r0, r1) of `data` (n × d): dist/ids[i·k ..] as in `kdKnn` (metric 0 =
 * max-norm, 1 = squared Euclidean; `exactTies` as there).
 */
export function bruteKnnBlock(
  data: Float64Array,
  n: number,
  d: number,
  r0: number,
  r1: number,
  k: number,
  metric: number,
  dist: Float64Array,
  ids: Int32Array,
  exactTies: boolean,
): void {
  for (let i = r0; i < r1; i++) kbestReset(dist, ids, i * k, k);
  for (let t0 = 0; t0 < n; t0 += TILE) {
    const t1 = Math.min(n, t0 + TILE);
    for (let i = r0; i < r1; i++) {
      const oi = i * d;
      const off = i * k;
      const last = off + k - 1;
      let worst = dist[last];
      for (let j = t0; j < t1; j++) {
        if (j === i) continue;
        const acc = distanceUpTo(data, oi, data, j * d, d, metric, worst);
        if (acc > worst || (acc === worst && !exactTies)) continue;
        kbestOffer(dist, ids, off, k, acc, j);
        worst = dist[last];
      }
    }
  }
}

/**
 * counts[i] = #{j ∈ [0, n) : max-norm distance < limit[i]} for rows i ∈ [r0, r1), the row itself
 * included (callers subtract it).
 */
export function bruteCountBlock(
  data: Float64Array,
  n: number,
  d: number,
  r0: number,
  r1: number,
  limit: Float64Array,
  counts: Int32Array,
): void {
  for (let i = r0; i < r1; i++) counts[i] = 0;
  for (let t0 = 0; t0 < n; t0 += TILE) {
    const t1 = Math.min(n, t0 + TILE);
    for (let i = r0; i < r1; i++) {
      const oi = i * d;
      const r = limit[i];
      let count = 0;
      for (let j = t0; j < t1; j++) if (isWithin(data, oi, data, j * d, d, r)) count++;
      counts[i] += count;
    }
  }
}
