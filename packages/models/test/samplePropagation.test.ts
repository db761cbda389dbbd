/**
 * Sample propagation support (Goldfeld et al. 2019; estimators-math.md §5.4 step 1): for input x_i,
 * n passes with fresh noise through layers 1..ℓ−1 and layer ℓ's value before its own noise.
 * Checked against closed forms for a linear second layer: S₂ | x = (S₁(x) + Z₁)·W₂ with Z₁ ~ N(0, β²I),
 * so its mean is S₁(x)·W₂ and its covariance β²·W₂ᵀW₂ (tolerances: 5 standard errors).
 */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../src/backend/initBackend";
import { Network } from "../src/network/network";
import { samplePropagation } from "../src/network/samplePropagation";

beforeAll(async () => {
  await initBackend(undefined, { quiet: true });
});

describe("samplePropagation", () => {
  const beta = 0.2;
  it("layer 1: one centre per input, the deterministic twin's S₁; layer 2: n noisy centres with the closed-form mean and covariance", () => {
    const net = new Network(
      {
        layers: [
          { units: 4, activation: "tanh", bias: true, noise: { std: beta, position: "post" } },
          { units: 2, activation: "linear", noise: { std: beta, position: "post" } },
        ],
      },
      3,
      99,
    );
    const x = { data: Float64Array.from([0.5, -1, 2, 1, 0, -0.3]), n: 2, d: 3 };
    const n = 4000;
    const [c1, c2] = samplePropagation(net, x, { nPerInput: n, seed: 5 });
    const twin = net.forward(tf.tensor2d(Float32Array.from(x.data), [2, 3]), {
      noiseSeed: null,
      keepAll: true,
    });
    const s1 = twin.centres[0].dataSync();
    const s2 = twin.centres[1].dataSync();
    const w2 = net.layers[1].map.kernel(); // 4 × 2
    for (let i = 0; i < 2; i++) {
      expect(c1[i].n).toBe(1);
      for (let j = 0; j < 4; j++) expect(c1[i].data[j]).toBe(s1[i * 4 + j]);
      expect(c2[i].n).toBe(n);
      // mean over passes vs S₁(x)·W₂ (= the twin's S₂): standard error β·‖W₂[:,j]‖/√n
      for (let j = 0; j < 2; j++) {
        let m = 0;
        for (let r = 0; r < n; r++) m += c2[i].data[r * 2 + j] / n;
        let colNorm2 = 0;
        for (let k = 0; k < 4; k++) colNorm2 += w2.data[k * 2 + j] ** 2;
        expect(Math.abs(m - s2[i * 2 + j])).toBeLessThan((5 * beta * Math.sqrt(colNorm2)) / Math.sqrt(n));
        // variance vs β²‖W₂[:,j]‖²: standard error of a variance ≈ σ²·√(2/n)
        let v = 0;
        for (let r = 0; r < n; r++) v += (c2[i].data[r * 2 + j] - m) ** 2 / (n - 1);
        const want = beta * beta * colNorm2;
        expect(Math.abs(v - want)).toBeLessThan(5 * want * Math.sqrt(2 / n));
      }
    }
    tf.dispose([twin.output, ...twin.centres, ...twin.outputs]);
    net.dispose();
  });

  it("is seeded (same seed → same centres) and independent of which layers are requested", () => {
    const net = new Network(
      {
        layers: [
          { units: 3, activation: "relu", noise: { std: beta, position: "post" } },
          { units: 2, activation: "tanh" },
        ],
      },
      2,
      3,
    );
    const x = { data: Float64Array.from([1, 2, -1, 0.5]), n: 2, d: 2 };
    const a = samplePropagation(net, x, { nPerInput: 8, seed: 1 });
    const b = samplePropagation(net, x, { nPerInput: 8, seed: 1, layers: [2] });
    const c = samplePropagation(net, x, { nPerInput: 8, seed: 2, layers: [2] });
    expect(Array.from(b[0][0].data)).toEqual(Array.from(a[1][0].data));
    expect(Array.from(c[0][0].data)).not.toEqual(Array.from(a[1][0].data));
    expect(() => samplePropagation(net, x, { nPerInput: 0, seed: 1 })).toThrow(/nPerInput/);
    expect(() => samplePropagation(net, x, { nPerInput: 2, seed: 1, layers: [3] })).toThrow(/layers/);
    net.dispose();
  });
});
