/**
 * Eigenvalues of a symmetric tridiagonal matrix by the QL algorithm with implicit shifts, in place.
 *
 * Port of `tqli` without eigenvectors from W. H. Press et al., "Numerical Recipes", 3rd ed. (2007), §11.4
 * (after EISPACK tql1; H. Bowdler, R. S. Martin, C. Reinsch & J. H. Wilkinson, "The QR and QL algorithms
 * for symmetric matrices", Numer. Math. 11 (1968)). O(n²); see householder-tridiagonal.ts for why it is
 * written by hand.
 */
import { ConvergenceError } from "../errors";

/** √(a² + b²) without destructive underflow or overflow. */
function pythag(a: number, b: number): number {
  const absa = Math.abs(a);
  const absb = Math.abs(b);
  if (absa > absb) {
    const r = absb / absa;
    return absa * Math.sqrt(1 + r * r);
  }
  if (absb === 0) return 0;
  const r = absa / absb;
  return absb * Math.sqrt(1 + r * r);
}

/**
 * On entry d is the diagonal and e[i] (i ≥ 1) the sub-diagonal (i, i−1) (householderTridiagonal's
 * layout); on return d holds the eigenvalues (unordered) and e is destroyed. `routine` names the caller
 * in the ConvergenceError raised after 30 sweeps on one eigenvalue.
 */
export function tridiagonalEigenvalues(d: Float64Array, e: Float64Array, n: number, routine: string): void {
  const eps = Number.EPSILON;
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  if (n > 0) e[n - 1] = 0;
  for (let l = 0; l < n; l++) {
    let iter = 0;
    let m: number;
    do {
      for (m = l; m < n - 1; m++) {
        const dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
        if (Math.abs(e[m]) <= eps * dd) break;
      }
      if (m !== l) {
        if (iter++ === 30) {
          throw new ConvergenceError(`${routine}: QL iteration did not converge for eigenvalue ${l} of ${n}`);
        }
        let g = (d[l + 1] - d[l]) / (2 * e[l]);
        let r = pythag(g, 1);
        g = d[m] - d[l] + e[l] / (g + (g >= 0 ? Math.abs(r) : -Math.abs(r)));
        let s = 1;
        let c = 1;
        let p = 0;
        let i: number;
        for (i = m - 1; i >= l; i--) {
          const f = s * e[i];
          const b = c * e[i];
          r = pythag(f, g);
          e[i + 1] = r;
          if (r === 0) {
            d[i + 1] -= p;
            e[m] = 0;
            break;
          }
          s = f / r;
          c = g / r;
          g = d[i + 1] - p;
          r = (d[i] - g) * s + 2 * c * b;
          p = s * r;
          d[i + 1] = g + p;
          g = c * r - b;
        }
        if (r === 0 && i >= l) continue;
        d[l] -= p;
        e[l] = g;
        e[m] = 0;
      }
    } while (m !== l);
  }
}
