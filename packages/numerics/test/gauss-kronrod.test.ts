import { describe, expect, it } from "vitest";
import {
  ConvergenceError,
  erfc,
  gaussianExpectation,
  gaussianExpectation2D,
  gaussKronrod,
  gaussKronrodVector,
  InvalidInputError,
  normalPdf,
} from "../src/index";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("gaussKronrod on finite intervals", () => {
  it("a single K15 panel is exact for polynomials of degree ≤ 22 (1e-15 relative)", () => {
    // ∫_0^2 x^22 dx = 2^23/23
    // (the G7 error estimate is pessimistic for x^22, so the cap of 1 panel is reported as not converged)
    const r = gaussKronrod((x) => x ** 22, 0, 2, { maxSubdivisions: 1, throwOnFailure: false });
    expect(rel(r.value, 2 ** 23 / 23)).toBeLessThan(1e-15);
    expect(r.subdivisions).toBe(1);
    expect(r.evaluations).toBe(15);
  });

  it("closed forms to the requested 1e-12, with an honest error estimate", () => {
    const cases: Array<[(x: number) => number, number, number, number]> = [
      [Math.sin, 0, Math.PI, 2],
      [(x) => 1 / (1 + x * x), -1, 1, Math.PI / 2],
      [Math.sqrt, 0, 1, 2 / 3], // endpoint singularity of the derivative
      [(x) => Math.log(x), 0, 1, -1], // integrable log singularity
      [
        (x) => Math.exp(-x) * Math.cos(10 * x),
        0,
        5,
        (1 - Math.exp(-5) * (Math.cos(50) - 10 * Math.sin(50))) / 101,
      ],
    ];
    for (const [f, a, b, exact] of cases) {
      const r = gaussKronrod(f, a, b, { epsRel: 1e-12, epsAbs: 0 });
      expect(r.converged).toBe(true);
      expect(Math.abs(r.value - exact)).toBeLessThanOrEqual(Math.max(r.error, 1e-12 * Math.abs(exact)));
      expect(rel(r.value, exact)).toBeLessThan(1e-12);
    }
  });

  it("a > b gives −∫_b^a and a = b gives 0", () => {
    expect(rel(gaussKronrod(Math.exp, 1, 0).value, -(Math.E - 1))).toBeLessThan(1e-14);
    expect(gaussKronrod(Math.exp, 2, 2).value).toBe(0);
  });

  it("breakpoints at kinks cut the work and keep the accuracy", () => {
    const f = (x: number) => Math.abs(x - 0.3);
    const exact = (0.3 * 0.3 + 0.7 * 0.7) / 2;
    const plain = gaussKronrod(f, 0, 1, { epsRel: 1e-13 });
    const split = gaussKronrod(f, 0, 1, { epsRel: 1e-13, breakpoints: [0.3] });
    expect(rel(split.value, exact)).toBeLessThan(1e-14);
    expect(rel(plain.value, exact)).toBeLessThan(1e-12);
    expect(split.subdivisions).toBe(2);
    expect(split.evaluations).toBeLessThan(plain.evaluations);
  });

  it("accepts unsorted and repeated breakpoints, and the ends themselves", () => {
    const f = (x: number) => Math.abs(x - 0.2) + Math.abs(x - 0.5);
    // ∫_0^1 |x − 0.2| + |x − 0.5| dx = (0.04 + 0.64)/2 + (0.25 + 0.25)/2
    const r = gaussKronrod(f, 0, 1, { breakpoints: [0.5, 0.2, 1, 0.5, 0], epsRel: 1e-13 });
    expect(r.subdivisions).toBe(3);
    expect(rel(r.value, 0.34 + 0.25)).toBeLessThan(1e-14);
  });

  it("is re-entrant: nested calls (as in 2-D integrals) give the right answer", () => {
    // ∫_0^1 ∫_0^1 (x + y) dy dx = 1, with an inner integrand that needs subdivisions
    const v = gaussKronrod(
      (x) => gaussKronrod((y) => x + y + Math.sqrt(y), 0, 1, { epsRel: 1e-13 }).value - 2 / 3,
      0,
      1,
      { epsRel: 1e-12 },
    ).value;
    expect(Math.abs(v - 1)).toBeLessThan(1e-12);
  });
});

