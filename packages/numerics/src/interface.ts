/**
 * Shared types of @infoflow/numerics (docs/contracts.md). This file imports nothing from the package.
 */

/** A quadrature rule: Σ weights[i]·f(nodes[i]) approximates an integral. */
export interface QuadratureRule {
  nodes: Float64Array;
  weights: Float64Array;
}

/** Result of an adaptive integration. */
export interface QuadResult {
  /** Estimate of the integral. */
  value: number;
  /** Estimate of |value − integral| (QUADPACK's G7–K15 error estimate, summed over subintervals). */
  error: number;
  /** Number of integrand evaluations. */
  evaluations: number;
  /** Number of subintervals in the final partition. */
  subdivisions: number;
  /** False only when `throwOnFailure: false` and the tolerance was not met. */
  converged: boolean;
}

/** Result of an adaptive integration of a vector-valued integrand. */
export interface QuadVectorResult {
  value: Float64Array;
  error: Float64Array;
  evaluations: number;
  subdivisions: number;
  converged: boolean;
}

/** Options of the adaptive Gauss–Kronrod routines. */
export interface GaussKronrodOptions {
  /** Relative tolerance (default 1e-10). */
  epsRel?: number;
  /** Absolute tolerance (default 1e-14). For the vector variant, one number or one per component. */
  epsAbs?: number;
  /** Maximum number of subintervals (default 200). */
  maxSubdivisions?: number;
  /** Finite points of [a, b] where the integrand is not smooth (any order; ends and repeats are ignored). */
  breakpoints?: ArrayLike<number>;
  /** Name of the integrand, used in error messages. */
  name?: string;
  /** Throw a ConvergenceError when the tolerance is not met (default true); otherwise return `converged: false`. */
  throwOnFailure?: boolean;
}

/** Options of the vector-valued Gauss–Kronrod routine. */
export interface GaussKronrodVectorOptions extends Omit<GaussKronrodOptions, "epsAbs"> {
  epsAbs?: number | ArrayLike<number>;
  /** Reused output buffers (length ≥ dim) for value and error, to avoid two allocations per call. */
  valueOut?: Float64Array;
  errorOut?: Float64Array;
}

/** Options of the Gaussian expectations: a Gauss–Hermite order, or adaptive Gauss–Kronrod on the real line. */
export type GaussianExpectationOptions =
  | { order?: number }
  | {
      adaptive: {
        epsRel?: number;
        epsAbs?: number;
        maxSubdivisions?: number;
        breakpoints?: ArrayLike<number>;
      };
    };

/** Result of Brent root finding. */
export interface RootResult {
  x: number;
  fx: number;
  iterations: number;
}

/** Result of bounded Brent minimisation. */
export interface MinimizeResult {
  x: number;
  fx: number;
  iterations: number;
}

/** Seeded random numbers (MT19937; see src/random/rng.ts). */
export interface Rng {
  /** Uniform on [0, 1), 53 random bits. */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  fillUniform(out: Float64Array, lo?: number, hi?: number): Float64Array;
  fillNormal(out: Float64Array, mean?: number, std?: number): Float64Array;
  /** 0/1 values with P(1) = p. */
  fillBernoulli(out: Float64Array, p: number): Float64Array;
  /** Indices drawn with probabilities proportional to `probs`. */
  fillCategorical(out: Int32Array, probs: ArrayLike<number>): Int32Array;
  /** Uniform integer in [0, n), 1 ≤ n ≤ 2³². */
  int(n: number): number;
  /** Fisher–Yates shuffle in place. */
  shuffle<T>(a: T[] | Int32Array | Float64Array): void;
  /** Independent child stream; a pure function of (seed, stream path), not of the parent's position. */
  fork(stream: number): Rng;
}

/** A dense row-major matrix: entry (i, j) is data[i·cols + j]. */
export interface RowMajorMatrix {
  data: Float64Array;
  rows: number;
  cols: number;
}
