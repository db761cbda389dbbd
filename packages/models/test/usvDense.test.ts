/**
 * USV dense layer (replica-math.md §7.2): W = U·diag(s)·V with U, V fixed orthogonal, only s trained.
 * Tolerances: tfjs computes in float32, so float32-vs-Float64 comparisons use relative 1e-5 (a few
 * ulp of float32 accumulated over sums of ≤ 20 terms); pure Float64 identities use 1e-12.
 */
import { matmulRowMajor, singularValues } from "@infoflow/numerics";
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../src/backend/initBackend";
import { UsvDense } from "../src/layers/usvDense";

beforeAll(async () => {
  await initBackend(undefined, { quiet: true });
});

function maxAbs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function transpose(m: { data: Float64Array; rows: number; cols: number }) {
  const out = new Float64Array(m.data.length);
  for (let i = 0; i < m.rows; i++)
    for (let j = 0; j < m.cols; j++) out[j * m.rows + i] = m.data[i * m.cols + j];
  return { data: out, rows: m.cols, cols: m.rows };
}

function identityError(q: { data: Float64Array; rows: number; cols: number }): number {
  const g = matmulRowMajor(transpose(q), q);
  let m = 0;
  for (let i = 0; i < g.rows; i++)
    for (let j = 0; j < g.cols; j++) m = Math.max(m, Math.abs(g.data[i * g.cols + j] - (i === j ? 1 : 0)));
  return m;
}

/** U·S·V in Float64 with S the n_in × n_out matrix carrying s on its diagonal — built independently of the layer. */
function uSv(layer: UsvDense): { data: Float64Array; rows: number; cols: number } {
  const s = layer.singularValues();
  const S = new Float64Array(layer.nIn * layer.nOut);
  for (let k = 0; k < s.length; k++) S[k * layer.nOut + k] = s[k];
  return matmulRowMajor(matmulRowMajor(layer.u, { data: S, rows: layer.nIn, cols: layer.nOut }), layer.v);
}

