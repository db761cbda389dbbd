/**
 * Exact k-d tree for the kNN estimators (shared/docs/estimators-math.md §4.4): median splits on the
 * widest coordinate, tight bounding boxes per node, points copied into tree order for locality.
 *
 * - k-nearest search in the max-norm (Chebyshev: the lower bound from a query to a box is the largest
 *   per-axis gap, not the Euclidean sum) or, for Kozachenko–Leonenko with Euclidean balls, the L2 norm
 *   (squared distances and squared gaps); a node is pruned only when its bound is *greater* than the
 *   current k-th distance, so equal-distance candidates with a smaller index are still found and the
 *   neighbour set is the one of the brute-force definition (§13.3).
 * - Radius counting: a node whose box is entirely inside the ball (farthest corner distance below the
 *   radius) contributes its size without descending; one entirely outside is skipped.
 *
 * Exactness: bounds are computed from the same rounded differences as the distances. Rounding is
 * monotone, so for x in [lo, hi] fl(lo − q) ≤ fl(x − q) ≤ fl(hi − q): a bound never cuts a point the
 * exact per-point comparison would keep, and the results equal the brute-force ones bit for bit.
 *
 * Every array lives on a SharedArrayBuffer so worker threads read the tree without copying.
 */

import * as distance from "./neighbours-distance";
import * as kbest from "./neighbours-kbest";
import { sharedFloat64, sharedInt32 } from "./shared-memory";

// Bound once: under tsx a named import is a getter read per call (5% of a KL-entropy run in the query loop).
const { distanceUpTo, isWithin } = distance;
const { kbestOffer, kbestReset } = kbest;

export interface KdTree {
  readonly n: number;
  readonly d: number;
  /** n·d coordinates in tree order */
  readonly points: Float64Array;
  /** tree position → original row */
  readonly index: Int32Array;
  /** per node: first tree position, one past the last, first child (−1 for a leaf; second = first + 1) */
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly child: Int32Array;
  /** per internal node: the coordinate its children were split on */
  readonly split: Int32Array;
  /** per node: d lower corners then d upper corners */
  readonly box: Float64Array;
  /** per node: largest side of its box (a box wider than 2r cannot fit in a max-norm ball of radius r) */
  readonly width: Float64Array;
  /** longest root-to-leaf path, in nodes (sizes the traversal stack) */
  readonly depth: number;
}

/** Points per leaf (measured 8–32 within noise of each other in 5–10 dimensions). */
export const DEFAULT_LEAF_SIZE = 16;

function countNodes(m: number, leafSize: number): number {
  if (m <= leafSize) return 1;
  const h = m >> 1;
  return 1 + countNodes(h, leafSize) + countNodes(m - h, leafSize);
}

/**
 * Reorder `order[lo, hi)` so that position `nth` holds the element of rank nth - lo by coordinate `c`,
 * smaller-or-equal ones before it and larger-or-equal after (Hoare partition: balanced with many ties).
 */
function select(
  order: Int32Array,
  data: Float64Array,
  d: number,
  c: number,
  lo: number,
  hi: number,
  nth: number,
) {
  let left = lo;
  let right = hi - 1;
  while (right > left) {
    const mid = (left + right) >> 1;
    const a = data[order[left] * d + c];
    const b = data[order[mid] * d + c];
    const e = data[order[right] * d + c];
    const pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), e)); // median of three
    let i = left;
    let j = right;
    while (i <= j) {
      while (data[order[i] * d + c] < pivot) i++;
      while (data[order[j] * d + c] > pivot) j--;
      if (i <= j) {
        const t = order[i];
        order[i] = order[j];
        order[j] = t;
        i++;
        j--;
      }
    }
    if (nth <= j) right = j;
    else if (nth >= i) left = i;
    else return;
  }
}