describe("gaussKronrod on infinite intervals", () => {
  it("∫_{−∞}^{∞} φ = 1, ∫_0^∞ e^{−x} = 1, ∫_{−∞}^0 e^{x} = 1, ∫_1^∞ x^{−2} = 1 (1e-12)", () => {
    const opts = { epsRel: 1e-12 };
    expect(
      Math.abs(gaussKronrod(normalPdf, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, opts).value - 1),
    ).toBeLessThan(1e-12);
    expect(
      Math.abs(gaussKronrod((x) => Math.exp(-x), 0, Number.POSITIVE_INFINITY, opts).value - 1),
    ).toBeLessThan(1e-12);
    expect(Math.abs(gaussKronrod(Math.exp, Number.NEGATIVE_INFINITY, 0, opts).value - 1)).toBeLessThan(1e-12);
    expect(
      Math.abs(gaussKronrod((x) => 1 / (x * x), 1, Number.POSITIVE_INFINITY, opts).value - 1),
    ).toBeLessThan(1e-12);
  });

  it("breakpoints on an infinite interval: ∫ |x| φ(x) dx = √(2/π) (1e-12)", () => {
    const r = gaussKronrod(
      (x) => Math.abs(x) * normalPdf(x),
      Number.NEGATIVE_INFINITY,
      Number.POSITIVE_INFINITY,
      {
        breakpoints: [0],
        epsRel: 1e-12,
      },
    );
    expect(rel(r.value, Math.sqrt(2 / Math.PI))).toBeLessThan(1e-12);
  });
});

describe("Gauss–Hermite and Gauss–Kronrod agree on smooth integrands to 1e-12", () => {
  const fs: Array<[string, (z: number) => number]> = [
    ["cos(z)", Math.cos],
    ["z² e^{z/2}", (z) => z * z * Math.exp(z / 2)],
    ["log2cosh-like log(1+e^z)", (z) => Math.log1p(Math.exp(z))],
    ["e^{sin z}", (z) => Math.exp(Math.sin(z))],
    ["tanh(z+0.3)²", (z) => Math.tanh(z + 0.3) ** 2],
  ];
  for (const [name, f] of fs) {
    it(name, () => {
      const gh = gaussianExpectation(f, { order: 200 });
      const gk = gaussianExpectation(f, { adaptive: { epsRel: 1e-13, epsAbs: 1e-15 } });
      expect(Math.abs(gh - gk) / Math.max(1, Math.abs(gk))).toBeLessThan(1e-12);
    });
  }
});

describe("gaussianExpectation closed forms", () => {
  it("∫Dz e^{az} = e^{a²/2} adaptively, also for a = 8 (mass far from 0) to 1e-12", () => {
    for (const a of [-8, -1, 2, 8]) {
      const v = gaussianExpectation((z) => Math.exp(a * z), { adaptive: { epsRel: 1e-13 } });
      expect(rel(v, Math.exp((a * a) / 2))).toBeLessThan(1e-12);
    }
  });
  it("E max(z, 0) = 1/√(2π) adaptively (kink at 0) to 1e-12", () => {
    const v = gaussianExpectation((z) => Math.max(z, 0), { adaptive: { epsRel: 1e-13 } });
    expect(rel(v, 1 / Math.sqrt(2 * Math.PI))).toBeLessThan(1e-12);
  });
  it("a function overflowing where φ underflows is fine (E cosh(z) = e^{1/2})", () => {
    expect(rel(gaussianExpectation(Math.cosh, { adaptive: {} }), Math.exp(0.5))).toBeLessThan(1e-10);
  });
});

