import { describe, expect, it } from "vitest";
import { BracketError, brentMinimize, brentRoot, ConvergenceError, InvalidInputError } from "../src/index";

describe("brentRoot", () => {
  it("finds known roots to xtol (2e-12 default)", () => {
    expect(Math.abs(brentRoot((x) => x * x - 2, 0, 2).x - Math.SQRT2)).toBeLessThan(2e-12);
    expect(Math.abs(brentRoot(Math.cos, 0, 3).x - Math.PI / 2)).toBeLessThan(2e-12);
    // Wilkinson-like polynomial with a root at 3 in [2.5, 3.5]
    expect(Math.abs(brentRoot((x) => (x - 1) * (x - 2) * (x - 3) * (x - 4), 2.5, 3.5).x - 3)).toBeLessThan(
      2e-12,
    );
    // Kepler's equation E − 0.9 sin E = 1 (root 1.8624...; checked by substitution to 1e-14)
    const kepler = (e: number) => e - 0.9 * Math.sin(e) - 1;
    const r = brentRoot(kepler, 0, Math.PI, { xtol: 1e-15 });
    expect(Math.abs(kepler(r.x))).toBeLessThan(1e-14);
  });

  it("is fast on smooth functions and robust on a flat one", () => {
    expect(brentRoot((x) => Math.exp(x) - 10, 0, 5).iterations).toBeLessThan(15);
    // x^9 is very flat near 0: interpolation stalls, the bisection safeguard still brackets the root
    // to xtol (it needs more than the default 100 iterations, as SciPy's brentq does)
    const r = brentRoot((x) => x ** 9, -1, 3, { xtol: 1e-12, maxIter: 1000 });
    expect(Math.abs(r.x)).toBeLessThan(1e-12);
  });

  it("returns an endpoint root exactly", () => {
    expect(brentRoot((x) => x - 1, 1, 2)).toEqual({ x: 1, fx: 0, iterations: 0 });
  });

  it("same-sign bracket → BracketError naming function and bracket", () => {
    expect(() => brentRoot((x) => x * x + 1, 0, 0.9, { name: "theta-equation" })).toThrow(
      /^brentRoot\(theta-equation\): f\(a\) and f\(b\) have the same sign on \[0, 0\.9\]/,
    );
    expect(() => brentRoot((x) => x * x + 1, 0, 0.9)).toThrow(BracketError);
  });

  it("bad input: NaN bracket, a ≥ b, NaN f, bad options", () => {
    expect(() => brentRoot((x) => x, Number.NaN, 1)).toThrow(/bracket \[NaN, 1\] must have finite ends/);
    expect(() => brentRoot((x) => x, 2, 1)).toThrow(/must have a < b/);
    expect(() => brentRoot(() => Number.NaN, 0, 1)).toThrow(/f\(0\) is NaN/);
    expect(() => brentRoot((x) => x, -1, 1, { maxIter: 0 })).toThrow(/maxIter/);
    expect(() => brentRoot((x) => x, -1, 1, { xtol: -1 })).toThrow(/xtol/);
    expect(() => brentRoot((x) => x, -1, 1, { rtol: 0 })).toThrow(InvalidInputError);
  });

  it("iteration cap → ConvergenceError naming the bracket", () => {
    expect(() => brentRoot((x) => Math.exp(x) - 10, 0, 5, { maxIter: 2, name: "g" })).toThrow(
      ConvergenceError,
    );
    expect(() => brentRoot((x) => Math.exp(x) - 10, 0, 5, { maxIter: 2, name: "g" })).toThrow(
      /^brentRoot\(g\): no convergence in 2 iterations on \[0, 5\]/,
    );
  });
});

describe("brentMinimize", () => {
  it("finds known minima to √ε·|x| + xtol", () => {
    const tol = (x: number) => 2 * (Math.sqrt(2.2e-16) * Math.abs(x) + 1e-10);
    let r = brentMinimize((x) => (x - 1.3) ** 2 + 4, 0, 3);
    expect(Math.abs(r.x - 1.3)).toBeLessThan(tol(1.3));
    expect(r.fx).toBe((r.x - 1.3) ** 2 + 4);
    r = brentMinimize(Math.cos, 2, 5); // minimum at π
    expect(Math.abs(r.x - Math.PI)).toBeLessThan(tol(Math.PI));
    // x log x on (0, 1): minimum at 1/e
    r = brentMinimize((x) => x * Math.log(x), 0.01, 1);
    expect(Math.abs(r.x - 1 / Math.E)).toBeLessThan(tol(1 / Math.E));
  });

  it("a monotone function is minimised at the bracket end (within tolerance)", () => {
    const r = brentMinimize((x) => x, 0, 1);
    expect(r.x).toBeLessThan(1e-7);
  });

  it("bad input and iteration cap", () => {
    expect(() => brentMinimize((x) => x, 1, 1)).toThrow(/a < b/);
    expect(() => brentMinimize((x) => x, Number.NaN, 1, { name: "phi" })).toThrow(
      /^brentMinimize\(phi\): bracket/,
    );
    expect(() => brentMinimize(() => Number.NaN, 0, 1)).toThrow(/is NaN/);
    expect(() => brentMinimize(Math.cos, 2, 5, { maxIter: 3, name: "phi" })).toThrow(
      /^brentMinimize\(phi\): no convergence in 3 evaluations on \[2, 5\]/,
    );
  });
});
