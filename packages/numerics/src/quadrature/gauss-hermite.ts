/**
 * Probabilists' Gauss–Hermite rule: Σ w_i f(x_i) ≈ ∫Dz f(z) = E f(Z), Z ~ N(0, 1), weights summing to 1;
 * exact for polynomials of degree ≤ 2n − 1. Cached per order (treat the returned arrays as read-only).
 *
 * Nodes are the zeros of He_n, i.e. (Golub–Welsch) the eigenvalues of the symmetric tridiagonal Jacobi
 * matrix with zero diagonal and off-diagonals √1, …, √(n−1) (replica-math.md §4.5 item 5). Each positive
 * eigenvalue is isolated by Sturm-sequence bisection on that matrix (the LDLᵀ negative count, as LAPACK
 * dstebz; O(n) per step, so O(n²) in all instead of a dense O(n³) eigen-solve — a dense solver took
 * 1 s at n = 200 and 67 s at n = 1000) to 1e−6, then polished by Newton's method
 * on the orthonormal polynomials p_k = He_k/√(k!), using the three-term recurrence
 *   p_{k+1}(x) = (x p_k(x) − √k p_{k−1}(x)) / √(k+1),   p_n' = √n p_{n−1},
 * and its weight is w = 1/(n p_{n−1}(x)²), evaluated in logarithms with power-of-two rescaling of the
 * recurrence so that orders up to MAX_ORDER neither overflow nor lose the tiny tail weights. Negative
 * nodes are the mirror images (exact symmetry); weights are finally divided by their sum.
 *
 * References: G. H. Golub & J. H. Welsch, "Calculation of Gauss quadrature rules", Math. Comp. 23 (1969);
 * W. Barth, R. S. Martin & J. H. Wilkinson, "Calculation of the eigenvalues of a symmetric tridiagonal
 * matrix by the method of bisection", Numer. Math. 9 (1967);
 * NIST DLMF §18.9 (recurrence) and §3.5(v) (Gauss–Hermite weights); W. H. Press et al., Numerical
 * Recipes, 3rd ed., §4.6 (Newton polishing).
 */
import type { QuadratureRule } from "../interface";
import { requireInteger } from "../validate";

/** Largest supported order. */
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

/** Number of eigenvalues of the Jacobi matrix below x (Sturm count of J − xI = LDLᵀ; sqK2[k] = k). */
function countBelow(n: number, x: number): number {
  let count = 0;
  let d = -x;
  if (d < 0) count++;
  for (let k = 1; k < n; k++) {
    // d_k = −x − b_k²/d_{k−1} with b_k² = k; a zero pivot is nudged as in LAPACK dstebz
    d = -x - k / (d === 0 ? 1e-300 : d);
    if (d < 0) count++;
  }
  return count;
}

/** The j-th smallest eigenvalue (0-based) in [lo, hi] by bisection to absolute width `tol`. */
function bisectEigenvalue(n: number, j: number, lo: number, hi: number, tol: number): number {
  while (hi - lo > tol) {
    const mid = 0.5 * (lo + hi);
    if (countBelow(n, mid) > j) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
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
  const half = n >> 1;
  const logN = Math.log(n);
  // Gershgorin: every eigenvalue lies in [−2√n, 2√n]; the positive ones are indices n − half .. n − 1,
  // found from the largest down so each bracket's top is the previous node.
  let upper = 2 * Math.sqrt(n);
  for (let i = n - 1; i >= n - half; i--) {
    // 1e−6 is far below the node spacing (> 0.05 for n ≤ 1000), so Newton converges quadratically from it
    let x = bisectEigenvalue(n, i, 0, upper, 1e-6);
    upper = x + 1e-6;
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