describe("gaussianExpectation2D", () => {
  it("E cos(z₁ + z₂) = e^{−1} (GH 1e-15, adaptive 1e-9)", () => {
    expect(Math.abs(gaussianExpectation2D((a, b) => Math.cos(a + b)) - Math.exp(-1))).toBeLessThan(1e-15);
    const ad = gaussianExpectation2D((a, b) => Math.cos(a + b), { adaptive: { epsRel: 1e-10 } });
    expect(rel(ad, Math.exp(-1))).toBeLessThan(1e-9);
  });
  it("E z₁² z₂⁴ = 3 and E e^{z₁ − 2z₂} = e^{5/2} (GH order 40, 1e-13)", () => {
    expect(
      rel(
        gaussianExpectation2D((a, b) => a * a * b ** 4),
        3,
      ),
    ).toBeLessThan(1e-13);
    expect(
      rel(
        gaussianExpectation2D((a, b) => Math.exp(a - 2 * b)),
        Math.exp(2.5),
      ),
    ).toBeLessThan(1e-13);
  });
  it("adaptive: E|z₁z₂| = 2/π (kinks on the axes), E e^{z₁z₂/2} = 1/√(3/4), E cos(z₁+z₂) = e^{−1} to 1e-12", () => {
    // epsRel 1e-11: the inner integrals of cos(z₁ + z₂) hit the round-off floor near zeros of cos z₁ and
    // are accepted at the outer tolerance (see gaussian-expectation-2d.ts).
    const opts = { adaptive: { epsRel: 1e-11 } };
    expect(
      rel(
        gaussianExpectation2D((a, b) => Math.abs(a * b), opts),
        2 / Math.PI,
      ),
    ).toBeLessThan(1e-12);
    expect(
      rel(
        gaussianExpectation2D((a, b) => Math.exp(0.5 * a * b), opts),
        1 / Math.sqrt(0.75),
      ),
    ).toBeLessThan(1e-12);
    expect(
      rel(
        gaussianExpectation2D((a, b) => Math.cos(a + b), opts),
        Math.exp(-1),
      ),
    ).toBeLessThan(1e-12);
  });

  it("tail mass is not missed: E max(z − 6, 0) = φ(6) − 6Φ(−6) ≈ 1.56e−10 (adaptive, 1e-10 relative)", () => {
    // With only the map x = (1 − t)/t the first 15 nodes miss this mass entirely; the default splits at
    // ±3, ±6 make it visible (gaussian-expectation.ts).
    const exact = normalPdf(6) - 6 * 0.5 * erfc(6 / Math.SQRT2);
    const v = gaussianExpectation((z) => Math.max(z - 6, 0), { adaptive: { epsRel: 1e-12, epsAbs: 1e-25 } });
    expect(rel(v, exact)).toBeLessThan(1e-10);
  });
});

describe("gaussKronrodVector", () => {
  it("integrates several closed forms in one pass to 1e-12", () => {
    const r = gaussKronrodVector(
      (x, out) => {
        out[0] = Math.sin(x);
        out[1] = Math.sqrt(x);
        out[2] = x ** 5;
      },
      3,
      0,
      Math.PI,
      { epsRel: 1e-13 },
    );
    expect(rel(r.value[0], 2)).toBeLessThan(1e-12);
    expect(rel(r.value[1], (2 / 3) * Math.PI ** 1.5)).toBeLessThan(1e-12);
    expect(rel(r.value[2], Math.PI ** 6 / 6)).toBeLessThan(1e-12);
    expect(r.converged).toBe(true);
    expect(r.error.length).toBe(3);
  });

  it("agrees with scalar gaussKronrod component by component on an infinite interval (1e-12)", () => {
    const f0 = (x: number) => normalPdf(x) * Math.cos(x);
    const f1 = (x: number) => normalPdf(x) * Math.max(x, 0);
    const r = gaussKronrodVector(
      (x, out) => {
        out[0] = f0(x);
        out[1] = f1(x);
      },
      2,
      Number.NEGATIVE_INFINITY,
      Number.POSITIVE_INFINITY,
      { epsRel: 1e-13, epsAbs: [1e-15, 1e-15], breakpoints: [0] },
    );
    expect(rel(r.value[0], Math.exp(-0.5))).toBeLessThan(1e-12);
    expect(rel(r.value[1], 1 / Math.sqrt(2 * Math.PI))).toBeLessThan(1e-12);
    const s = gaussKronrod(f1, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, {
      epsRel: 1e-13,
      breakpoints: [0],
    });
    expect(rel(r.value[1], s.value)).toBeLessThan(1e-12);
  });

  it("writes into valueOut / errorOut when given (no allocation of results)", () => {
    const valueOut = new Float64Array(2).fill(7);
    const errorOut = new Float64Array(2);
    const r = gaussKronrodVector(
      (x, o) => {
        o[0] = x;
        o[1] = 2;
      },
      2,
      0,
      3,
      { valueOut, errorOut },
    );
    expect(r.value).toBe(valueOut);
    expect(r.error).toBe(errorOut);
    expect(Math.abs(valueOut[0] - 4.5)).toBeLessThan(1e-14);
    expect(Math.abs(valueOut[1] - 6)).toBeLessThan(1e-14);
    expect(() => gaussKronrodVector((_x, o) => o.fill(0), 3, 0, 1, { valueOut })).toThrow(/valueOut must be/);
  });

  it("a > b flips the sign; alternating dims at one depth stay correct", () => {
    const a = gaussKronrodVector(
      (x, o) => {
        o[0] = x;
      },
      1,
      1,
      0,
    );
    expect(Math.abs(a.value[0] + 0.5)).toBeLessThan(1e-15);
    const b = gaussKronrodVector(
      (x, o) => {
        o[0] = 1;
        o[1] = x;
        o[2] = x * x;
        o[3] = x * x * x;
      },
      4,
      0,
      1,
    );
    for (let k = 0; k < 4; k++) expect(Math.abs(b.value[k] - 1 / (k + 1))).toBeLessThan(1e-15);
  });
});

