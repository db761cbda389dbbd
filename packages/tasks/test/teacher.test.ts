/**
 * Teacher networks without the replica: sizes, weight ensembles, sampling (priors, channels, fresh
 * noise, reproducibility) and the exact linear-Gaussian values, each against an independent route.
 */
import { gramEigenvalues } from "@infoflow/numerics";
import { describe, expect, it } from "vitest";
import {
  createTask,
  gaussianMutualInformation,
  InvalidInputError,
  linearGaussianChannelMI,
  teacherNetwork,
} from "../src/index";
import type { RowMajorMatrix } from "../src/interface";

function matmul(a: RowMajorMatrix, b: RowMajorMatrix): RowMajorMatrix {
  const data = new Float64Array(a.rows * b.cols);
  for (let i = 0; i < a.rows; i++)
    for (let k = 0; k < a.cols; k++)
      for (let j = 0; j < b.cols; j++)
        data[i * b.cols + j] += a.data[i * a.cols + k] * b.data[k * b.cols + j];
  return { data, rows: a.rows, cols: b.cols };
}

function transpose(a: RowMajorMatrix): RowMajorMatrix {
  const data = new Float64Array(a.rows * a.cols);
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < a.cols; j++) data[j * a.rows + i] = a.data[i * a.cols + j];
  return { data, rows: a.cols, cols: a.rows };
}

describe("sizes and weight ensembles", () => {
  it("widths are round(α_ℓ n_{ℓ−1}); layer info reports the actual ratios", () => {
    const t = teacherNetwork({
      n0: 100,
      layers: [
        { activation: "ReLU", alpha: 1 },
        { activation: "HardTanh", alpha: 0.5 },
        { activation: "Linear", alpha: 2.3, varNoise: 0.1 },
      ],
    });
    expect(t.sizes).toEqual([100, 100, 50, 115]);
    expect(t.layers.map((l) => l.alpha)).toEqual([1, 0.5, 2.3]);
    expect([t.dimX, t.dimY, t.observedLayer]).toEqual([100, 115, 3]);
  });

  it("gaussian: entries have mean 0 and variance scale²/n_in within 5 SE (20 000 entries)", () => {
    const t = teacherNetwork({
      n0: 100,
      seed: 2,
      layers: [
        { activation: "Linear", alpha: 2, varNoise: 1, weights: { ensemble: "gaussian", scale: 1.5 } },
      ],
    });
    const w = t.weights(1);
    expect([w.rows, w.cols]).toEqual([200, 100]);
    const n = w.data.length;
    const target = 1.5 ** 2 / 100;
    let m = 0;
    let v = 0;
    for (const x of w.data) {
      m += x / n;
      v += (x * x) / n;
    }
    expect(Math.abs(m)).toBeLessThan(5 * Math.sqrt(target / n));
    expect(Math.abs(v - target)).toBeLessThan(5 * target * Math.sqrt(2 / n));
  });

  it.each([
    [0.5, "rows"],
    [2, "columns"],
  ])("orthogonal α = %f: orthonormal %s times scale to 1e-12", (alpha) => {
    const t = teacherNetwork({
      n0: 40,
      seed: 1,
      layers: [{ activation: "Linear", alpha, varNoise: 1, weights: { ensemble: "orthogonal", scale: 0.7 } }],
    });
    const w = t.weights(1);
    const g = w.rows <= w.cols ? matmul(w, transpose(w)) : matmul(transpose(w), w);
    for (let i = 0; i < g.rows; i++)
      for (let j = 0; j < g.cols; j++)
        expect(Math.abs(g.data[i * g.cols + j] - (i === j ? 0.49 : 0))).toBeLessThan(1e-12);
  });

  it("usv: the spectrum of WᵀW is s² padded with zeros (listed and linearly spaced values) to 1e-10", () => {
    const listed = [3, 2, 1.5, 1, 0.5, 0.25];
    const a = teacherNetwork({
      n0: 12,
      seed: 3,
      layers: [
        {
          activation: "Linear",
          alpha: 0.5,
          varNoise: 1,
          weights: { ensemble: "usv", singularValues: listed },
        },
      ],
    });
    const ea = Array.from(a.spectrum(1)).sort((p, q) => p - q);
    const expectA = [...Array(6).fill(0), ...listed.map((s) => s * s)].sort((p, q) => p - q);
    const errA = Math.max(...ea.map((v, i) => Math.abs(v - expectA[i])));
    expect(errA).toBeLessThan(1e-10);

    const b = teacherNetwork({
      n0: 5,
      seed: 3,
      layers: [
        {
          activation: "Linear",
          alpha: 2,
          varNoise: 1,
          weights: { ensemble: "usv", singularValues: { from: 1, to: 2 } },
        },
      ],
    });
    const eb = Array.from(b.spectrum(1)).sort((p, q) => p - q);
    const errB = Math.max(...[1, 1.25, 1.5, 1.75, 2].map((s, i) => Math.abs(eb[i] - s * s)));
    expect(errB).toBeLessThan(1e-10);
  });

  it("spectrum(ℓ) is gramEigenvalues of weights(ℓ): n_{ℓ−1} values with mean tr(WᵀW)/n_{ℓ−1}", () => {
    const t = teacherNetwork({
      n0: 30,
      layers: [
        { activation: "ReLU", alpha: 0.5 },
        { activation: "Linear", alpha: 3, varNoise: 1 },
      ],
    });
    for (const l of [1, 2]) {
      const w = t.weights(l);
      const e = t.spectrum(l);
      expect(e.length).toBe(w.cols);
      expect(e).toEqual(gramEigenvalues(w));
      let tr = 0;
      for (const x of w.data) tr += x * x;
      expect(e.reduce((s, x) => s + x, 0)).toBeCloseTo(tr, 9);
    }
  });

  it("weights come from the task seed only, one stream per layer (changing layer 2 leaves W_1 alone)", () => {
    const layers = [{ activation: "ReLU" as const }, { activation: "Linear" as const, varNoise: 1 }];
    const a = teacherNetwork({ n0: 20, seed: 9, layers });
    const b = teacherNetwork({ n0: 20, seed: 9, layers });
    const c = teacherNetwork({ n0: 20, seed: 10, layers });
    const d = teacherNetwork({ n0: 20, seed: 9, layers: [layers[0], { ...layers[1], alpha: 3 }] });
    expect(a.weights(1).data).toEqual(b.weights(1).data);
    expect(a.weights(2).data).toEqual(b.weights(2).data);
    expect(a.weights(1).data).not.toEqual(c.weights(1).data);
    expect(d.weights(1).data).toEqual(a.weights(1).data);
  });
});

