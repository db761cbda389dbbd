/**
 * Probabilists' Gauss–Hermite rule: Σ w_i f(x_i) ≈ ∫Dz f(z) = E f(Z), Z ~ N(0, 1), weights summing to 1;
 * exact for polynomials of degree ≤ 2n − 1. Cached per order (treat the returned arrays as read-only).
 *
 * Nodes are the zeros of He_n. Initial values come from Golub–Welsch: the eigenvalues of the symmetric
 * tridiagonal Jacobi matrix with zero diagonal and off-diagonals √1, …, √(n−1) (replica-math.md §4.5
 * item 5; ml-matrix's symmetric eigen-solver). Each positive node is then polished by Newton's method
 * on the orthonormal polynomials p_k = He_k/√(k!), using the three-term recurrence
 *   p_{k+1}(x) = (x p_k(x) − √k p_{k−1}(x)) / √(k+1),   p_n' = √n p_{n−1},
 * and its weight is w = 1/(n p_{n−1}(x)²), evaluated in logarithms with power-of-two rescaling of the
 * recurrence so that orders up to MAX_ORDER neither overflow nor lose the tiny tail weights. Negative
 * nodes are the mirror images (exact symmetry); weights are finally divided by their sum.
 *
 * References: G. H. Golub & J. H. Welsch, "Calculation of Gauss quadrature rules", Math. Comp. 23 (1969);
 * NIST DLMF §18.9 (recurrence) and §3.5(v) (Gauss–Hermite weights); W. H. Press et al., Numerical
 * Recipes, 3rd ed., §4.6 (Newton polishing).
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import type { QuadratureRule } from "../interface";
import { requireInteger } from "../validate";

/** Largest supported order (Golub–Welsch start is O(n³)). */
export const GAUSS_HERMITE_MAX_ORDER = 1000;

const cache = new Map<number, QuadratureRule>();

const SCALE_UP = 2 ** 512;
const SCALE_DOWN = 2 ** -512;
const LOG_SCALE_UP = 512 * Math.LN2;

/** Outputs of evalOrthonormal (kept in module scope to avoid allocating a tuple per call). */
let lastRatio = 0;
let lastLogAbsPrev = 0;

/** Sets lastRatio = p_n(x)/p_{n−1}(x) and lastLogAbsPrev = log|p_{n−1}(x)|. */
function evalOrthonormal(n: number, x: number, sqrtK: Float64Array): void {
  let prev = 1; // p_0
  let cur = x; // p_1
  let logScale = 0;
  for (let k = 1; k < n; k++) {
    const next = (x * cur - sqrtK[k] * prev) / sqrtK[k + 1];
    prev = cur;
    cur = next;
    if (Math.abs(cur) > SCALE_UP) {
      cur *= SCALE_DOWN;
      prev *= SCALE_DOWN;
      logScale += LOG_SCALE_UP;
    }
  }
  lastRatio = cur / prev;
  lastLogAbsPrev = Math.log(Math.abs(prev)) + logScale;
}

function computeRule(n: number): QuadratureRule {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  if (n === 1) {
    weights[0] = 1;
    return { nodes, weights };
  }
  const sqrtK = new Float64Array(n + 1);
  for (let k = 0; k <= n; k++) sqrtK[k] = Math.sqrt(k);
  const jacobi = Matrix.zeros(n, n);
  for (let k = 1; k < n; k++) {
    jacobi.set(k - 1, k, sqrtK[k]);
    jacobi.set(k, k - 1, sqrtK[k]);
  }
  const start = Float64Array.from(
    new EigenvalueDecomposition(jacobi, { assumeSymmetric: true }).realEigenvalues,
  );
  start.sort();
  const half = n >> 1;
  const logN = Math.log(n);
  for (let i = n - half; i < n; i++) {
    let x = start[i];
    for (let it = 0; it < 50; it++) {
      evalOrthonormal(n, x, sqrtK);
      const dx = lastRatio / sqrtK[n];
      x -= dx;
      if (Math.abs(dx) <= 2e-16 * Math.abs(x)) break;
    }
    evalOrthonormal(n, x, sqrtK);
    const w = Math.exp(-logN - 2 * lastLogAbsPrev);
    nodes[i] = x;
    weights[i] = w;
    nodes[n - 1 - i] = -x;
    weights[n - 1 - i] = w;
  }
  if ((n & 1) === 1) {
    evalOrthonormal(n, 0, sqrtK);
    nodes[half] = 0;
    weights[half] = Math.exp(-logN - 2 * lastLogAbsPrev);
  }
  // Sum the weights from the smallest (tails) to the largest to limit rounding, then normalise.
  let sum = 0;
  for (let i = 0; i < half; i++) sum += 2 * weights[i];
  if ((n & 1) === 1) sum += weights[half];
  for (let i = 0; i < n; i++) weights[i] /= sum;
  return { nodes, weights };
}

/** The n-point probabilists' Gauss–Hermite rule (nodes ascending), 1 ≤ order ≤ 1000; cached. */
export function gaussHermite(order: number): QuadratureRule {
  requireInteger("gaussHermite", "order", order, 1, GAUSS_HERMITE_MAX_ORDER);
  let rule = cache.get(order);
  if (rule === undefined) {
    rule = computeRule(order);
    cache.set(order, rule);
  }
  return rule;
}
