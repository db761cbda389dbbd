import { describe, expect, it } from "vitest";
import {
  digamma,
  erf,
  erfc,
  erfcx,
  expm1,
  InvalidInputError,
  log1p,
  log2cosh,
  logErfc,
  logErfcx,
  logGamma,
  logistic,
  logSumExp,
  normalCdf,
  normalLogCdf,
  normalPdf,
  normalQuantile,
  StreamingLogSumExp,
  softplus,
} from "../src/index";
import fixture from "./fixtures/special-mpmath.json";

/** |actual − expected| ≤ tol·max(1, |expected|) (relative for large values, absolute near 0). */
function expectClose(actual: number, expected: number, tol: number): void {
  const scale = Math.max(1, Math.abs(expected));
  expect(Math.abs(actual - expected) / scale, `actual ${actual}, expected ${expected}`).toBeLessThanOrEqual(
    tol,
  );
}
function expectRel(actual: number, expected: number, tol: number): void {
  expect(
    Math.abs(actual - expected) / Math.abs(expected),
    `actual ${actual}, expected ${expected}`,
  ).toBeLessThanOrEqual(tol);
}

const EULER_GAMMA = 0.5772156649015329;

describe("logErfc", () => {
  // Asymptotic series erfc(x) ~ e^{−x²}/(x√π) Σ_n (−1)^n (2n−1)!!/(2x²)^n (DLMF 7.12.1); at x = 30 the
  // terms fall by ≥ 1/1800 each, so 12 terms are exact to far below double precision.
  function logErfcAsymptotic(x: number): number {
    let term = 1;
    let sum = 1;
    for (let n = 1; n < 12; n++) {
      term *= -(2 * n - 1) / (2 * x * x);
      sum += term;
    }
    return -x * x - Math.log(x * Math.sqrt(Math.PI)) + Math.log(sum);
  }

  it("matches the asymptotic series at x = 30 to 1e-15 relative", () => {
    expectRel(logErfc(30), logErfcAsymptotic(30), 1e-15);
  });

  it("at x = −30 equals log(2 − erfc(30)) = log 2 to 1e-16 (no cancellation)", () => {
    // erfc(−30) = 2 − erfc(30), erfc(30) ≈ 2.6e−393, so log erfc(−30) = log 2 in double precision.
    expectRel(logErfc(-30), Math.LN2, 1e-16);
  });

  it("is finite and correct at ±40 (no underflow at +40)", () => {
    expect(Number.isFinite(logErfc(40))).toBe(true);
    expectRel(logErfc(40), logErfcAsymptotic(40), 1e-15);
    expectRel(logErfc(-40), Math.LN2, 1e-16);
  });

  it("matches mpmath (50 digits) from −40 to 100 to 2e-15 relative", () => {
    for (const row of fixture.scalar) expectClose(logErfc(row.x), Number(row.logErfc), 2e-15);
  });

  it("is continuous across the branch points x = ±0.5 (to 1e-15)", () => {
    for (const x0 of [0.5, -0.5]) {
      const h = 1e-12;
      // d/dx log erfc(x) = −2e^{−x²}/(√π erfc(x)); the second-order term is ~1e−24.
      const slope = (-2 * Math.exp(-x0 * x0)) / (Math.sqrt(Math.PI) * erfc(x0));
      expect(Math.abs(logErfc(x0 + h) - logErfc(x0) - slope * h)).toBeLessThan(1e-15);
      expect(Math.abs(logErfc(x0) - logErfc(x0 - h) - slope * h)).toBeLessThan(1e-15);
    }
  });

  it("keeps relative accuracy near 0 (log erfc(x) ≈ −2x/√π − x²·2/π, 1e-15)", () => {
    // Maclaurin series of log erfc: −(2/√π)x − (2/π)x² + O(x³); at x = 1e−9 the cubic term is ~1e−27.
    const x = 1e-9;
    expectRel(logErfc(x), (-2 / Math.sqrt(Math.PI)) * x - (2 / Math.PI) * x * x, 1e-15);
    expectRel(logErfc(-x), (2 / Math.sqrt(Math.PI)) * x - (2 / Math.PI) * x * x, 1e-15);
  });

  it("handles infinities", () => {
    expect(logErfc(Number.POSITIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
    expect(logErfc(Number.NEGATIVE_INFINITY)).toBe(Math.LN2);
    expect(Number.isNaN(logErfc(Number.NaN))).toBe(true);
  });
});

describe("logErfcx, erfcx, normalLogCdf, log2cosh, softplus, logistic against mpmath (50 digits)", () => {
  it("logErfcx to 2e-15 relative, no overflow at −40", () => {
    for (const row of fixture.scalar) expectClose(logErfcx(row.x), Number(row.logErfcx), 2e-15);
  });
  it("erfcx to 1e-14 relative where it is finite", () => {
    for (const row of fixture.scalar) {
      const e = Number(row.erfcx);
      if (Number.isFinite(e)) expectRel(erfcx(row.x), e, 1e-14);
      else expect(erfcx(row.x)).toBe(Number.POSITIVE_INFINITY);
    }
  });
  it("normalLogCdf to 2e-15·(1 + x²) relative in both tails (log Φ(10) ≈ −7.6e−24 is not rounded to 0)", () => {
    // The rounding of x/√2 (relative ε) is amplified by the condition number ≈ x² of Φ(−x) in the right tail.
    for (const row of fixture.scalar) {
      const e = Number(row.normalLogCdf);
      if (e === 0)
        expect(Math.abs(normalLogCdf(row.x))).toBe(0); // Φ(−x) below the smallest subnormal
      else expectRel(normalLogCdf(row.x), e, 2e-15 * (1 + row.x * row.x));
    }
  });
  it("log2cosh to 1e-15, softplus and logistic to 1e-14 relative", () => {
    for (const row of fixture.scalar) {
      expectClose(log2cosh(row.x), Number(row.log2cosh), 1e-15);
      expectRel(softplus(row.x), Number(row.softplus), 1e-14);
      expectRel(logistic(row.x), Number(row.logistic), 1e-14);
    }
    expect(log2cosh(1000)).toBe(1000);
    expect(softplus(1000)).toBe(1000);
    expect(logistic(-1000)).toBe(0);
  });
});

describe("erf, erfc, log1p, expm1 (stdlib wrappers)", () => {
  it("satisfy closed forms and identities", () => {
    expect(erf(0)).toBe(0);
    expectRel(erf(1) + erfc(1), 1, 1e-16);
    expectRel(erf(-0.3), -erf(0.3), 1e-16);
    // erf(1) = 0.8427007929497148693… (Abramowitz & Stegun Table 7.1)
    expectRel(erf(1), 0.8427007929497149, 1e-15);
    expectRel(erfc(-2), 2 - erfc(2), 1e-16);
    expectRel(log1p(1e-20), 1e-20, 1e-16);
    expectRel(expm1(1e-20), 1e-20, 1e-16);
    expectRel(log1p(Math.E - 1), 1, 1e-16);
    expectRel(expm1(1), Math.E - 1, 1e-15);
  });
});

describe("digamma and logGamma", () => {
  it("digamma(1) = −γ and digamma(1/2) = −γ − 2 ln 2 to 1e-14", () => {
    expectRel(digamma(1), -EULER_GAMMA, 1e-14);
    expectRel(digamma(0.5), -EULER_GAMMA - 2 * Math.LN2, 1e-14);
  });
  it("recurrence ψ(x + 1) = ψ(x) + 1/x to 1e-14", () => {
    for (const x of [0.1, 0.7, 2.5, 13]) expectClose(digamma(x + 1), digamma(x) + 1 / x, 1e-14);
  });
  it("logGamma: Γ(n) = (n−1)!, Γ(1/2) = √π, to 1e-14", () => {
    expectClose(logGamma(1), 0, 1e-16);
    expectClose(logGamma(2), 0, 1e-16);
    expectRel(logGamma(10), Math.log(362880), 1e-14);
    expectRel(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14);
  });
  it("match mpmath to 1e-14 relative", () => {
    for (const row of fixture.gamma) {
      expectClose(digamma(row.x), Number(row.digamma), 1e-14);
      expectClose(logGamma(row.x), Number(row.logGamma), 1e-14);
    }
  });
});

describe("normal pdf, cdf, quantile", () => {
  it("closed forms to 1e-15", () => {
    expectRel(normalPdf(0), 1 / Math.sqrt(2 * Math.PI), 1e-16);
    expectRel(normalPdf(2), Math.exp(-2) / Math.sqrt(2 * Math.PI), 1e-15);
    expect(normalCdf(0)).toBe(0.5);
    // Φ(1.959963984540054) = 0.975 (the two-sided 5% point)
    expectRel(normalCdf(1.959963984540054), 0.975, 1e-15);
    expectRel(normalQuantile(0.975), 1.959963984540054, 1e-14);
    expect(normalQuantile(0.5) === 0).toBe(true);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
  });
  it("quantile inverts cdf in the far tail to 1e-13 relative", () => {
    // Only where p = Φ(x) is not rounded towards 1 (the right tail is ill-conditioned through p itself).
    for (const x of [-30, -8, -1, -0.3, 0.3]) expectRel(normalQuantile(normalCdf(x)), x, 1e-13);
  });
  it("quantile rejects p outside [0, 1] naming p", () => {
    expect(() => normalQuantile(1.5)).toThrow(InvalidInputError);
    expect(() => normalQuantile(Number.NaN)).toThrow(/p must be a probability/);
  });
});

describe("logSumExp", () => {
  it("equals log Σ exp directly for moderate values (1e-15) and shifts huge ones", () => {
    const v = [0.1, -2, 3.5, 1];
    expectRel(logSumExp(v), Math.log(v.reduce((s, x) => s + Math.exp(x), 0)), 1e-15);
    expectRel(logSumExp([1000, 1000]), 1000 + Math.LN2, 1e-16);
    expectRel(logSumExp([-1000, -1000, -1000]), -1000 + Math.log(3), 1e-16);
  });
  it("honours [start, end) and edge cases", () => {
    const v = new Float64Array([50, 1, 2, 50]);
    expectRel(logSumExp(v, 1, 3), Math.log(Math.exp(1) + Math.exp(2)), 1e-15);
    expect(logSumExp([])).toBe(Number.NEGATIVE_INFINITY);
    expect(logSumExp([Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY])).toBe(Number.NEGATIVE_INFINITY);
    expect(logSumExp([1, Number.POSITIVE_INFINITY])).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isNaN(logSumExp([1, Number.NaN]))).toBe(true);
  });
  it("rejects a bad range naming it", () => {
    expect(() => logSumExp([1, 2], 0, 3)).toThrow(/range \[start, end\)/);
    expect(() => logSumExp([1, 2], 2, 1)).toThrow(InvalidInputError);
  });
});

describe("StreamingLogSumExp", () => {
  it("matches logSumExp on any order of values to 1e-15", () => {
    const v = [-3, 700, 2, 710, -1e5, 705.5, Number.NEGATIVE_INFINITY];
    const s = new StreamingLogSumExp();
    for (const x of v) s.add(x);
    expectRel(s.value(), logSumExp(v), 1e-15);
    s.reset();
    expect(s.value()).toBe(Number.NEGATIVE_INFINITY);
    s.addAll([...v].reverse());
    expectRel(s.value(), logSumExp(v), 1e-15);
  });
  it("propagates NaN and +Infinity", () => {
    const s = new StreamingLogSumExp();
    s.addAll([1, Number.POSITIVE_INFINITY, 2]);
    expect(s.value()).toBe(Number.POSITIVE_INFINITY);
    s.add(Number.NaN);
    expect(Number.isNaN(s.value())).toBe(true);
  });
});