describe("sampling", () => {
  const relu2 = {
    n0: 30,
    seed: 4,
    layers: [
      { activation: "ReLU" as const, alpha: 1.5 },
      { activation: "HardTanh" as const, alpha: 0.5, thres: 0.8, varNoise: 0.2 },
    ],
  };

  it("x is X, y is the observed layer, and sample ≡ sampleLayers on the same seed; prefix-stable", () => {
    const t = teacherNetwork(relu2);
    const s = t.sample(200, 17);
    const all = t.sampleLayers(200, 17);
    expect([s.x.n, s.x.d, s.y.n, s.y.d]).toEqual([200, 30, 200, 23]);
    expect(s.x.data).toEqual(all.x.data);
    expect(s.y.data).toEqual(all.layers[1].data);
    const short = t.sample(50, 17);
    expect(short.y.data).toEqual(s.y.data.subarray(0, 50 * 23));
    expect(t.sample(200, 18).y.data).not.toEqual(s.y.data);
  });

  it("a noiseless hidden layer is exactly φ(W X); the noisy output stays in [−T, T]", () => {
    const t = teacherNetwork(relu2);
    const { x, layers } = t.sampleLayers(100, 1);
    const w = t.weights(1);
    for (let r = 0; r < 100; r++) {
      for (let j = 0; j < w.rows; j++) {
        let z = 0;
        for (let k = 0; k < w.cols; k++) z += w.data[j * w.cols + k] * x.data[r * 30 + k];
        expect(layers[0].data[r * w.rows + j]).toBe(Math.max(z, 0));
      }
    }
    expect(layers[1].data.every((v) => v >= -0.8 && v <= 0.8)).toBe(true);
    expect(layers[1].data.some((v) => v === 0.8) && layers[1].data.some((v) => Math.abs(v) < 0.8)).toBe(true);
  });

  it("channel noise is fresh for every sample: T − W X has mean 0, variance σ² and no cross-sample structure (5 SE, n = 20 000)", () => {
    const t = teacherNetwork({
      n0: 4,
      seed: 1,
      layers: [{ activation: "Linear", alpha: 0.5, varNoise: 0.3 }],
    });
    const n = 20000;
    const { x, y } = t.sample(n, 5);
    const w = t.weights(1);
    for (let j = 0; j < 2; j++) {
      let m = 0;
      let v = 0;
      let lag = 0;
      let prev = 0;
      for (let r = 0; r < n; r++) {
        let z = 0;
        for (let k = 0; k < 4; k++) z += w.data[j * 4 + k] * x.data[r * 4 + k];
        const e = y.data[r * 2 + j] - z;
        m += e / n;
        v += (e * e) / n;
        if (r > 0) lag += (e * prev) / (n - 1);
        prev = e;
      }
      expect(Math.abs(m)).toBeLessThan(5 * Math.sqrt(0.3 / n));
      expect(Math.abs(v - 0.3)).toBeLessThan(5 * 0.3 * Math.sqrt(2 / n));
      expect(Math.abs(lag)).toBeLessThan(5 * (0.3 / Math.sqrt(n)));
    }
  });

  it.each([
    [{ name: "Normal" as const, mean: 0.5, var: 2 }, 0.5, 2.25],
    [{ name: "Bimodal" as const, prob: 0.3 }, -0.4, 1],
    [{ name: "SpikeSlab" as const, prob: 0.2, mean: 1, var: 0.5 }, 0.2, 0.3],
  ])("prior %j: mean and second moment within 5 SE (200 000 draws)", (prior, mean, second) => {
    const t = teacherNetwork({
      n0: 100,
      prior,
      layers: [{ activation: "Linear", alpha: 0.01, varNoise: 1 }],
    });
    const { x } = t.sample(2000, 3);
    const n = x.data.length;
    let m = 0;
    let m2 = 0;
    let m4 = 0;
    for (const v of x.data) {
      m += v / n;
      m2 += (v * v) / n;
      m4 += v ** 4 / n;
    }
    expect(Math.abs(m - mean)).toBeLessThan(5 * Math.sqrt((second - mean * mean) / n));
    expect(Math.abs(m2 - second)).toBeLessThan(5 * Math.sqrt((m4 - second * second) / n) + 1e-12);
    if (prior.name === "Bimodal") expect(x.data.every((v) => v === 1 || v === -1)).toBe(true);
  });

  it("Probit, LeakyReLU and Generic channels produce φ of the noisy pre-activation", () => {
    const probit = teacherNetwork({ n0: 10, layers: [{ activation: "Probit", varNoise: 0.1 }] }).sample(
      100,
      1,
    ).y;
    expect(probit.data.every((v) => v === 1 || v === -1)).toBe(true);
    const t = teacherNetwork({
      n0: 10,
      layers: [
        { activation: "LeakyReLU", gamma: 0.25 },
        { activation: "Generic", phi: "tanh", varNoise: 0.1 },
      ],
    });
    const { x, layers } = t.sampleLayers(50, 2);
    const w = t.weights(1);
    for (let r = 0; r < 50; r++) {
      for (let j = 0; j < 10; j++) {
        let z = 0;
        for (let k = 0; k < 10; k++) z += w.data[j * 10 + k] * x.data[r * 10 + k];
        expect(layers[0].data[r * 10 + j]).toBeCloseTo(z > 0 ? z : 0.25 * z, 14);
      }
    }
    expect(layers[1].data.every((v) => v > -1 && v < 1)).toBe(true);
  });
});

