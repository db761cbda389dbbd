/**
 * Backend selection: tfjs-node is absent on these machines (its install downloads libtensorflow),
 * so the default is wasm; the wasm binaries load from node_modules by file path and compute the
 * right numbers. Speed (wasm vs cpu on a 1000×1000 matmul) is measured by
 * `packages/models/bench/backend-matmul.ts`, not here (no timed unit tests).
 */
import * as tf from "@tensorflow/tfjs";
import { afterAll, describe, expect, it } from "vitest";
import { activeBackend, type BackendName, initBackend } from "../src/backend/initBackend";

function hostMatmul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) c[i * n + j] += a[i * n + k] * b[k * n + j];
  return c;
}

describe("initBackend", () => {
  let defaultBackend: BackendName | undefined;
  afterAll(async () => {
    // later calls without a preference keep the active backend, so switch back explicitly
    if (defaultBackend) await initBackend(defaultBackend, { quiet: true });
  });

  it("picks tfjs-node when importable, else wasm (this machine: wasm)", async () => {
    const name = await initBackend(undefined, { quiet: true });
    defaultBackend = name;
    let native = true;
    try {
      await import(["@tensorflow", "tfjs-node"].join("/"));
    } catch {
      native = false;
    }
    expect(name).toBe(native ? "tensorflow" : "wasm");
    expect(tf.getBackend()).toBe(name);
    expect(activeBackend()).toBe(name);
  });

  for (const backend of ["wasm", "cpu"] as const) {
    it(`${backend}: a 64×64 matmul agrees with Float64 to float32 accuracy (relative 1e-5)`, async () => {
      expect(await initBackend(backend, { quiet: true })).toBe(backend);
      const n = 64;
      const a = Float64Array.from({ length: n * n }, (_, i) => Math.sin(i));
      const b = Float64Array.from({ length: n * n }, (_, i) => Math.cos(3 * i));
      const got = tf.tidy(() =>
        tf
          .matMul(tf.tensor2d(Float32Array.from(a), [n, n]), tf.tensor2d(Float32Array.from(b), [n, n]))
          .dataSync(),
      );
      const want = hostMatmul(
        Float32Array.from(a) as unknown as Float64Array,
        Float32Array.from(b) as unknown as Float64Array,
        n,
      );
      let err = 0;
      for (let i = 0; i < want.length; i++) err = Math.max(err, Math.abs(got[i] - want[i]));
      // |entries| ≤ 64; float32 accumulation of 64 products: ≤ 64·64·2⁻²⁴ ≈ 2.4e-4 absolute
      expect(err).toBeLessThan(2.5e-4);
    });
  }

  it("rejects an unknown backend with a one-line message naming it", async () => {
    await expect(initBackend("gpu" as never)).rejects.toThrow(/backend: unknown backend 'gpu'/);
  });
});
