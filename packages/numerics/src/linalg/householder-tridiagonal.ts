/**
 * Householder reduction of a real symmetric matrix to tridiagonal form, eigenvalues only (no
 * transformation matrix is accumulated), in place on a row-major Float64Array.
 *
 * Port of `tred2` without eigenvectors from W. H. Press et al., "Numerical Recipes", 3rd ed. (2007),
 * §11.3 (after EISPACK tred1; J. H. Wilkinson & C. Reinsch, "Handbook for Automatic Computation II",
 * Springer 1971, contribution II/2). Written by hand because ml-matrix always accumulates eigenvectors
 * (tred2/tql2 on nested arrays): 10 s for a 500 × 500 Gram matrix against ~0.2 s here.
 * Only the lower triangle of `a` is read; `a` is overwritten.
 */

/**
 * Reduces the n × n symmetric matrix a (row-major) to tridiagonal form: on return d[i] is the diagonal
 * and e[i] (i ≥ 1) the sub-diagonal element (i, i−1); e[0] = 0.
 */
export function householderTridiagonal(a: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  for (let i = n - 1; i > 0; i--) {
    const l = i - 1;
    const ri = i * n;
    let h = 0;
    if (l > 0) {
      let scale = 0;
      for (let k = 0; k < i; k++) scale += Math.abs(a[ri + k]);
      if (scale === 0) {
        e[i] = a[ri + l];
      } else {
        for (let k = 0; k < i; k++) {
          a[ri + k] /= scale;
          h += a[ri + k] * a[ri + k];
        }
        let f = a[ri + l];
        let g = f >= 0 ? -Math.sqrt(h) : Math.sqrt(h);
        e[i] = scale * g;
        h -= f * g;
        a[ri + l] = f - g;
        // p = A·u over the leading i × i block, reading only the lower triangle row by row
        // (NR's column-wise inner loop is cache-hostile on row-major storage); e[0..i) holds p.
        for (let j = 0; j < i; j++) e[j] = 0;
        for (let j = 0; j < i; j++) {
          const rj = j * n;
          const uj = a[ri + j];
          let sum = a[rj + j] * uj;
          for (let k = 0; k < j; k++) {
            const ajk = a[rj + k];
            sum += ajk * a[ri + k];
            e[k] += ajk * uj;
          }
          e[j] += sum;
        }
        f = 0;
        for (let j = 0; j < i; j++) {
          e[j] /= h;
          f += e[j] * a[ri + j];
        }
        const hh = f / (h + h);
        for (let j = 0; j < i; j++) {
          const rj = j * n;
          f = a[ri + j];
          g = e[j] - hh * f;
          e[j] = g;
          for (let k = 0; k <= j; k++) a[rj + k] -= f * e[k] + g * a[ri + k];
        }
      }
    } else {
      e[i] = a[ri + l];
    }
    d[i] = h;
  }
  e[0] = 0;
  for (let i = 0; i < n; i++) d[i] = a[i * n + i];
}
