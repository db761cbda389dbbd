import { EigenvalueDecomposition } from "ml-matrix";
import { describe, expect, it } from "vitest";
import {
  createRng,
  fromRowMajor,
  gaussianMatrix,
  gramEigenvalues,
  haarOrthogonal,
  InvalidInputError,
  logDetSpd,
  Matrix,
  matmulRowMajor,
  singularValues,
  symmetricEigenvalues,
  toRowMajor,
} from "../src/index";

const rm = (rows: number, cols: number, values: number[]) => ({
  data: Float64Array.from(values),
  rows,
  cols,
});

describe("symmetricEigenvalues", () => {
  it("closed form: [[2,1],[1,2]] → 1, 3; tridiagonal(−1, 2, −1) of size n → 2 − 2cos(kπ/(n+1)) (1e-14)", () => {
    const e = symmetricEigenvalues(rm(2, 2, [2, 1, 1, 2]));
    expect(Math.abs(e[0] - 1)).toBeLessThan(1e-15);
    expect(Math.abs(e[1] - 3)).toBeLessThan(1e-15);
    const n = 12;
    const a = Matrix.zeros(n, n);
    for (let i = 0; i < n; i++) {
      a.set(i, i, 2);
      if (i > 0) {
        a.set(i, i - 1, -1);
        a.set(i - 1, i, -1);
      }
    }
    const ev = symmetricEigenvalues(a);
    for (let k = 1; k <= n; k++)
      expect(Math.abs(ev[k - 1] - (2 - 2 * Math.cos((k * Math.PI) / (n + 1))))).toBeLessThan(1e-14);
  });
  it("agrees with ml-matrix's independent EVD (1e-12·‖A‖) and with trace / Frobenius identities", () => {
    const n = 40;
    const rng = createRng(21);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        const v = rng.normal();
        a[i * n + j] = v;
        a[j * n + i] = v;
      }
    }
    const ours = symmetricEigenvalues({ data: a, rows: n, cols: n });
    const ref = new EigenvalueDecomposition(fromRowMajor(a, n, n), {
      assumeSymmetric: true,
    }).realEigenvalues.sort((x, y) => x - y);
    const norm = Math.max(...ref.map(Math.abs));
    for (let i = 0; i < n; i++) expect(Math.abs(ours[i] - ref[i])).toBeLessThan(1e-12 * norm);
    let trace = 0;
    let frob = 0;
    for (let i = 0; i < n; i++) trace += a[i * n + i];
    for (const v of a) frob += v * v;
    expect(Math.abs(ours.reduce((s, v) => s + v, 0) - trace)).toBeLessThan(1e-12 * n * norm);
    expect(Math.abs(ours.reduce((s, v) => s + v * v, 0) / frob - 1)).toBeLessThan(1e-13);
  });

  it("edge cases: 0×0, 1×1, identity (repeated eigenvalue), badly scaled diagonal", () => {
    expect(symmetricEigenvalues(rm(0, 0, [])).length).toBe(0);
    expect(Array.from(symmetricEigenvalues(rm(1, 1, [-2.5])))).toEqual([-2.5]);
    expect(Array.from(symmetricEigenvalues(Matrix.eye(5)))).toEqual([1, 1, 1, 1, 1]);
    const diag = symmetricEigenvalues(rm(3, 3, [1e10, 0, 0, 0, 1e-10, 0, 0, 0, -3]));
    expect(Array.from(diag)).toEqual([-3, 1e-10, 1e10]);
  });

  it("rejects asymmetric, non-square and non-finite input naming the argument", () => {
    expect(() => symmetricEigenvalues(rm(2, 2, [1, 2, 3, 4]))).toThrow(/a must be symmetric/);
    expect(() => symmetricEigenvalues(rm(2, 3, [1, 2, 3, 4, 5, 6]))).toThrow(/a must be square \(got 2×3\)/);
    expect(() => symmetricEigenvalues(rm(1, 1, [Number.NaN]))).toThrow(/a\[0\]\[0\] is not finite/);
    expect(() => symmetricEigenvalues(rm(2, 2, [1, 2, 3]))).toThrow(/a\.data has length 3, expected/);
  });
});

