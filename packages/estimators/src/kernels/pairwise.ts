/**
 * Shared pairwise-distance kernels (shared/docs/estimators-math.md §1.4): squared Euclidean distances
 * by the Gram trick D_ij = ‖a_i‖² + ‖b_j‖² − 2 a_i·b_j, computed one tile at a time so memory is
 * O(tile) instead of O(N²). Callers centre the data first (distances are translation invariant and the
 * cancellation in the Gram trick shrinks with the norms) and clamp at 0 (cancellation can leave tiny
 * negatives). Hand-written because no maintained JS library offers a tiled Float64 Gram kernel; the
 * 4×2 register blocking is what makes plain loops fast in V8 (no SIMD, so fewer loads per multiply-add).
 */

/** Column means of a row-major n×d array. */
export function columnMeans(data: Float64Array, n: number, d: number): Float64Array {
  const means = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let c = 0; c < d; c++) means[c] += data[o + c];
  }
  for (let c = 0; c < d; c++) means[c] /= n;
  return means;
}

/** A copy of `data` with `shift` subtracted from every row (use the same shift for every set compared). */
export function shiftedCopy(data: Float64Array, n: number, d: number, shift: Float64Array): Float64Array {
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let c = 0; c < d; c++) out[o + c] = data[o + c] - shift[c];
  }
  return out;
}

/** ‖row_i‖² for every row. */
export function rowSquaredNorms(data: Float64Array, n: number, d: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let s = 0;
    for (let c = 0; c < d; c++) s += data[o + c] * data[o + c];
    out[i] = s;
  }
  return out;
}

/**
 * Gram tile: out[(i−i0)·(j1−j0) + (j−j0)] = a_i · b_j for i in [i0, i1), j in [j0, j1). `a` and `b`
 * may be the same array. Each dot product is summed over k in order, so a pair's value does not depend
 * on which tile it lands in (what keeps threaded results identical to single-threaded ones).
 */
export function gramTile(
  a: Float64Array,
  i0: number,
  i1: number,
  b: Float64Array,
  j0: number,
  j1: number,
  d: number,
  out: Float64Array,
): void {
  const tc = j1 - j0;
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const o0 = i * d;
    const o1 = o0 + d;
    const o2 = o1 + d;
    const o3 = o2 + d;
    const r0 = (i - i0) * tc;
    const r1 = r0 + tc;
    const r2 = r1 + tc;
    const r3 = r2 + tc;
    let j = j0;
    for (; j + 2 <= j1; j += 2) {
      const p = j * d;
      const q = p + d;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let t0 = 0;
      let t1 = 0;
      let t2 = 0;
      let t3 = 0;
      for (let k = 0; k < d; k++) {
        const u = b[p + k];
        const v = b[q + k];
        const a0 = a[o0 + k];
        const a1 = a[o1 + k];
        const a2 = a[o2 + k];
        const a3 = a[o3 + k];
        s0 += a0 * u;
        s1 += a1 * u;
        s2 += a2 * u;
        s3 += a3 * u;
        t0 += a0 * v;
        t1 += a1 * v;
        t2 += a2 * v;
        t3 += a3 * v;
      }
      const c = j - j0;
      out[r0 + c] = s0;
      out[r1 + c] = s1;
      out[r2 + c] = s2;
      out[r3 + c] = s3;
      out[r0 + c + 1] = t0;
      out[r1 + c + 1] = t1;
      out[r2 + c + 1] = t2;
      out[r3 + c + 1] = t3;
    }
    for (; j < j1; j++) {
      const p = j * d;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = 0; k < d; k++) {
        const u = b[p + k];
        s0 += a[o0 + k] * u;
        s1 += a[o1 + k] * u;
        s2 += a[o2 + k] * u;
        s3 += a[o3 + k] * u;
      }
      const c = j - j0;
      out[r0 + c] = s0;
      out[r1 + c] = s1;
      out[r2 + c] = s2;
      out[r3 + c] = s3;
    }
  }
  for (; i < i1; i++) {
    const o = i * d;
    const r = (i - i0) * tc;
    for (let j = j0; j < j1; j++) {
      const p = j * d;
      let s = 0;
      for (let k = 0; k < d; k++) s += a[o + k] * b[p + k];
      out[r + j - j0] = s;
    }
  }
}

/**
 * Squared-distance tile by the Gram trick, clamped at 0: out[(i−i0)·(j1−j0) + (j−j0)] = ‖a_i − b_j‖².
 * `aNorms`/`bNorms` are `rowSquaredNorms` of the (centred) arrays.
 */
export function squaredDistanceTile(
  a: Float64Array,
  aNorms: Float64Array,
  i0: number,
  i1: number,
  b: Float64Array,
  bNorms: Float64Array,
  j0: number,
  j1: number,
  d: number,
  out: Float64Array,
): void {
  gramTile(a, i0, i1, b, j0, j1, d, out);
  const tc = j1 - j0;
  for (let i = i0; i < i1; i++) {
    const r = (i - i0) * tc;
    const ni = aNorms[i];
    for (let c = 0; c < tc; c++) {
      const v = ni + bNorms[j0 + c] - 2 * out[r + c];
      out[r + c] = Math.max(v, 0);
    }
  }
}
