/**
 * The neighbour kernels against a naive O(N²) reference written here from the definitions (max-norm
 * or Euclidean distance, k nearest other rows with ties ordered by row index, radius counts with `<`
 * or `≤`): every search path must give the *same* numbers, bit for bit, including on data with many
 * exact ties (values on a coarse grid), where a tie-order or pruning bug shows immediately.
 */
import { afterAll, describe, expect, it } from "vitest";
import {
  countingSpace,
  countWithin,
  kNearest,
  rawSpace,
  runNeighbourJob,
  sharedColumns,
} from "../src/kernels/neighbours";
import { neighbourChunks, nextUp } from "../src/kernels/neighbours-jobs";
import { kbestOffer, kbestReset } from "../src/kernels/neighbours-kbest";
import { buildKdTree } from "../src/kernels/neighbours-kdtree";
import { sortedCountBelow } from "../src/kernels/neighbours-sorted";
import { sharedFloat64 } from "../src/kernels/shared-memory";
import { closeWorkers, warmWorkers } from "../src/kernels/worker-pool";
import { ksgCore } from "../src/knn/ksg";
import { bruteKnnJob } from "./knn-helpers";

afterAll(closeWorkers);

/** Deterministic test data (Park–Miller LCG), optionally rounded to a grid to create exact ties. */
function data(n: number, d: number, seed: number, grid = 0): Float64Array {
  const a = new Float64Array(n * d);
  let s = seed;
  for (let i = 0; i < a.length; i++) {
    s = (s * 16807) % 2147483647;
    const u = (s / 2147483647) * 4 - 2;
    a[i] = grid > 0 ? Math.round(u / grid) * grid : u;
  }
  return a;
}

function naiveDistance(a: Float64Array, d: number, i: number, j: number, metric: 0 | 1): number {
  let acc = 0;
  for (let c = 0; c < d; c++) {
    const v = a[i * d + c] - a[j * d + c];
    acc = metric === 0 ? Math.max(acc, Math.abs(v)) : acc + v * v;
  }
  return metric === 0 ? acc : Math.sqrt(acc);
}

/** k nearest other rows of row i: sort all (distance, index) pairs, take the first k. */
function naiveKnn(a: Float64Array, n: number, d: number, i: number, k: number, metric: 0 | 1) {
  const all: Array<[number, number]> = [];
  for (let j = 0; j < n; j++) if (j !== i) all.push([naiveDistance(a, d, i, j, metric), j]);
  all.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  return all.slice(0, k);
}

function naiveCount(a: Float64Array, n: number, d: number, i: number, r: number, strict: boolean): number {
  let c = 0;
  for (let j = 0; j < n; j++) {
    if (j === i) continue;
    const v = naiveDistance(a, d, i, j, 0);
    if (strict ? v < r : v <= r) c++;
  }
  return c;
}

describe("k-best buffer", () => {
  it("keeps the k smallest (distance, index) pairs in order, ties by index", () => {
    const dist = new Float64Array(3);
    const idx = new Int32Array(3);
    kbestReset(dist, idx, 0, 3);
    const offers: Array<[number, number]> = [
      [5, 0],
      [1, 7],
      [1, 3],
      [4, 2],
      [1, 9],
      [0.5, 11],
      [1, 1],
    ];
    for (const [d, j] of offers) kbestOffer(dist, idx, 0, 3, d, j);
    expect(Array.from(dist)).toEqual([0.5, 1, 1]);
    expect(Array.from(idx)).toEqual([11, 1, 3]);
  });
});

