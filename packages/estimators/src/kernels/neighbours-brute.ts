/**
 * Tiled brute-force distances for the kNN estimators in high dimension, where trees degrade to O(N²)
 * anyway (shared/docs/estimators-math.md §4.4 "brute force, tiled"; §13.3): a block of B query rows is
 * compared with every row in one pass, so each candidate row is read from memory once per block instead
 * of once per query. Memory O(B·N) per thread.
 */

/** Rows per block: a block's B·N distances stay cache-resident while they are selected and counted. */
export const BRUTE_BLOCK = 8;

/**
 * out[(i − r0)·n + j] = distance between rows i ∈ [r0, r1) and j ∈ [0, n) of `data` (n × d, row-major):
 * max-norm for metric 0, squared Euclidean for metric 1. The diagonal (i = j) is 0.
 */
export function bruteDistances(
  data: Float64Array,
  n: number,
  d: number,
  r0: number,
  r1: number,
  metric: number,
  out: Float64Array,
): void {
  const rows = r1 - r0;
  for (let j = 0; j < n; j++) {
    const oj = j * d;
    for (let b = 0; b < rows; b++) {
      const oi = (r0 + b) * d;
      let acc = 0;
      if (metric === 0) {
        for (let c = 0; c < d; c++) {
          let v = data[oi + c] - data[oj + c];
          if (v < 0) v = -v;
          if (v > acc) acc = v;
        }
      } else {
        for (let c = 0; c < d; c++) {
          const v = data[oi + c] - data[oj + c];
          acc += v * v;
        }
      }
      out[b * n + j] = acc;
    }
  }
}

/** Number of j ∈ [0, n) with dist[o + j] < r (the query row itself included). */
export function countBelow(dist: Float64Array, o: number, n: number, r: number): number {
  let count = 0;
  for (let j = 0; j < n; j++) if (dist[o + j] < r) count++;
  return count;
}