describe("singularValues and gramEigenvalues", () => {
  it("singular values of diag-like and rank-one matrices (1e-14), descending, wide and tall", () => {
    const s = singularValues(rm(2, 3, [3, 0, 0, 0, -4, 0]));
    expect(Array.from(s).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([4, 3]);
    // u vᵀ with |u| = 5, |v| = 1: one singular value 5, the rest 0
    const r1 = singularValues(rm(3, 2, [3 * 0.6, 3 * 0.8, 4 * 0.6, 4 * 0.8, 0, 0]));
    expect(Math.abs(r1[0] - 5)).toBeLessThan(1e-14);
    expect(Math.abs(r1[1])).toBeLessThan(1e-14);
  });

  it("gramEigenvalues = squared singular values padded with zeros (1e-12 relative), length cols", () => {
    const rng = createRng(12);
    for (const [rows, cols] of [
      [7, 4],
      [4, 7],
      [5, 5],
    ]) {
      const w = toRowMajor(gaussianMatrix(rows, cols, rng));
      const g = gramEigenvalues(w);
      expect(g.length).toBe(cols);
      const s = singularValues(w);
      const sq = Array.from(s, (v) => v * v).sort((a, b) => a - b);
      const padded = [...new Array(cols - sq.length).fill(0), ...sq];
      for (let i = 0; i < cols; i++)
        expect(Math.abs(g[i] - padded[i])).toBeLessThan(1e-12 * Math.max(1, padded[i]));
      for (const v of g) expect(v).toBeGreaterThanOrEqual(0);
    }
  });

  it("Gaussian ensemble: mean eigenvalue of WᵀW ≈ α = rows/cols (entry variance 1/cols; 5 s.e.)", () => {
    const rows = 300;
    const cols = 200;
    const g = gramEigenvalues(toRowMajor(gaussianMatrix(rows, cols, createRng(13))));
    const mean = g.reduce((s, v) => s + v, 0) / cols;
    // mean = Σ W_ij²/cols, a mean of rows·cols χ² terms: s.e. = α·√(2/(rows·cols))
    expect(Math.abs(mean - rows / cols)).toBeLessThan(
      (5 * (rows / cols) * Math.sqrt(2)) / Math.sqrt(rows * cols),
    );
  });
});

describe("haarOrthogonal", () => {
  it("is orthogonal to 1e-12 and reproducible from the seed", () => {
    const q = haarOrthogonal(40, createRng(1));
    const qtq = q.transpose().mmul(q);
    let maxDev = 0;
    for (let i = 0; i < 40; i++)
      for (let j = 0; j < 40; j++) maxDev = Math.max(maxDev, Math.abs(qtq.get(i, j) - (i === j ? 1 : 0)));
    expect(maxDev).toBeLessThan(1e-12);
    expect(haarOrthogonal(40, createRng(1)).to1DArray()).toEqual(q.to1DArray());
  });

  it("has the Haar law: E Q₁₁ = 0, E Q₁₁² = 1/n, and E Q₁₁ (no sign bias from QR) — 5 s.e. over 3000 draws", () => {
    const n = 4;
    const reps = 3000;
    const rng = createRng(2);
    let m1 = 0;
    let m2 = 0;
    let diagSum = 0;
    for (let r = 0; r < reps; r++) {
      const q = haarOrthogonal(n, rng);
      m1 += q.get(0, 0);
      m2 += q.get(0, 0) ** 2;
      diagSum += q.get(1, 1);
    }
    m1 /= reps;
    m2 /= reps;
    diagSum /= reps;
    // Q₁₁ of a Haar O(n) matrix: E = 0, E Q² = 1/n, E Q⁴ = 3/(n(n+2)).
    const sd1 = Math.sqrt(1 / n / reps);
    const sd2 = Math.sqrt((3 / (n * (n + 2)) - 1 / n ** 2) / reps);
    expect(Math.abs(m1)).toBeLessThan(5 * sd1);
    expect(Math.abs(diagSum)).toBeLessThan(5 * sd1);
    expect(Math.abs(m2 - 1 / n)).toBeLessThan(5 * sd2);
  });

  it("rejects bad n", () => {
    expect(() => haarOrthogonal(0, createRng(1))).toThrow(/n must be an integer/);
    expect(() => haarOrthogonal(2.5, createRng(1))).toThrow(InvalidInputError);
  });
});

describe("gaussianMatrix", () => {
  it("entry variance 1/cols by default, or the given variance (5 s.e.)", () => {
    const m = gaussianMatrix(100, 50, createRng(3));
    const v = m.to1DArray().reduce((s, x) => s + x * x, 0) / 5000;
    expect(Math.abs(v - 1 / 50)).toBeLessThan((5 * (1 / 50) * Math.sqrt(2)) / Math.sqrt(5000));
    const m2 = gaussianMatrix(100, 50, createRng(3), 4);
    expect(Math.abs(m2.get(3, 7) / m.get(3, 7) - 2 * Math.sqrt(50))).toBeLessThan(1e-12);
  });
  it("rejects bad shapes, variance and rng", () => {
    expect(() => gaussianMatrix(0, 2, createRng(1))).toThrow(/rows must be an integer/);
    expect(() => gaussianMatrix(2, 2, createRng(1), -1)).toThrow(/variance must be/);
    expect(() => gaussianMatrix(2, 2, {} as never)).toThrow(/rng must be an Rng/);
  });
});

describe("row-major views, matmul, logDetSpd", () => {
  it("toRowMajor / fromRowMajor round-trip", () => {
    const m = new Matrix([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const r = toRowMajor(m);
    expect(Array.from(r.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect([r.rows, r.cols]).toEqual([2, 3]);
    expect(fromRowMajor(r.data, 2, 3).to2DArray()).toEqual(m.to2DArray());
    expect(() => fromRowMajor(new Float64Array(5), 2, 3)).toThrow(/length 5/);
  });

  it("matmulRowMajor equals ml-matrix mmul exactly on small integers, and reuses out", () => {
    const a = rm(2, 3, [1, 2, 3, 4, 5, 6]);
    const b = rm(3, 2, [7, 8, 9, 10, 11, 12]);
    const c = matmulRowMajor(a, b);
    expect(Array.from(c.data)).toEqual([58, 64, 139, 154]);
    const out = new Float64Array(4).fill(99);
    expect(matmulRowMajor(a, b, out).data).toBe(out);
    expect(Array.from(out)).toEqual([58, 64, 139, 154]);
    expect(() => matmulRowMajor(a, a)).toThrow(/shape mismatch, a is 2×3 and b is 2×3/);
  });

  it("logDetSpd: closed forms (1e-14) and a huge determinant without overflow", () => {
    expect(Math.abs(logDetSpd(rm(2, 2, [2, 1, 1, 2])) - Math.log(3))).toBeLessThan(1e-14);
    const n = 400;
    const big = Matrix.eye(n).mul(1e3);
    expect(Math.abs(logDetSpd(big) - n * Math.log(1e3))).toBeLessThan(1e-12 * n * Math.log(1e3));
    expect(() => logDetSpd(rm(2, 2, [1, 2, 2, 1]))).toThrow(/not positive definite/);
    expect(() => logDetSpd(rm(2, 2, [1, 2, 0, 1]))).toThrow(/must be symmetric/);
  });

  it("logDetSpd: accepts round-off asymmetry (a Gram matrix computed in floating point)", () => {
    // det [[2, 1+1e-15], [1, 2]] = 4 − (1+1e-15)·1 → log 3 to ~1e-15.
    expect(Math.abs(logDetSpd(rm(2, 2, [2, 1 + 1e-15, 1, 2])) - Math.log(3))).toBeLessThan(1e-14);
  });
});