describe("kNearest: k-d tree and brute force equal the naive definition", () => {
  const cases = [
    { n: 300, d: 1, grid: 0 },
    { n: 300, d: 1, grid: 0.25 }, // 1-D with heavy ties: the sorted walk's distances
    { n: 400, d: 3, grid: 0 },
    { n: 400, d: 3, grid: 0.5 }, // heavy ties: only 9 values per coordinate
    { n: 250, d: 7, grid: 0.25 },
    { n: 200, d: 20, grid: 0 },
    { n: 150, d: 70, grid: 0 }, // above TREE_MAX_DIM: brute force by default
  ];
  for (const { n, d, grid } of cases) {
    for (const metric of [0, 1] as const) {
      it(`n=${n} d=${d} grid=${grid} metric=${metric === 0 ? "max" : "L2"} k=4, exact equality`, () => {
        const a = data(n, d, 11 + d, grid);
        const k = 4;
        const tree = kNearest(rawSpace(a, n, d), k, { metric, exactTies: true });
        const brute = kNearest(rawSpace(a, n, d), k, { metric, exactTies: true, brute: true });
        // without exact ties only the identity of neighbours tied at the k-th distance may differ
        const treeFast = kNearest(rawSpace(a, n, d), k, { metric });
        const bruteFast = kNearest(rawSpace(a, n, d), k, { metric, brute: true });
        for (let i = 0; i < n; i++) {
          const ref = naiveKnn(a, n, d, i, k, metric);
          for (let s = 0; s < k; s++) {
            expect(tree.ids[i * k + s]).toBe(ref[s][1]);
            expect(tree.dist[i * k + s]).toBe(ref[s][0]);
            expect(brute.ids[i * k + s]).toBe(ref[s][1]);
            expect(brute.dist[i * k + s]).toBe(ref[s][0]);
            expect(treeFast.dist[i * k + s]).toBe(ref[s][0]);
            expect(bruteFast.dist[i * k + s]).toBe(ref[s][0]);
          }
          // the fast paths' rows (any among ties) are distinct other rows at the distances reported
          const rows = new Set<number>();
          for (let s = 0; s < k; s++) {
            const j = treeFast.ids[i * k + s];
            expect(j === i || rows.has(j)).toBe(false);
            rows.add(j);
            expect(naiveDistance(a, d, i, j, metric)).toBe(treeFast.dist[i * k + s]);
          }
        }
      });
    }
  }

  it("is identical with 1, 2 and 3 threads, and the helpers really take rows", () => {
    expect(warmWorkers(3)).toBe(2);
    const n = 3000;
    const d = 4;
    const a = data(n, d, 5, 0.125);
    const one = kNearest(rawSpace(a, n, d), 3, { exactTies: true });
    for (const threads of [2, 3]) {
      const many = kNearest(rawSpace(a, n, d), 3, { exactTies: true, threads });
      expect(Array.from(many.ids)).toEqual(Array.from(one.ids));
      expect(Array.from(many.dist)).toEqual(Array.from(one.dist));
    }
    // brute force, 47 chunks of 64 rows: the calling thread must not have done them all
    const job = bruteKnnJob(a, n, d, 3);
    const own = runNeighbourJob(job, 3);
    expect(own).toBeLessThan(neighbourChunks(job));
    expect(Array.from(job.ids)).toEqual(Array.from(one.ids));
  }, 60000); // booting helper threads (tsx in each) takes seconds on a loaded machine

  it("radius counts are identical with 1 and 3 threads on the sorted, k-d tree and brute-force paths", () => {
    expect(warmWorkers(3)).toBe(2);
    const n = 2500;
    for (const { d, kind } of [
      { d: 1, kind: "sorted" },
      { d: 3, kind: "kdtree" },
      { d: 3, kind: "brute" },
    ] as const) {
      const a = data(n, d, 41 + d, 0.25);
      const space = countingSpace(rawSpace(a, n, d), kind);
      const radius = sharedFloat64(n);
      for (let i = 0; i < n; i++)
        radius[i] = i % 5 === 0 ? 0.25 : naiveDistance(a, d, i, (i * 17 + 3) % n, 0);
      for (const strict of [true, false]) {
        const one = countWithin(space, radius, strict, 1);
        const many = countWithin(space, radius, strict, 3);
        expect(Array.from(many)).toEqual(Array.from(one));
        // spot-check against the definition (every 50th row; the full check is the suite above)
        for (let i = 0; i < n; i += 50) expect(one[i]).toBe(naiveCount(a, n, d, i, radius[i], strict));
      }
    }
  }, 60000);
});