describe("UsvDense", () => {
  for (const [nIn, nOut] of [
    [7, 4],
    [4, 7],
    [5, 5],
  ]) {
    it(`U, V are orthogonal and x·W equals x·(U S V) computed independently (${nIn}→${nOut})`, () => {
      const layer = new UsvDense(nIn, nOut, 11, { scale: 1.3 });
      expect(identityError(layer.u)).toBeLessThan(1e-12);
      expect(identityError(layer.v)).toBeLessThan(1e-12);
      const W = uSv(layer);
      // The layer's own Float64 kernel agrees with the independent product to Float64 round-off.
      expect(maxAbs(layer.kernel().data, W.data)).toBeLessThan(1e-12);
      const x = {
        data: Float64Array.from({ length: 3 * nIn }, (_, i) => Math.sin(i + 1)),
        rows: 3,
        cols: nIn,
      };
      const expected = matmulRowMajor(x, W).data;
      const got = tf.tidy(() => layer.apply(tf.tensor2d(Float32Array.from(x.data), [3, nIn])).dataSync());
      expect(maxAbs(got, expected)).toBeLessThan(
        1e-5 * Math.max(1, maxAbs(expected, new Float64Array(expected.length))),
      );
      layer.dispose();
    });
  }

  it("initial s are the singular values of c·G/√n_in: mean s² ≈ c²·n_out/n_in (Marchenko–Pastur mean)", () => {
    // E[λ] of WᵀW for W = c·G/√n_in (n_in × n_out) is c²·n_out/n_in per nonzero... summed: Σ s² = ‖W‖_F² ≈ c²·n_out.
    const c = 0.7;
    const layer = new UsvDense(200, 100, 5, { scale: c });
    const s = layer.singularValues();
    const frob = s.reduce((a, v) => a + v * v, 0);
    // ‖W‖_F² = c²/n_in · χ²(n_in·n_out): mean c²·n_out, sd c²·n_out·√(2/(n_in n_out)) = 0.49·100·0.01 → 5 sd ≈ 2.45
    expect(Math.abs(frob - c * c * 100)).toBeLessThan(2.45);
    // the spectrum reported to the replica core is s² padded with zeros to n_in, α = n_out/n_in
    const spec = layer.spectrum();
    expect(spec.alpha).toBe(0.5);
    expect(spec.eigvals.length).toBe(200);
    expect(Array.from(spec.eigvals.subarray(100)).every((v) => v === 0)).toBe(true);
    layer.dispose();
  });

  it("the only trainable variables are s (and the bias when asked for)", () => {
    const a = new UsvDense(6, 3, 1);
    expect([...a.variables.keys()]).toEqual(["s"]);
    expect(a.variables.get("s")!.shape).toEqual([3]);
    const b = new UsvDense(6, 3, 1, { bias: true });
    expect([...b.variables.keys()]).toEqual(["s", "b"]);
    a.dispose();
    b.dispose();
  });

  it("gradients only touch s: ∂L/∂s matches the closed form and an update keeps U, V (W − W₀ = U_r diag(Δs) V_r)", () => {
    const nIn = 6;
    const nOut = 4;
    const layer = new UsvDense(nIn, nOut, 3);
    const n = 5;
    const x = {
      data: Float64Array.from({ length: n * nIn }, (_, i) => Math.cos(0.7 * i)),
      rows: n,
      cols: nIn,
    };
    const y = {
      data: Float64Array.from({ length: n * nOut }, (_, i) => Math.sin(1.3 * i)),
      rows: n,
      cols: nOut,
    };
    const s = layer.variables.get("s")!;
    const { grads } = tf.variableGrads(() => {
      const out = layer.apply(tf.tensor2d(Float32Array.from(x.data), [n, nIn]));
      return tf.mul(
        0.5,
        tf.sum(tf.square(tf.sub(out, tf.tensor2d(Float32Array.from(y.data), [n, nOut])))),
      ) as tf.Scalar;
    });
    // Only s receives a gradient (U and V are constants, not variables).
    expect(Object.keys(grads)).toEqual([s.name]);
    // Closed form: L = ½‖x U S V − y‖², ∂L/∂s_k = Σ_n (xU)_{nk} · ((xW − y) Vᵀ)_{nk}.
    const W = uSv(layer);
    const r = matmulRowMajor(x, W);
    for (let i = 0; i < r.data.length; i++) r.data[i] -= y.data[i];
    const xu = matmulRowMajor(x, layer.u);
    const rv = matmulRowMajor(r, transpose(layer.v));
    const expected = Array.from({ length: 4 }, (_, k) => {
      let g = 0;
      for (let i = 0; i < n; i++) g += xu.data[i * nIn + k] * rv.data[i * nOut + k];
      return g;
    });
    const got = grads[s.name].dataSync();
    expect(maxAbs(got, expected)).toBeLessThan(1e-4);

    // Apply an SGD step and check the change of W lies in span{u_k v_kᵀ}: U_rᵀ ΔW V_rᵀ is diagonal and Δs.
    const w0 = layer.kernel();
    const s0 = layer.singularValues();
    s.assign(tf.sub(s, tf.mul(0.1, grads[s.name])) as tf.Tensor1D);
    const w1 = layer.kernel();
    const dW = { data: w1.data.map((v, i) => v - w0.data[i]), rows: nIn, cols: nOut };
    const proj = matmulRowMajor(matmulRowMajor(transpose(layer.u), dW), transpose(layer.v));
    const ds = layer.singularValues().map((v, k) => v - s0[k]);
    for (let i = 0; i < nIn; i++) {
      for (let j = 0; j < nOut; j++) {
        expect(Math.abs(proj.data[i * nOut + j] - (i === j ? ds[i] : 0))).toBeLessThan(1e-12);
      }
    }
    // the kernel's singular values are |s| (numerics' SVD of the product)
    const sv = Array.from(singularValues({ data: w1.data, rows: nIn, cols: nOut }));
    const abs = Array.from(layer.singularValues(), Math.abs).sort((a, b) => b - a);
    expect(maxAbs(sv, abs)).toBeLessThan(1e-12);
    tf.dispose(grads);
    layer.dispose();
  });
});