describe("errors", () => {
  it("subdivision cap → ConvergenceError naming the routine, integrand and interval", () => {
    const f = (x: number) => 1 / Math.sqrt(Math.abs(x - 0.3));
    expect(() => gaussKronrod(f, 0, 1, { maxSubdivisions: 5, name: "psi" })).toThrow(ConvergenceError);
    expect(() => gaussKronrod(f, 0, 1, { maxSubdivisions: 5, name: "psi" })).toThrow(
      /^gaussKronrod\(psi\): tolerance not met on \[0, 1\] after 5 subintervals/,
    );
    const r = gaussKronrod(f, 0, 1, { maxSubdivisions: 5, throwOnFailure: false });
    expect(r.converged).toBe(false);
    expect(r.subdivisions).toBe(5);
    expect(() =>
      gaussKronrodVector(
        (x, o) => {
          o[0] = f(x);
        },
        1,
        0,
        1,
        { maxSubdivisions: 5 },
      ),
    ).toThrow(/gaussKronrodVector: tolerance not met/);
  });

  it("bad arguments name the argument", () => {
    expect(() => gaussKronrod(Math.sin, Number.NaN, 1)).toThrow(/a must be a number, not NaN/);
    expect(() => gaussKronrod(Math.sin, 0, Number.NaN)).toThrow(/b must be/);
    expect(() => gaussKronrod(Math.sin, 0, 1, { epsRel: -1 })).toThrow(/epsRel/);
    expect(() => gaussKronrod(Math.sin, 0, 1, { epsAbs: Number.NaN })).toThrow(/epsAbs/);
    expect(() => gaussKronrod(Math.sin, 0, 1, { epsAbs: 0, epsRel: 0 })).toThrow(/epsRel must be ≥/);
    expect(() => gaussKronrod(Math.sin, 0, 1, { maxSubdivisions: 0 })).toThrow(/maxSubdivisions/);
    expect(() => gaussKronrod(Math.sin, 0, 1, { breakpoints: [2] })).toThrow(/breakpoints\[0\] = 2/);
    expect(() => gaussKronrod(Math.sin, 0, 1, { breakpoints: [Number.NaN] })).toThrow(InvalidInputError);
    expect(() => gaussKronrod(null as unknown as (x: number) => number, 0, 1)).toThrow(
      /f must be a function/,
    );
    expect(() => gaussKronrodVector((_x, o) => o.fill(0), 0, 0, 1)).toThrow(/dim must be/);
    expect(() => gaussKronrodVector((_x, o) => o.fill(0), 2, 0, 1, { epsAbs: [1e-10] })).toThrow(/epsAbs/);
  });

  it("a non-finite integrand value is reported with its x", () => {
    expect(() => gaussKronrod((x) => (x > 0.5 ? Number.NaN : 1), 0, 1)).toThrow(
      /integrand is not finite \(NaN\) at x = /,
    );
    expect(() =>
      gaussKronrodVector(
        (x, o) => {
          o[0] = 1;
          o[1] = 1 / (x - x);
        },
        2,
        0,
        1,
      ),
    ).toThrow(/component 1 is not finite/);
  });
});
