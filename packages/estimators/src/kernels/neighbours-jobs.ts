/**
 * The row-parallel neighbour computations, as plain-data job descriptions that run the same way on the
 * main thread and in worker threads (shared/docs/estimators-math.md §4.4, §13.3). Each job writes one
 * result slot per query row and nothing else, so the outputs — and every sum the estimators form from
 * them in row order — are identical whatever the number of threads or the order chunks are taken in.
 *
 * Spaces (every array on a SharedArrayBuffer):
 * - `tree`: a k-d tree (max-norm or Euclidean kNN, max-norm radius counts);
 * - `sorted`: a 1-D variable with its sorted values (radius counts by bisection);
 * - `brute`: raw row-major data, scanned in blocks of BRUTE_BLOCK rows.
 */
import { BRUTE_BLOCK, bruteCountBlock, bruteKnnBlock } from "./neighbours-brute";
import { type KdScratch, type KdTree, kdCountBelow, kdKnn, kdScratch } from "./neighbours-kdtree";
import { sortedCountBelow } from "./neighbours-sorted";

export interface RawSpace {
  readonly kind: "brute";
  readonly data: Float64Array;
  readonly n: number;
  readonly d: number;
}
export interface TreeSpace {
  readonly kind: "tree";
  readonly tree: KdTree;
}
export interface SortedSpace {
  readonly kind: "sorted";
  /** the values in row order */
  readonly values: Float64Array;
  readonly sorted: Float64Array;
}
export type Space = RawSpace | TreeSpace | SortedSpace;

/**
 * k nearest other rows of every row: dist/ids[i·k + s] = (s+1)-th neighbour of row i (distance
 * ascending; with `exactTies`, ties by row index). metric 0 = max-norm, 1 = Euclidean (true distances,
 * not squared).
 */
export interface KnnJob {
  readonly kind: "knn";
  readonly space: TreeSpace | RawSpace;
  readonly k: number;
  readonly metric: 0 | 1;
  /** keep the smallest row indices among neighbours tied at the k-th distance (see `kdKnn`) */
  readonly exactTies: boolean;
  readonly dist: Float64Array;
  readonly ids: Int32Array;
}

/** counts[i] = #{j ≠ i : ‖v_j − v_i‖∞ < radius[i]} (strict) or ≤ radius[i]. */
export interface CountJob {
  readonly kind: "count";
  readonly space: Space;
  readonly radius: Float64Array;
  readonly strict: boolean;
  readonly counts: Int32Array;
}

export type NeighbourJob = KnnJob | CountJob;

/** Rows per chunk: large enough to amortise a claim, small enough to balance threads. */
function chunkRows(job: NeighbourJob): number {
  return job.space.kind === "brute" ? BRUTE_BLOCK * 4 : 512;
}

function jobRows(job: NeighbourJob): number {
  if (job.kind === "knn") return job.dist.length / job.k;
  return job.counts.length;
}

/** Number of chunks of `job` (a function of the job only, never of the thread count). */
export function neighbourChunks(job: NeighbourJob): number {
  return Math.ceil(jobRows(job) / chunkRows(job));
}

/** Per-thread state for one job: views and scratch allocated once, reused by every chunk. */
interface JobRunner {
  run(start: number, end: number): void;
}

// Each thread has its own module instance, so this cache is per thread; a job object is the same
// identity for all chunks a thread takes (the structured clone is made once per message).
const runners = new WeakMap<NeighbourJob, JobRunner>();

/** Compute chunk c of `job` (rows [c·chunk, (c+1)·chunk) in the job's row order). */
export function runNeighbourChunk(job: NeighbourJob, c: number): void {
  let runner = runners.get(job);
  if (runner === undefined) {
    runner = createRunner(job);
    runners.set(job, runner);
  }
  const chunk = chunkRows(job);
  runner.run(c * chunk, Math.min(jobRows(job), (c + 1) * chunk));
}

function createRunner(job: NeighbourJob): JobRunner {
  if (job.kind === "knn") {
    return job.space.kind === "tree" ? treeKnnRunner(job, job.space.tree) : bruteKnnRunner(job, job.space);
  }
  return countRunner(job);
}

function treeKnnRunner(job: KnnJob, tree: KdTree): JobRunner {
  const scratch = kdScratch(tree);
  const { k, metric, dist, ids, exactTies } = job;
  const { points, index, d } = tree;
  return {
    // Rows are taken in tree order: consecutive queries are spatial neighbours (cache locality).
    run(start, end) {
      for (let p = start; p < end; p++) {
        const i = index[p];
        kdKnn(tree, points, p * d, i, k, metric, dist, ids, i * k, scratch, exactTies);
        if (metric === 1) for (let s = i * k; s < i * k + k; s++) dist[s] = Math.sqrt(dist[s]);
      }
    },
  };
}

function bruteKnnRunner(job: KnnJob, space: RawSpace): JobRunner {
  const { k, metric, dist, ids, exactTies } = job;
  const { data, n, d } = space;
  return {
    run(start, end) {
      for (let r0 = start; r0 < end; r0 += BRUTE_BLOCK) {
        const r1 = Math.min(end, r0 + BRUTE_BLOCK);
        bruteKnnBlock(data, n, d, r0, r1, k, metric, dist, ids, exactTies);
      }
      if (metric === 1) for (let s = start * k; s < end * k; s++) dist[s] = Math.sqrt(dist[s]);
    },
  };
}

const bits = new Float64Array(1);
const word = new BigInt64Array(bits.buffer);

/**
 * The smallest double above r ≥ 0: for doubles, v ≤ r ⟺ v < nextUp(r), so every count runs one
 * strict comparison and `≤` needs no second code path.
 */
export function nextUp(r: number): number {
  bits[0] = r;
  word[0] += 1n;
  return bits[0];
}

/** Count limit for `< r` (strict) or `≤ r`; and whether the query itself (distance 0) is below it. */
function limit(r: number, strict: boolean): number {
  return strict ? r : nextUp(r);
}

function countRunner(job: CountJob): JobRunner {
  const { space, radius, strict, counts } = job;
  if (space.kind === "sorted") {
    const { values, sorted } = space;
    return {
      run(start, end) {
        for (let i = start; i < end; i++) {
          const r = limit(radius[i], strict);
          counts[i] = sortedCountBelow(sorted, values[i], r) - (r > 0 ? 1 : 0);
        }
      },
    };
  }
  if (space.kind === "tree") {
    const tree = space.tree;
    const scratch: KdScratch = kdScratch(tree);
    const { points, index, d } = tree;
    return {
      run(start, end) {
        for (let p = start; p < end; p++) {
          const i = index[p];
          const r = limit(radius[i], strict);
          counts[i] = kdCountBelow(tree, points, p * d, r, scratch) - (r > 0 ? 1 : 0);
        }
      },
    };
  }
  const { data, n, d } = space;
  const limits = new Float64Array(n);
  return {
    run(start, end) {
      for (let i = start; i < end; i++) limits[i] = limit(radius[i], strict);
      for (let r0 = start; r0 < end; r0 += BRUTE_BLOCK) {
        bruteCountBlock(data, n, d, r0, Math.min(end, r0 + BRUTE_BLOCK), limits, counts);
      }
      for (let i = start; i < end; i++) counts[i] -= limits[i] > 0 ? 1 : 0;
    },
  };
}
