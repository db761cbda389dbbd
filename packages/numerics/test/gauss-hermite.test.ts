import { describe, expect, it } from "vitest";
import { gaussHermite, gaussianExpectation, InvalidInputError } from "../src/index";
import fixture from "./fixtures/gauss-hermite-mpmath.json";

/** (2k − 1)!! = E z^{2k}. */
function doubleFactorial(k: number): number {
  let p = 1;
  for (let j = 2 * k - 1; j > 1; j -= 2) p *= j;
  return p;
}

describe("gaussHermite", () => {
  it("order 1 and order 2 in closed form", () => {
    const r1 = gaussHermite(1);
    expect(Array.from(r1.nodes)).toEqual([0]);
    expect(Array.from(r1.weights)).toEqual([1]);
    // He_2 = x² − 1: nodes ±1, weights 1/2 each
    const r2 = gaussHermite(2);
    expect(Math.abs(r2.nodes[0] + 1)).toBeLessThan(1e-15);
    expect(Math.abs(r2.nodes[1] - 1)).toBeLessThan(1e-15);
    expect(Math.abs(r2.weights[0] - 0.5)).toBeLessThan(1e-15);
  });

  it("order 3 in closed form: He_3 = x³ − 3x, nodes 0, ±√3, weights 2/3, 1/6", () => {
    const r = gaussHermite(3);
    expect(Math.abs(r.nodes[2] - Math.sqrt(3))).toBeLessThan(1e-15);
    expect(r.nodes[1]).toBe(0);
    expect(Math.abs(r.weights[1] - 2 / 3)).toBeLessThan(1e-15);
    expect(Math.abs(r.weights[0] - 1 / 6)).toBeLessThan(1e-15);
  });

  for (const order of ["5", "20", "64", "200"] as const) {
    // Nodes to 1e-15·max(1, |x|); weights to 1e-14 of the largest weight (what matters in Σ w f) and to
    // 1e-12 relative even for the tail weights (down to 1e−160 at order 200).
    it(`order ${order} matches mpmath (50 digits): nodes 1e-15, weights 1e-14·max w and 1e-12 relative`, () => {
      const ref = (fixture.rules as Record<string, { nodes: string[]; weights: string[] }>)[order];
      const { nodes, weights } = gaussHermite(Number(order));
      expect(nodes.length).toBe(ref.nodes.length);
      const wmax = Math.max(...ref.weights.map(Number));
      for (let i = 0; i < nodes.length; i++) {
        const x = Number(ref.nodes[i]);
        const w = Number(ref.weights[i]);
        expect(Math.abs(nodes[i] - x), `node ${i}`).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(x)));
        expect(Math.abs(weights[i] - w), `weight ${i}`).toBeLessThanOrEqual(1e-14 * wmax);
        expect(Math.abs(weights[i] - w) / w, `weight ${i}`).toBeLessThanOrEqual(1e-12);
      }
    });
  }

  it("∫Dz z^{2k} = (2k−1)!! exactly for 2k ≤ 2n − 1 (1e-14 relative, n = 30, k ≤ 14)", () => {
    const n = 30;
    for (let k = 0; k <= 14; k++) {
      const v = gaussianExpectation((z) => z ** (2 * k), { order: n });
      expect(Math.abs(v / doubleFactorial(k) - 1), `k = ${k}`).toBeLessThan(1e-14 * Math.max(1, k));
    }
  });

  it("odd moments vanish by symmetry (to 1e-15; E z⁴ = 3 sets the scale)", () => {
    for (const n of [7, 40, 201]) {
      expect(Math.abs(gaussianExpectation((z) => z ** 3, { order: n }))).toBeLessThan(1e-15);
    }
  });

  it("∫Dz e^{az} = e^{a²/2} to 1e-14 relative (order 80, |a| ≤ 3)", () => {
    for (const a of [-3, -1, 0.5, 2, 3]) {
      const v = gaussianExpectation((z) => Math.exp(a * z));
      expect(Math.abs(v / Math.exp((a * a) / 2) - 1), `a = ${a}`).toBeLessThan(1e-14);
    }
  });

  it("∫Dz cos(bz) = e^{−b²/2} to 1e-15 (order 200)", () => {
    for (const b of [0.5, 1, 4]) {
      const v = gaussianExpectation((z) => Math.cos(b * z), { order: 200 });
      expect(Math.abs(v - Math.exp((-b * b) / 2))).toBeLessThan(1e-15);
    }
  });

  it("order 1000 (recurrence rescaling, tail weights underflow gracefully): E z² = 1, E cos z = e^{−1/2} to 1e-14", () => {
    const { nodes, weights } = gaussHermite(1000);
    expect(weights.every((w) => w >= 0 && Number.isFinite(w))).toBe(true);
    expect(Math.abs(gaussianExpectation((z) => z * z, { order: 1000 }) - 1)).toBeLessThan(1e-14);
    expect(Math.abs(gaussianExpectation(Math.cos, { order: 1000 }) - Math.exp(-0.5))).toBeLessThan(1e-14);
    // largest zero of H_n ≈ √(2n+1) − 1.85575·(2n+1)^{−1/6} (Airy asymptotics, DLMF 18.16.iv); He_n = √2 × that
    expect(Math.abs(nodes[999] - Math.SQRT2 * (Math.sqrt(2001) - 1.85575 * 2001 ** (-1 / 6)))).toBeLessThan(
      0.01,
    );
  });

  it("is cached per order (same object)", () => {
    expect(gaussHermite(33)).toBe(gaussHermite(33));
  });

  it("rejects a bad order naming it", () => {
    expect(() => gaussHermite(0)).toThrow(/order must be an integer/);
    expect(() => gaussHermite(-3)).toThrow(InvalidInputError);
    expect(() => gaussHermite(2.5)).toThrow(/order/);
    expect(() => gaussHermite(Number.NaN)).toThrow(/order/);
    expect(() => gaussianExpectation((z) => z, { order: 1001 })).toThrow(/order/);
    expect(() => gaussianExpectation(3 as unknown as (z: number) => number)).toThrow(/f must be a function/);
  });
});