/** Build the tree over rows of `data` (n × d, row-major). O(n log n · d). */
export function buildKdTree(data: Float64Array, n: number, d: number, leafSize = DEFAULT_LEAF_SIZE): KdTree {
  const nodes = countNodes(n, leafSize);
  const order = sharedInt32(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const start = sharedInt32(nodes);
  const end = sharedInt32(nodes);
  const child = sharedInt32(nodes);
  const splitDim = sharedInt32(nodes);
  const box = sharedFloat64(nodes * 2 * d);
  let next = 1;
  let depth = 0;
  // Explicit stack of (node, first, last, level): no recursion limits, deterministic order.
  const stack: number[] = [0, 0, n, 1];
  while (stack.length > 0) {
    const level = stack.pop() as number;
    const hi = stack.pop() as number;
    const lo = stack.pop() as number;
    const node = stack.pop() as number;
    if (level > depth) depth = level;
    start[node] = lo;
    end[node] = hi;
    const b = node * 2 * d;
    for (let c = 0; c < d; c++) {
      box[b + c] = Number.POSITIVE_INFINITY;
      box[b + d + c] = Number.NEGATIVE_INFINITY;
    }
    for (let p = lo; p < hi; p++) {
      const o = order[p] * d;
      for (let c = 0; c < d; c++) {
        const v = data[o + c];
        if (v < box[b + c]) box[b + c] = v;
        if (v > box[b + d + c]) box[b + d + c] = v;
      }
    }
    if (hi - lo <= leafSize) {
      child[node] = -1;
      continue;
    }
    let split = 0;
    let widest = -1;
    for (let c = 0; c < d; c++) {
      const w = box[b + d + c] - box[b + c];
      if (w > widest) {
        widest = w;
        split = c;
      }
    }
    const mid = lo + ((hi - lo) >> 1);
    select(order, data, d, split, lo, hi, mid);
    splitDim[node] = split;
    const left = next;
    next += 2;
    child[node] = left;
    stack.push(left + 1, mid, hi, level + 1, left, lo, mid, level + 1);
  }
  const width = sharedFloat64(nodes);
  for (let node = 0; node < nodes; node++) {
    const b = node * 2 * d;
    for (let c = 0; c < d; c++) width[node] = Math.max(width[node], box[b + d + c] - box[b + c]);
  }
  const points = sharedFloat64(n * d);
  for (let p = 0; p < n; p++) {
    const o = order[p] * d;
    for (let c = 0; c < d; c++) points[p * d + c] = data[o + c];
  }
  return { n, d, points, index: order, start, end, child, split: splitDim, box, width, depth };
}

/** Per-thread scratch for traversals: sized once per tree, reused for every query. */
export interface KdScratch {
  readonly nodes: Int32Array;
  readonly bounds: Float64Array;
}

export function kdScratch(tree: KdTree): KdScratch {
  const size = 2 * tree.depth + 4;
  return { nodes: new Int32Array(size), bounds: new Float64Array(size) };
}

/** Squared Euclidean distance from q to node's box (0 inside). */
function boxSquaredGap(box: Float64Array, b: number, d: number, q: Float64Array, qo: number): number {
  let acc = 0;
  for (let c = 0; c < d; c++) {
    const v = q[qo + c];
    const gap = Math.max(box[b + c] - v, v - box[b + d + c], 0);
    acc += gap * gap;
  }
  return acc;
}

/** Whether some coordinate of node's box is at least r away from q (max-norm box distance ≥ r). */
function boxAtLeast(
  box: Float64Array,
  b: number,
  d: number,
  q: Float64Array,
  qo: number,
  r: number,
): boolean {
  for (let c = 0; c < d; c++) {
    const v = q[qo + c];
    if (box[b + c] - v >= r || v - box[b + d + c] >= r) return true;
  }
  return false;
}

/** Whether some coordinate of node's box is more than r away from q (max-norm box distance > r). */
function boxBeyond(box: Float64Array, b: number, d: number, q: Float64Array, qo: number, r: number): boolean {
  for (let c = 0; c < d; c++) {
    const v = q[qo + c];
    if (box[b + c] - v > r || v - box[b + d + c] > r) return true;
  }
  return false;
}

/**
 * The k nearest rows of the tree to point q (coordinates q[qo .. qo + d)), excluding original row
 * `self` (−1 to exclude nothing), written sorted into dist/idx[off .. off + k) as (distance, original
 * row). metric 0 = max-norm; metric 1 = Euclidean, returned as *squared* distances (take the square
 * root once per query). Needs at least k candidates.
 *
 * `exactTies`: among candidates at exactly the k-th distance keep the smallest row indices (the
 * brute-force definition, §13.3; KSG-2's ε_x, ε_y depend on which neighbours those are), which means
 * visiting every node whose bound equals the k-th distance. Without it, nodes and points at exactly the
 * k-th distance are skipped: the distances are the same, only the identity of tied neighbours may
 * differ, and a large group of identical rows no longer makes each query visit the whole group.
 *
 * Bounds: a child inherits its parent's bound raised by the gap to its box along the split coordinate
 * (O(1) per node, valid because the child's box lies inside the parent's); a leaf is checked against
 * its full tight box before its points are scanned, and a point's distance stops accumulating as soon
 * as it exceeds the current k-th distance.
 */
export function kdKnn(
  tree: KdTree,
  q: Float64Array,
  qo: number,
  self: number,
  k: number,
  metric: number,
  dist: Float64Array,
  idx: Int32Array,
  off: number,
  scratch: KdScratch,
  exactTies: boolean,
): void {
  const { d, points, index, start, end, child, split, box } = tree;
  const stackNode = scratch.nodes;
  const stackBound = scratch.bounds;
  kbestReset(dist, idx, off, k);
  const last = off + k - 1;
  let worst = Number.POSITIVE_INFINITY;
  stackNode[0] = 0;
  stackBound[0] = 0;
  let top = 1;
  while (top > 0) {
    top--;
    const node = stackNode[top];
    const bound = stackBound[top];
    if (bound > worst || (bound === worst && !exactTies)) continue;
    const first = child[node];
    if (first < 0) {
      const b = node * 2 * d;
      if (metric === 0) {
        if (exactTies ? boxBeyond(box, b, d, q, qo, worst) : boxAtLeast(box, b, d, q, qo, worst)) continue;
      } else {
        const gap = boxSquaredGap(box, b, d, q, qo);
        if (gap > worst || (gap === worst && !exactTies)) continue;
      }
      const hi = end[node];
      for (let p = start[node]; p < hi; p++) {
        const acc = distanceUpTo(q, qo, points, p * d, d, metric, worst);
        if (acc > worst || (acc === worst && !exactTies)) continue;
        const j = index[p];
        if (j === self) continue;
        kbestOffer(dist, idx, off, k, acc, j);
        worst = dist[last];
      }
      continue;
    }
    const s = split[node];
    const v = q[qo + s];
    let gapLeft = v - box[first * 2 * d + d + s];
    let gapRight = box[(first + 1) * 2 * d + s] - v;
    if (metric === 1) {
      gapLeft = gapLeft > 0 ? gapLeft * gapLeft : 0;
      gapRight = gapRight > 0 ? gapRight * gapRight : 0;
    }
    const lbLeft = Math.max(bound, gapLeft);
    const lbRight = Math.max(bound, gapRight);
    // Push the farther child first so the nearer one is searched first (tightens `worst` sooner).
    if (lbLeft <= lbRight) {
      if (lbRight <= worst) {
        stackNode[top] = first + 1;
        stackBound[top++] = lbRight;
      }
      stackNode[top] = first;
      stackBound[top++] = lbLeft;
    } else {
      if (lbLeft <= worst) {
        stackNode[top] = first;
        stackBound[top++] = lbLeft;
      }
      stackNode[top] = first + 1;
      stackBound[top++] = lbRight;
    }
  }
}

/**
 * Number of tree rows at max-norm distance strictly below r from q (the query point itself is counted
 * when it is a tree row; callers subtract it; for `≤ r` pass the next double above r, see
 * `neighbours-jobs.ts`). Nodes are pruned by the inherited split-coordinate bound (as in `kdKnn`); an
 * internal node narrower than the ball whose box lies wholly inside it is counted without descending
 * (the width filter skips the O(d) test where it cannot succeed — measured: in 5-D most visited nodes);
 * a leaf is checked against its tight box, then its points are scanned.
 */
export function kdCountBelow(
  tree: KdTree,
  q: Float64Array,
  qo: number,
  r: number,
  scratch: KdScratch,
): number {
  const { d, points, start, end, child, split, box, width } = tree;
  const stackNode = scratch.nodes;
  const stackBound = scratch.bounds;
  stackNode[0] = 0;
  stackBound[0] = 0;
  let top = 1;
  let count = 0;
  while (top > 0) {
    top--;
    const node = stackNode[top];
    const bound = stackBound[top];
    if (bound >= r) continue;
    const b = node * 2 * d;
    const first = child[node];
    if (first >= 0) {
      if (width[node] < 2 * r) {
        let far = 0;
        for (let c = 0; c < d; c++) {
          const v = q[qo + c];
          far = Math.max(far, v - box[b + c], box[b + d + c] - v);
        }
        if (far < r) {
          count += end[node] - start[node];
          continue;
        }
      }
      const s = split[node];
      const v = q[qo + s];
      stackNode[top] = first + 1;
      stackBound[top++] = Math.max(bound, box[(first + 1) * 2 * d + s] - v);
      stackNode[top] = first;
      stackBound[top++] = Math.max(bound, v - box[first * 2 * d + d + s]);
      continue;
    }
    if (boxAtLeast(box, b, d, q, qo, r)) continue;
    const hi = end[node];
    for (let p = start[node]; p < hi; p++) if (isWithin(q, qo, points, p * d, d, r)) count++;
  }
  return count;
}