describe("Generic-activation teachers have a replica truth", () => {
  it("tanh output layer: 0 < I(X;T) ≤ n_L·½ln(1 + 1/σ²) (a tanh output has power ≤ 1: Gaussian-channel capacity bound)", () => {
    const varNoise = 0.1;
    const t = teacherNetwork({
      n0: 20,
      seed: 3,
      layers: [{ activation: "Generic", phi: "tanh", alpha: 0.5, varNoise }],
    });
    const mi = t.mutualInformation();
    expect(Number.isFinite(mi)).toBe(true);
    expect(mi).toBeGreaterThan(0);
    expect(mi).toBeLessThanOrEqual(10 * 0.5 * Math.log(1 + 1 / varNoise));
  }, 120_000);
});

describe("exact linear-Gaussian values", () => {
  it.each([0.5, 1, 2])(
    "one layer, α = %f: I and H equal the eigenvalue forms of replica-math §6.1 to 1e-10 relative",
    (alpha) => {
      const delta = 0.05;
      const v = 1.7;
      const t = teacherNetwork({
        n0: 40,
        seed: 5,
        prior: { name: "Normal", mean: 0.3, var: v },
        layers: [{ activation: "Linear", alpha, varNoise: delta }],
      });
      const exact = t.exactLinearGaussian!();
      const lambda = t.spectrum(1); // n0 eigenvalues of WᵀW
      const n1 = t.sizes[1];
      let mi = 0;
      for (const l of lambda) mi += 0.5 * Math.log1p((v * l) / delta);
      // H(T) = ½ Σ over the n1 eigenvalues of v W Wᵀ + Δ I: the n0 of v WᵀW (zeros included) plus n1 − n0 extra Δ's (α > 1) or minus the zeros (α < 1).
      const sorted = Array.from(lambda)
        .sort((p, q) => q - p)
        .slice(0, Math.min(n1, 40));
      let h = 0.5 * n1 * Math.log(2 * Math.PI * Math.E);
      for (const l of sorted) h += 0.5 * Math.log(v * l + delta);
      h += 0.5 * (n1 - sorted.length) * Math.log(delta);
      expect(Math.abs(exact.mutualInformation - mi)).toBeLessThan(1e-10 * mi);
      expect(Math.abs(exact.entropy - h)).toBeLessThan(1e-10 * Math.abs(h));
    },
  );

  it("two layers, noiseless hidden: I(X;T_2) = ½ log det(I + v A Aᵀ/σ²) with A = W_2 W_1 (1e-10 relative)", () => {
    const t = teacherNetwork({
      n0: 25,
      seed: 6,
      layers: [
        { activation: "Linear", alpha: 1.2 },
        { activation: "Linear", alpha: 0.7, varNoise: 0.02 },
      ],
    });
    const a = matmul(t.weights(2), t.weights(1));
    const expected = linearGaussianChannelMI(a, 1, 0.02);
    expect(Math.abs(t.exactLinearGaussian!().mutualInformation - expected)).toBeLessThan(1e-10 * expected);
  });

  it("noisy hidden layer: I(X;T_2) equals the joint-covariance log-det of (X, T_2) (1e-9 relative)", () => {
    const t = teacherNetwork({
      n0: 8,
      seed: 7,
      observe: 1,
      layers: [
        { activation: "Linear", alpha: 1.5, varNoise: 0.3 },
        { activation: "Linear", alpha: 0.5, varNoise: 0.1 },
      ],
    });
    const w1 = t.weights(1);
    const w2 = t.weights(2);
    const a = matmul(w2, w1); // 6×8
    const n2 = a.rows;
    // Cov(T2) = W2 (W1 W1ᵀ + 0.3 I) W2ᵀ + 0.1 I ; Cov(X, T2) = Aᵀ
    const inner = matmul(w1, transpose(w1));
    for (let i = 0; i < inner.rows; i++) inner.data[i * inner.cols + i] += 0.3;
    const ct = matmul(matmul(w2, inner), transpose(w2));
    for (let i = 0; i < n2; i++) ct.data[i * n2 + i] += 0.1;
    const d = 8 + n2;
    const joint = new Float64Array(d * d);
    for (let i = 0; i < 8; i++) joint[i * d + i] = 1;
    for (let i = 0; i < n2; i++) {
      for (let j = 0; j < 8; j++) {
        joint[(8 + i) * d + j] = a.data[i * 8 + j];
        joint[j * d + 8 + i] = a.data[i * 8 + j];
      }
      // symmetrise: the two products round differently
      for (let j = 0; j < n2; j++)
        joint[(8 + i) * d + 8 + j] = 0.5 * (ct.data[i * n2 + j] + ct.data[j * n2 + i]);
    }
    const expected = gaussianMutualInformation(joint, 8, n2);
    expect(Math.abs(t.exactLinearGaussian!(2).mutualInformation - expected)).toBeLessThan(1e-9 * expected);
  });

  it("is only offered for Normal priors with Linear channels", () => {
    expect(
      teacherNetwork({ n0: 5, layers: [{ activation: "ReLU", varNoise: 1 }] }).exactLinearGaussian,
    ).toBeUndefined();
    expect(
      teacherNetwork({ n0: 5, prior: { name: "Bimodal" }, layers: [{ activation: "Linear", varNoise: 1 }] })
        .exactLinearGaussian,
    ).toBeUndefined();
  });
});

describe("truth requests that have no finite or exact answer fail with a one-line error", () => {
  const t = createTask({
    family: "teacher",
    n0: 10,
    observe: 1,
    layers: [
      { activation: "Linear", varNoise: 0.1 },
      { activation: "ReLU", varNoise: 0 },
      { activation: "Linear", varNoise: 0.1 },
    ],
  });
  it("layer out of range", () => {
    expect(() => t.weights(4)).toThrow(/^layer: must be an integer layer index in 1\.\.3, got 4$/);
    expect(() => t.sampleLayers(10, 1, 0)).toThrow(/^upTo: /);
  });
  it("noiseless layer: no entropy", () => {
    expect(() => t.entropy(2)).toThrow(InvalidInputError);
    expect(() => t.entropy(2)).toThrow(/T_2 is noiseless/);
  });
  it("a noisy layer before: no I(X;T_ℓ)", () => {
    expect(() => t.mutualInformation(3)).toThrow(
      /I\(X;T_3\) is not available because a layer before 3 is noisy/,
    );
  });
});