describe("countWithin: sorted array, k-d tree and brute force equal the naive count", () => {
  for (const { d, grid } of [
    { d: 1, grid: 0 },
    { d: 1, grid: 0.25 },
    { d: 2, grid: 0 },
    { d: 4, grid: 0.5 },
    { d: 18, grid: 0 },
    { d: 70, grid: 0.5 },
  ]) {
    for (const strict of [true, false]) {
      it(`d=${d} grid=${grid} ${strict ? "strict <" : "non-strict ≤"}`, () => {
        const n = 350;
        const a = data(n, d, 29 + d, grid);
        const space = rawSpace(a, n, d);
        // radii: exactly some pairwise distances (the boundary cases), zero, and arbitrary values
        const radius = sharedFloat64(n);
        for (let i = 0; i < n; i++) {
          radius[i] = i % 7 === 0 ? 0 : i % 3 === 0 ? 0.37 : naiveDistance(a, d, i, (i * 31 + 7) % n, 0);
        }
        const kinds = d === 1 ? (["sorted", "kdtree", "brute"] as const) : (["kdtree", "brute"] as const);
        for (const kind of kinds) {
          const counts = countWithin(countingSpace(space, kind), radius, strict, 1);
          for (let i = 0; i < n; i++) expect(counts[i]).toBe(naiveCount(a, n, d, i, radius[i], strict));
        }
      });
    }
  }

  it("sorted bisection never forms x ± r: boundary values one ulp apart are classified exactly", () => {
    const v = 0.1;
    const r = 0.2;
    const sorted = new Float64Array([v - r, v + r, 0.30000000000000004, -0.1, 0.3].sort());
    for (const strict of [true, false]) {
      const expected = Array.from(sorted).filter((s) =>
        strict ? Math.abs(s - v) < r : Math.abs(s - v) <= r,
      ).length;
      expect(sortedCountBelow(Float64Array.from(sorted), v, strict ? r : nextUp(r))).toBe(expected);
    }
  });

  it("k-d tree counts whole boxes: a ball covering everything counts n − 1 for every row", () => {
    const n = 500;
    const a = data(n, 3, 3);
    const radius = sharedFloat64(n).fill(100);
    const counts = countWithin({ kind: "tree", tree: buildKdTree(a, n, 3) }, radius, true, 1);
    expect(Array.from(counts).every((c) => c === n - 1)).toBe(true);
  });
});

describe("KSG counts: tree and brute-force paths equal the naive definition", () => {
  for (const variant of [1, 2] as const) {
    it(`KSG-${variant} on tied data, dx = 2, dy = 3`, () => {
      const n = 400;
      const D = 5;
      const z = data(n, D, 77, 0.5);
      const k = 3;
      const tree = ksgCore(z, n, 2, 3, { k, variant, threads: 1 });
      const brute = ksgCore(z, n, 2, 3, { k, variant, threads: 1, brute: true });
      expect(brute.search).toEqual({ joint: "brute", x: "brute", y: "brute" });
      expect(tree.search).toEqual({ joint: "kdtree", x: "kdtree", y: "kdtree" });
      const xs = sharedColumns(z, n, D, 0, 2);
      const ys = sharedColumns(z, n, D, 2, 5);
      for (let i = 0; i < n; i++) {
        const nbrs = naiveKnn(z, n, D, i, k, 0);
        let rx = nbrs[k - 1][0];
        let ry = rx;
        if (variant === 2) {
          rx = Math.max(...nbrs.map(([, j]) => naiveDistance(xs, 2, i, j, 0)));
          ry = Math.max(...nbrs.map(([, j]) => naiveDistance(ys, 3, i, j, 0)));
        }
        const nx = naiveCount(xs, n, 2, i, rx, variant === 1);
        const ny = naiveCount(ys, n, 3, i, ry, variant === 1);
        expect([tree.nx[i], tree.ny[i], brute.nx[i], brute.ny[i]]).toEqual([nx, ny, nx, ny]);
      }
      expect(brute.value).toBe(tree.value);
    });
  }
});
