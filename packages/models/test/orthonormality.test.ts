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
import { weightMeasures } from "../src/metrics/weightMeasures";

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

describe("weightMeasures", () => {
  for (const [kind, nIn, nOut] of [
    ["dense", 7, 4],
    ["usv", 4, 7],
  ] as const) {
    it(`${kind} ${nIn}→${nOut}: ‖G − I‖_F, ‖W‖_F and the singular range of the Float64 kernel (1e-12 relative)`, () => {
      const map =
        kind === "usv"
          ? new UsvDense(nIn, nOut, 3, { scale: 1.3, bias: true })
          : new Dense(nIn, nOut, 3, { scale: 1.3, bias: true });
      const b = map.variables.get("b")!;
      b.assign(
        tf.tensor1d(
          Array.from({ length: nOut }, (_, j) => (j === 2 ? -0.75 : 0.25)),
          "float32",
        ),
      );
      const m = weightMeasures(map);
      const want = Math.sqrt(hostPenalty(map));
      expect(Math.abs(m.gramDeviation - want)).toBeLessThan(1e-12 * want);
      const k = map.kernel();
      const fro = Math.sqrt(k.data.reduce((s, x) => s + x * x, 0));
      expect(Math.abs(m.frobenius - fro)).toBeLessThan(1e-12 * fro);
      const s = singularValues(k);
      expect(m.singularMax).toBeCloseTo(s[0], 12);
      expect(m.singularMin).toBeCloseTo(s[s.length - 1], 12);
      expect(m.singularMin).toBeGreaterThan(0);
      expect(m.biasMaxAbs).toBe(0.75);
      map.dispose();
    });
  }

  it("an orthonormal USV layer (s = 1) is at distance 0 (to 1e-6, float32 U and V)", () => {
    const map = new UsvDense(5, 5, 4, { scale: 1 });
    map.variables.get("s")!.assign(tf.ones([5], "float32"));
    const m = weightMeasures(map);
    expect(m.gramDeviation).toBeLessThan(1e-6);
    expect(Math.abs(m.singularMax - 1)).toBeLessThan(1e-6);
    expect(m.biasMaxAbs).toBe(0);
    map.dispose();
  });
});
