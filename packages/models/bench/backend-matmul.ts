/**
 * wasm vs cpu (and tfjs-node when present) on a 1000×1000 float32 matmul, median of 5 after a
 * warm-up. Run: `node --import tsx packages/models/bench/backend-matmul.ts`.
 * On the project's 2-core machines: wasm (SIMD, single thread) ≈ 150 ms, cpu ≈ 5 s.
 */
import * as tf from "@tensorflow/tfjs";
import { type BackendName, initBackend } from "../src/backend/initBackend";

const n = 1000;
const times: Partial<Record<BackendName, number>> = {};
for (const want of ["tensorflow", "wasm", "cpu"] as const) {
  const got = await initBackend(want, { quiet: true });
  if (got !== want) continue;
  const a = tf.randomNormal([n, n], 0, 1, "float32", 1);
  const b = tf.randomNormal([n, n], 0, 1, "float32", 2);
  tf.matMul(a, b).dataSync();
  const runs: number[] = [];
  for (let r = 0; r < (want === "cpu" ? 3 : 5); r++) {
    const t = performance.now();
    // (not tf.tidy(() => ….dataSync()): tidy would walk the returned 10⁶-element array looking for tensors)
    const c = tf.matMul(a, b);
    c.dataSync();
    c.dispose();
    runs.push(performance.now() - t);
  }
  runs.sort((x, y) => x - y);
  times[want] = runs[Math.floor(runs.length / 2)];
  tf.dispose([a, b]);
  console.log(`${want.padEnd(10)} ${times[want]!.toFixed(1)} ms`);
}
if (times.wasm !== undefined && times.cpu !== undefined) {
  console.log(`wasm is ${(times.cpu / times.wasm).toFixed(1)}× faster than cpu`);
}
