/**
 * kNN estimators against NPEET's recorded timings (shared/reference/estimators/scaling.json, copied into
 * packages/estimators/test/fixtures/knn-reference.json): joint KSG-1 MI with k = 3 for X, Y each
 * d-dimensional, and Kozachenko–Leonenko entropy of X, on Gaussian pairs of the same law as the peer's
 * (X ~ N(0, I_d), Y = 0.6·X + 0.8·E; drawn with numerics' seeded RNG, so the samples — not the law —
 * differ from NPEET's). Median wall time of 3 calls, data already in memory, like the peer's timing.
 *
 * Columns: infoflow with the default thread count (helpers warmed first: their one-time start-up is
 * printed separately), infoflow on one thread, NPEET, and NPEET time / infoflow time (> 1 = faster).
 * The machine's 1-minute load average is printed first: on a shared machine every time scales with it.
 * Usage: pnpm bench:perf knn
 */
import { availableParallelism, loadavg } from "node:os";
import { closeNeighbourPool, warmNeighbourPool } from "../../packages/estimators/src/kernels/neighbours-pool";
import { klEntropy, ksgMI } from "../../packages/estimators/src/knn";
import fixture from "../../packages/estimators/test/fixtures/knn-reference.json";
import { gaussianPair } from "../../packages/estimators/test/knn-helpers";

const threads = Math.min(4, availableParallelism());

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(f: () => number): { seconds: number; value: number } {
  const runs: number[] = [];
  let value = Number.NaN;
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    value = f();
    runs.push((performance.now() - t) / 1000);
  }
  return { seconds: median(runs), value };
}

console.log(`load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores; threads ${threads}`);
const t0 = performance.now();
const booted = warmNeighbourPool(threads);
console.log(
  `helper threads: ${booted} of ${threads - 1} started in ${((performance.now() - t0) / 1000).toFixed(2)} s (once per process)`,
);
const header = ["quantity", "N", "d", "infoflow s", "1-thread s", "NPEET s", "ratio", "value", "truth"];
console.log(header.join("\t"));
for (const row of fixture.scaling.rows) {
  const { x, y } = gaussianPair(row.n, row.d, 0.6, 1000 * row.d + Math.floor(row.n / 1000));
  const mi = row.peer === "npeet.mi";
  const run = (t: number) => (mi ? ksgMI(x, y, { threads: t }).value : klEntropy(x, { threads: t }).value);
  const many = time(() => run(threads));
  const one = time(() => run(1));
  console.log(
    [
      mi ? "KSG-1 I(X;Y)" : "KL h(X)",
      row.n,
      mi ? `${row.d}+${row.d}` : row.d,
      many.seconds.toFixed(4),
      one.seconds.toFixed(4),
      row.median_wall_s.toFixed(4),
      `${(row.median_wall_s / many.seconds).toFixed(1)}x`,
      many.value.toFixed(4),
      row.ground_truth_nats.toFixed(4),
    ].join("\t"),
  );
}
await closeNeighbourPool();
