/**
 * Orthonormality regulariser ‖G − I‖²_F, G the smaller Gram matrix of W: the tfjs value against a Float64
 * computation from the layer's kernel (float32 tolerance: relative 1e-5), and training with only this
 * term drives every singular value to 1.
 */
import { fromRowMajor, matmulRowMajor, singularValues, toRowMajor } from "@infoflow/numerics";
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../src/backend/initBackend";
import { Dense } from "../src/layers/dense";
import type { DenseMap } from "../src/layers/denseMap";
import { UsvDense } from "../src/layers/usvDense";

beforeAll(async () => {
  await initBackend(undefined, { quiet: true });
});

function hostPenalty(map: DenseMap): number {
  const w = map.kernel();
  const wt = toRowMajor(fromRowMajor(w.data, w.rows, w.cols).transpose());
  const g = w.cols <= w.rows ? matmulRowMajor(wt, w) : matmulRowMajor(w, wt);
  let s = 0;
  for (let i = 0; i < g.rows; i++)
    for (let j = 0; j < g.cols; j++) s += (g.data[i * g.cols + j] - (i === j ? 1 : 0)) ** 2;
  return s;
}

describe("orthonormality penalty", () => {
  for (const [kind, nIn, nOut] of [
    ["dense", 7, 4],
    ["dense", 4, 7],
    ["usv", 7, 4],
    ["usv", 4, 7],
  ] as const) {
    it(`${kind} ${nIn}→${nOut}: equals ‖G − I‖²_F of the Float64 kernel`, () => {
      const map =
        kind === "usv" ? new UsvDense(nIn, nOut, 2, { scale: 1.7 }) : new Dense(nIn, nOut, 2, { scale: 1.7 });
      const p = map.orthonormalityPenalty();
      const want = hostPenalty(map);
      expect(Math.abs(p.dataSync()[0] - want)).toBeLessThan(1e-5 * want);
      p.dispose();
      map.dispose();
    });
  }

  it("minimising it alone makes the singular values 1 (to 1e-3)", () => {
    const map = new Dense(6, 3, 4, { scale: 2 });
    const w = map.variables.get("w")!;
    for (let i = 0; i < 120; i++) {
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => map.orthonormalityPenalty());
        w.assign(tf.sub(w, tf.mul(0.02, grads[w.name])));
      });
    }
    const k = map.kernel();
    for (const s of singularValues(k)) expect(Math.abs(s - 1)).toBeLessThan(1e-3);
    map.dispose();
  });
});
