/**
 * Exact neighbour search for the kNN estimators (shared/docs/estimators-math.md §4.4), choosing the
 * structure by dimension: a sorted array for 1-D radius counts, a k-d tree up to TREE_MAX_DIM
 * coordinates, tiled brute force above (where a tree visits almost every leaf anyway and only pays for
 * its bookkeeping). Every path computes the same rounded distances and the same comparisons, so the choice
 * changes the speed, never the numbers; the tests check each path against brute force.
 */

import { type NeighbourJob, neighbourChunks, type RawSpace, type Space } from "./neighbours-jobs";
import { buildKdTree } from "./neighbours-kdtree";
import { sortedKnn, sortedValues } from "./neighbours-sorted";
import { sharedFloat64, sharedInt32, toShared } from "./shared-memory";
import { defaultThreads, runChunks } from "./worker-pool";

/**
 * Largest dimension searched with a k-d tree. Measured at N = 10 000 (Gaussian pairs, early exit in
 * both paths): the tree is 3.5× faster at D = 10, even at D = 20–24, and 2× slower at D = 40.
 */
export const TREE_MAX_DIM = 20;

export type SearchKind = "sorted" | "kdtree" | "brute";

/** Row-major data on shared memory, as the search structures and worker threads need it. */
export function rawSpace(data: Float64Array, n: number, d: number): RawSpace {
  return { kind: "brute", data: toShared(data), n, d };
}

/**
 * Run `job` over all its rows on up to `threads` threads (1 = inline) of the package's worker pool, in
 * `neighbourChunks(job)` chunks. Synchronous; returns the number of chunks the calling thread computed.
 */
export function runNeighbourJob(job: NeighbourJob, threads = 1): number {
  return runChunks("neighbours", job, neighbourChunks(job), threads);
}

/** The structure `countWithin` will use for data of dimension d (`forceBrute`: tests, benchmarks). */
export function countSearchKind(d: number, forceBrute = false): SearchKind {
  if (forceBrute) return "brute";
  return d === 1 ? "sorted" : d <= TREE_MAX_DIM ? "kdtree" : "brute";
}

/** The structure `kNearest` will use for data of dimension d. */
export function knnSearchKind(d: number, forceBrute = false): SearchKind {
  return !forceBrute && d <= TREE_MAX_DIM ? "kdtree" : "brute";
}

/** Build the radius-counting structure of `space` (sorted values, a k-d tree, or the raw rows). */
export function countingSpace(space: RawSpace, kind: SearchKind): Space {
  if (kind === "sorted")
    return { kind: "sorted", values: space.data, sorted: sortedValues(space.data, space.n) };
  if (kind === "kdtree") return { kind: "tree", tree: buildKdTree(space.data, space.n, space.d) };
  return space;
}

export interface Neighbours {
  /** dist[i·k + s]: distance from row i to its (s+1)-th nearest other row, ascending */
  readonly dist: Float64Array;
  /** ids[i·k + s]: that row (ties in distance ordered by row index) */
  readonly ids: Int32Array;
  readonly search: SearchKind;
}

export interface KNearestOptions {
  /** metric 0 = max-norm (default), 1 = Euclidean */
  readonly metric?: 0 | 1;
  /** default 1 */
  readonly threads?: number;
  /** brute force whatever the dimension (tests, benchmarks) */
  readonly brute?: boolean;
  /**
   * Ties at the k-th distance resolved by row index, as in the brute-force definition (needed when the
   * neighbours' identity matters, KSG-2); otherwise only the distances are exact (see `kdKnn`).
   */
  readonly exactTies?: boolean;
}

/** The k nearest other rows of every row. Needs n ≥ k + 1. */
export function kNearest(space: RawSpace, k: number, opts: KNearestOptions = {}): Neighbours {
  const dist = sharedFloat64(space.n * k);
  const ids = sharedInt32(space.n * k);
  if (space.d === 1 && !opts.brute && !opts.exactTies) {
    // one coordinate, only the distances needed exactly: a sorted walk (10× faster than the tree at n = 10⁴)
    sortedKnn(space.data, space.n, k, opts.metric ?? 0, dist, ids);
    return { dist, ids, search: "sorted" };
  }
  const search = knnSearchKind(space.d, opts.brute);
  const target =
    search === "kdtree" ? { kind: "tree" as const, tree: buildKdTree(space.data, space.n, space.d) } : space;
  const job = {
    kind: "knn" as const,
    space: target,
    k,
    metric: opts.metric ?? 0,
    exactTies: opts.exactTies ?? false,
  };
  runNeighbourJob({ ...job, dist, ids }, opts.threads ?? 1);
  return { dist, ids, search };
}

/**
 * counts[i] = #{j ≠ i : ‖v_j − v_i‖∞ < radius[i]} (strict) or ≤ radius[i] (max-norm).
 */
export function countWithin(
  space: Space,
  radius: Float64Array,
  strict: boolean,
  threads: number,
): Int32Array {
  const n = space.kind === "sorted" ? space.values.length : space.kind === "tree" ? space.tree.n : space.n;
  const counts = sharedInt32(n);
  runNeighbourJob({ kind: "count", space, radius, strict, counts }, threads);
  return counts;
}

/**
 * Threads for a search over n rows of dimension d when the caller did not say. Helpers are started
 * once per process (a fraction of a second) and kept, so they pay off from about a second of work.
 */
export function searchThreads(n: number, d: number): number {
  const big = knnSearchKind(d) === "brute" ? n >= 2000 : n >= 20000 || (d >= 10 && n >= 5000);
  return big ? defaultThreads() : 1;
}

/** Copy columns [from, to) of row-major `data` (n × d) onto shared memory. */
export function sharedColumns(
  data: Float64Array,
  n: number,
  d: number,
  from: number,
  to: number,
): Float64Array {
  const w = to - from;
  const out = sharedFloat64(n * w);
  for (let i = 0; i < n; i++) for (let c = 0; c < w; c++) out[i * w + c] = data[i * d + from + c];
  return out;
}
