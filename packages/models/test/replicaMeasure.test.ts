/**
 * Replica measures of USV students (Gabrié et al. 2018; replica-math.md §5.3, §6.1, §7.4).
 * - A fresh USV student's replica MI equals the replica MI computed directly from its singular values
 *   (an Empirical spectrum s² padded with zeros, built here by hand): same formula, two routes, 1e-9.
 * - For a linear layer the replica value is exact (§6.1): i = ½·mean_k log(1 + λ_k/Δ) over the n_in
 *   eigenvalues; the replica solver converges to 1e-8, so 1e-6 relative.
 */
import { matmulRowMajor, singularValues } from "@infoflow/numerics";
import { computeMutualInformation, createChannel, type NetworkSpec } from "@infoflow/replica";
import { beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../src/backend/initBackend";
import type { UsvDense } from "../src/layers/usvDense";
import { exactLinearValues } from "../src/metrics/exactLinear";
import { gaussianInputCovariance, type InputChain, replicaChain } from "../src/metrics/replicaChain";
import { ReplicaMeasure } from "../src/metrics/replicaMeasure";
import { Network } from "../src/network/network";

beforeAll(async () => {
  await initBackend(undefined, { quiet: true });
});

const normalPrior: InputChain = {
  layers: [{ kind: "prior", name: "Normal", params: { mean: 0, var: 1 } }],
  weights: [],
  n0: 40,
};

function paddedSquares(s: Float64Array, n: number): number[] {
  const out = new Array(n).fill(0);
  for (let k = 0; k < s.length; k++) out[k] = s[k] * s[k];
  return out;
}

describe("replica measures of a USV student", () => {
  let net: Network;
  let measure: ReplicaMeasure;
  let got: ReturnType<ReplicaMeasure["compute"]>;
  const delta = 1e-3;
  beforeAll(async () => {
    await initBackend(undefined, { quiet: true });
    net = new Network(
      {
        layers: [
          { units: 20, kind: "usv", activation: "linear" },
          { units: 30, kind: "usv", activation: "relu" },
          { units: 2, kind: "dense", activation: "linear", bias: true },
        ],
      },
      40,
      2024,
    );
    measure = new ReplicaMeasure(net, normalPrior, {
      layers: 2,
      outputNoise: delta,
      hiddenNoise: 0,
      options: {},
    });
    got = measure.compute();
  });

  it("equals the replica values computed directly from the layers' singular values", () => {
    const l1 = net.layers[0].map as UsvDense;
    const l2 = net.layers[1].map as UsvDense;
    const e1 = {
      ensemble: "Empirical" as const,
      alpha: 20 / 40,
      eigvals: paddedSquares(l1.singularValues(), 40),
    };
    const e2 = {
      ensemble: "Empirical" as const,
      alpha: 30 / 20,
      eigvals: paddedSquares(l2.singularValues(), 20),
    };
    const one: NetworkSpec = {
      layers: [normalPrior.layers[0], { kind: "activation", name: "Linear", params: { var_noise: delta } }],
      weights: [e1],
    };
    const two: NetworkSpec = {
      layers: [
        normalPrior.layers[0],
        { kind: "activation", name: "Linear", params: { var_noise: 0 } },
        { kind: "activation", name: "ReLU", params: { var_noise: delta } },
      ],
      weights: [e1, e2],
    };
    const direct = [computeMutualInformation(one), computeMutualInformation(two)];
    for (let l = 0; l < 2; l++) {
      expect(got[l].converged).toBe(true);
      expect(Math.abs(got[l].miPerUnit - direct[l].mi)).toBeLessThan(1e-9);
      expect(Math.abs(got[l].entropyPerUnit - direct[l].entropy)).toBeLessThan(1e-9);
      // totals are per-unit values times n₀
      expect(got[l].mi).toBe(got[l].miPerUnit * 40);
    }
  });

  it("matches the exact linear-Gaussian value ½·mean log(1 + λ/Δ) for the linear first layer", () => {
    const eig = paddedSquares((net.layers[0].map as UsvDense).singularValues(), 40);
    const exact = 0.5 * (eig.reduce((a, l) => a + Math.log1p(l / delta), 0) / 40);
    expect(Math.abs(got[0].miPerUnit - exact)).toBeLessThan(1e-6 * exact);
  });

  it("warm-starts the next evaluation from the stored fixed points and stays on the same values", () => {
    const state = measure.getState();
    expect(state.all).not.toBeNull();
    const again = measure.compute();
    for (let l = 0; l < 2; l++) expect(Math.abs(again[l].miPerUnit - got[l].miPerUnit)).toBeLessThan(1e-9);
  });

  it("rejects layers the replica chain cannot describe, naming the field", () => {
    const biased = new Network({ layers: [{ units: 5, kind: "usv", bias: true }] }, 4, 1);
    expect(
      () =>
        new ReplicaMeasure(biased, normalPrior, {
          layers: 1,
          outputNoise: 1e-5,
          hiddenNoise: 0,
          options: {},
        }),
    ).toThrow(/network\.layers\.0\.bias: the replica formula has no bias term/);
    const postNoise = new Network(
      { layers: [{ units: 5, kind: "usv", activation: "relu", noise: { std: 0.1, position: "post" } }] },
      4,
      1,
    );
    expect(
      () =>
        new ReplicaMeasure(postNoise, normalPrior, {
          layers: 1,
          outputNoise: 1e-5,
          hiddenNoise: 0,
          options: {},
        }),
    ).toThrow(/network\.layers\.0\.noise: post-activation noise/);
  });
});

describe("exact linear-Gaussian values (lsd's test = True)", () => {
  it("layer 1 equals the replica value; layer 2 equals the closed form from the singular values of W₁W₂", async () => {
    await initBackend(undefined, { quiet: true });
    const n0 = 30;
    const net = new Network(
      {
        layers: [
          { units: 20, kind: "usv", activation: "linear" },
          { units: 25, kind: "usv", activation: "linear" },
        ],
      },
      n0,
      8,
    );
    const delta = 1e-4;
    const opts = { outputNoise: delta, hiddenNoise: 0 };
    const cov = gaussianInputCovariance({ ...normalPrior, n0 })!;
    const exact = exactLinearValues(net, cov, n0, 2, opts);
    const replica = new ReplicaMeasure(
      net,
      { ...normalPrior, n0 },
      { layers: 2, ...opts, options: {} },
    ).compute();
    // One linear layer: the replica formula is exact at any size (replica-math §6.1).
    expect(Math.abs(exact[0].miPerUnit - replica[0].miPerUnit)).toBeLessThan(1e-8);
    expect(Math.abs(exact[0].entropyPerUnit - replica[0].entropyPerUnit)).toBeLessThan(1e-8);
    // Two layers: H(T₂) = ½[Σ_k log(σ_k² + Δ) + (n₂ − r) log Δ + n₂ log 2πe], σ_k the singular values of W₁W₂
    // (an SVD route, independent of the Cholesky one), to Float64 round-off of a 25×25 log-det.
    const w12 = matmulRowMajor(net.layers[0].map.kernel(), net.layers[1].map.kernel());
    const sv = singularValues(w12);
    let h = 25 * Math.log(2 * Math.PI * Math.E) + (25 - sv.length) * Math.log(delta);
    for (const s of sv) h += Math.log(s * s + delta);
    h /= 2;
    expect(Math.abs(exact[1].entropy - h)).toBeLessThan(1e-9 * Math.abs(h));
    expect(exact[1].mi).toBeCloseTo(h - 12.5 * Math.log(2 * Math.PI * Math.E * delta), 9);
    net.dispose();
  });
});

describe("tanh students map onto the replica Generic channel", () => {
  it("a tanh USV layer becomes Generic(activation tanh), which the replica core accepts", async () => {
    await initBackend(undefined, { quiet: true });
    const net = new Network({ layers: [{ units: 5, kind: "usv", activation: "tanh" }] }, 4, 1);
    const chain = replicaChain(net, normalPrior, 1, { outputNoise: 1e-5, hiddenNoise: 0 });
    expect(chain.layers[1]).toEqual({
      kind: "activation",
      name: "Generic",
      params: { var_noise: 1e-5, activation: "tanh" },
    });
    expect(createChannel(chain.layers[1] as Parameters<typeof createChannel>[0]).name).toMatch(/tanh/);
    expect(
      () =>
        new ReplicaMeasure(net, normalPrior, { layers: 1, outputNoise: 1e-5, hiddenNoise: 0, options: {} }),
    ).not.toThrow();
    net.dispose();
  });
});
