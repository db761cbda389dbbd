import { afterAll, describe, expect, it } from "vitest";
import { gaussianLogSumExp } from "../src/kernels/lse";
import { EXP_NEG_MAX, expNeg } from "../src/kernels/lse-exp";
import { kNearest, rawSpace, runNeighbourJob } from "../src/kernels/neighbours";
import { neighbourChunks } from "../src/kernels/neighbours-jobs";
import { columnMeans, rowSquaredNorms, shiftedCopy, squaredDistanceTile } from "../src/kernels/pairwise";
import { sharedFloat64, toShared } from "../src/kernels/shared-memory";
import { closeWorkers, runChunks, warmWorkers } from "../src/kernels/worker-pool";
import { bruteKnnJob } from "./knn-helpers";

afterAll(closeWorkers);

function pseudo(n: number, seed: number): Float64Array {
  const a = new Float64Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 16807) % 2147483647;
    a[i] = (s / 2147483647) * 2 - 1;
  }
  return a;
}

function naiveDist(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number {
  let s = 0;
  for (let k = 0; k < d; k++) s += (a[i * d + k] - b[j * d + k]) ** 2;
  return s;
}

describe("expNeg (bounded-range exp of the inner loops)", () => {
  it("matches Math.exp to 3e-13 relative on [0, 40], exactly 1 at 0", () => {
    expect(expNeg(0)).toBe(1);
    let worst = 0;
    for (let i = 0; i <= 400000; i++) {
      const t = (EXP_NEG_MAX * i) / 400000;
      worst = Math.max(worst, Math.abs(expNeg(t) / Math.exp(-t) - 1));
    }
    expect(worst).toBeLessThan(3e-13);
  });
});

describe("squaredDistanceTile (Gram trick)", () => {
  it("matches explicit differences on ragged tiles (4×2 blocking remainders), 1e-13 absolute", () => {
    for (const d of [1, 3, 7]) {
      const a = pseudo(11 * d, 3 + d);
      const b = pseudo(9 * d, 5 + d);
      const out = new Float64Array(11 * 9);
      // rows [1, 10) × cols [2, 9): 9 rows (two 4-blocks + 1), 7 cols (three 2-blocks + 1)
      squaredDistanceTile(a, rowSquaredNorms(a, 11, d), 1, 10, b, rowSquaredNorms(b, 9, d), 2, 9, d, out);
      for (let i = 1; i < 10; i++) {
        for (let j = 2; j < 9; j++)
          expect(out[(i - 1) * 7 + (j - 2)]).toBeCloseTo(naiveDist(a, i, b, j, d), 13);
      }
    }
  });

  it("clamps cancellation at 0 and centring restores accuracy for data far from the origin", () => {
    const d = 3;
    const a = new Float64Array([1e8, 1e8 + 1, 1e8 - 2, 1e8, 1e8 + 1, 1e8 - 2]); // two identical rows
    const out = new Float64Array(4);
    const raw = rowSquaredNorms(a, 2, d);
    squaredDistanceTile(a, raw, 0, 2, a, raw, 0, 2, d, out);
    for (const v of out) expect(v).toBeGreaterThanOrEqual(0);
    const c = shiftedCopy(a, 2, d, columnMeans(a, 2, d));
    const cn = rowSquaredNorms(c, 2, d);
    squaredDistanceTile(c, cn, 0, 2, c, cn, 0, 2, d, out);
    expect(Array.from(out)).toEqual([0, 0, 0, 0]);
  });
});

describe("gaussianLogSumExp (streaming over centre tiles)", () => {
  const d = 4;
  const nq = 70;
  const nc = 1300; // three centre tiles of 512, the last ragged
  const queries = pseudo(nq * d, 11);
  const centres = pseudo(nc * d, 13);
  const qLab = Int32Array.from({ length: nq }, (_, i) => i % 3);
  const cLab = Int32Array.from({ length: nc }, (_, i) => (i * 5) % 3);

  function naive(scale: number, i: number, label?: number): number {
    const terms: number[] = [];
    for (let j = 0; j < nc; j++) {
      if (label !== undefined && cLab[j] !== label) continue;
      terms.push(-scale * naiveDist(queries, i, centres, j, d));
    }
    const m = Math.max(...terms);
    return m + Math.log(terms.reduce((s, t) => s + Math.exp(t - m), 0));
  }

  // scale 1e4 puts most terms near −1e4: without the running maximum every exp underflows to 0
  for (const scale of [0.5, 1e4]) {
    it(`scale ${scale}: all centres and same-label centres, 1e-12 relative`, () => {
      const out = new Float64Array(nq);
      const same = new Float64Array(nq);
      const p = { queries, nq, centres, nc, d, scale, queryLabels: qLab, centreLabels: cLab };
      gaussianLogSumExp(p, 0, nq, out, same);
      for (let i = 0; i < nq; i++) {
        const ref = naive(scale, i);
        expect(Math.abs(out[i] - ref)).toBeLessThan(1e-12 * Math.max(1, Math.abs(ref)));
        const refSame = naive(scale, i, qLab[i]);
        expect(Math.abs(same[i] - refSame)).toBeLessThan(1e-12 * Math.max(1, Math.abs(refSame)));
      }
    });
  }

  it("a query range gives the same bits as the full run (row results do not depend on blocking)", () => {
    const p = { queries, nq, centres, nc, d, scale: 2 };
    const full = new Float64Array(nq);
    gaussianLogSumExp(p, 0, nq, full);
    const part = new Float64Array(13);
    gaussianLogSumExp(p, 50, 63, part);
    expect(Array.from(part)).toEqual(Array.from(full.subarray(50, 63)));
  });
});

describe("worker pool", () => {
  it("booted workers take chunks, and the result equals the single-threaded one", () => {
    expect(warmWorkers(3)).toBeGreaterThanOrEqual(2);
    const nq = 2000;
    const d = 6;
    const queries = toShared(pseudo(nq * d, 23));
    // chunks of ~2.4M multiply-adds each, long enough that booted helpers get scheduled on a busy machine
    const centres = toShared(pseudo(8000 * d, 29));
    const problems = [{ queries, nq, centres, nc: 8000, d, scale: 1 }];
    const chunks = 40;
    const ranges = new Int32Array(chunks * 3);
    for (let c = 0; c < chunks; c++) ranges.set([0, c * 50, c * 50 + 50], 3 * c);
    const out = sharedFloat64(nq);
    const own = runChunks("gaussianLse", { problems, ranges, out: [out] }, chunks, 3);
    expect(own).toBeLessThan(chunks);
    const single = sharedFloat64(nq);
    expect(runChunks("gaussianLse", { problems, ranges, out: [single] }, chunks, 1)).toBe(chunks);
    expect(Array.from(out)).toEqual(Array.from(single));
  }, 120_000); // booting workers compiles the kernels through tsx: slow on a loaded machine

  it("gives bit-identical results for 1 and 3 threads", () => {
    const nq = 600;
    const d = 3;
    const queries = toShared(pseudo(nq * d, 17));
    const centres = toShared(pseudo(900 * d, 19));
    const problems = [{ queries, nq, centres, nc: 900, d, scale: 3 }];
    const ranges = new Int32Array(6 * 3);
    for (let c = 0; c < 6; c++) ranges.set([0, c * 100, c * 100 + 100], 3 * c);
    const results = [1, 3].map((threads) => {
      const out = sharedFloat64(nq);
      runChunks("gaussianLse", { problems, ranges, out: [out] }, 6, threads);
      return Array.from(out);
    });
    expect(results[1]).toEqual(results[0]);
    const direct = new Float64Array(nq);
    gaussianLogSumExp(problems[0], 0, nq, direct);
    expect(results[0]).toEqual(Array.from(direct));
  }, 120_000);

  it("one pool serves every task: the same helpers take LSE chunks and neighbour-search chunks", () => {
    expect(warmWorkers(3)).toBeGreaterThanOrEqual(2);
    const n = 3000;
    const d = 4;
    const points = pseudo(n * d, 31);
    const job = bruteKnnJob(points, n, d, 3); // 47 chunks of 64 rows
    expect(runNeighbourJob(job, 3)).toBeLessThan(neighbourChunks(job));
    const inline = kNearest(rawSpace(points, n, d), 3, { brute: true, exactTies: true });
    expect(Array.from(job.ids)).toEqual(Array.from(inline.ids));
    expect(Array.from(job.dist)).toEqual(Array.from(inline.dist));
    const queries = toShared(points);
    const problems = [{ queries, nq: n, centres: queries, nc: n, d, scale: 2 }];
    const chunks = 30;
    const ranges = new Int32Array(chunks * 3);
    for (let c = 0; c < chunks; c++) ranges.set([0, c * 100, c * 100 + 100], 3 * c);
    const out = sharedFloat64(n);
    expect(runChunks("gaussianLse", { problems, ranges, out: [out] }, chunks, 3)).toBeLessThan(chunks);
    const direct = new Float64Array(n);
    gaussianLogSumExp(problems[0], 0, n, direct);
    expect(Array.from(out)).toEqual(Array.from(direct));
    // still the helpers warmed above: no second pool was started
    expect(warmWorkers(3)).toBeLessThanOrEqual(2);
  }, 120_000);

  it("an error in a chunk is thrown once every chunk has finished, and the pool keeps working", () => {
    const d = 2;
    const queries = toShared(pseudo(200 * d, 37));
    const problems = [{ queries, nq: 200, centres: queries, nc: 200, d, scale: 1 }];
    const chunks = 20;
    // chunks name problem 1, which does not exist: every chunk throws, on whichever thread runs it
    const ranges = new Int32Array(chunks * 3);
    for (let c = 0; c < chunks; c++) ranges.set([1, c * 10, c * 10 + 10], 3 * c);
    for (const threads of [1, 3]) {
      expect(() =>
        runChunks("gaussianLse", { problems, ranges, out: [sharedFloat64(200)] }, chunks, threads),
      ).toThrow();
    }
    for (let c = 0; c < chunks; c++) ranges[3 * c] = 0;
    const out = sharedFloat64(200);
    runChunks("gaussianLse", { problems, ranges, out: [out] }, chunks, 3);
    const direct = new Float64Array(200);
    gaussianLogSumExp(problems[0], 0, 200, direct);
    expect(Array.from(out)).toEqual(Array.from(direct));
  }, 120_000);
});
