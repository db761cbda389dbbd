/**
 * Anderson acceleration (type II, "Anderson mixing") of a fixed-point iteration x ← G(x): the next input is
 * the combination of the last m+1 images G(x_j) whose residuals f_j = G(x_j) − x_j combine to the smallest
 * norm (H. F. Walker, P. Ni, "Anderson acceleration for fixed-point iterations", SIAM J. Numer. Anal. 49, 2011,
 * eq. 1.3–1.4). The saddle-point iteration of replica-math §3.1 contracts linearly, slowly near a phase
 * transition or α = 1 (§3.5 item 5); mixing the last few sweeps cuts the number of sweeps — each one a set of
 * 2-D integrals — several-fold without changing the fixed point. Written here because it is a dozen lines on
 * vectors of length 2L and no numerics library offers it.
 */
export class AndersonAccelerator {
  private readonly fs: Float64Array[] = [];
  private readonly gs: Float64Array[] = [];

  constructor(
    private readonly dim: number,
    private readonly depth = 3,
  ) {}

  reset(): void {
    this.fs.length = 0;
    this.gs.length = 0;
  }

  /** Given x and g = G(x), write the next input into `out` (= g until there is history). */
  next(x: ArrayLike<number>, g: ArrayLike<number>, out: Float64Array): void {
    const n = this.dim;
    const f = new Float64Array(n);
    for (let i = 0; i < n; i++) f[i] = g[i] - x[i];
    this.fs.push(f);
    this.gs.push(Float64Array.from(g));
    if (this.fs.length > this.depth + 1) {
      this.fs.shift();
      this.gs.shift();
    }
    for (let i = 0; i < n; i++) out[i] = g[i];
    const m = this.fs.length - 1;
    if (m === 0) return;
    // least squares min ‖f_k − ΔF γ‖ by the (regularised) normal equations; m ≤ depth is tiny
    const dF: Float64Array[] = [];
    const dG: Float64Array[] = [];
    for (let j = 0; j < m; j++) {
      const a = new Float64Array(n);
      const b = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        a[i] = this.fs[j + 1][i] - this.fs[j][i];
        b[i] = this.gs[j + 1][i] - this.gs[j][i];
      }
      dF.push(a);
      dG.push(b);
    }
    const M = Array.from({ length: m }, () => new Float64Array(m + 1));
    let trace = 0;
    for (let p = 0; p < m; p++) {
      for (let q = 0; q < m; q++) M[p][q] = dot(dF[p], dF[q]);
      M[p][m] = dot(dF[p], f);
      trace += M[p][p];
    }
    if (!(trace > 0)) return;
    for (let p = 0; p < m; p++) M[p][p] += 1e-12 * trace;
    const gamma = solve(M, m);
    if (gamma === null) return;
    for (let j = 0; j < m; j++) for (let i = 0; i < n; i++) out[i] -= gamma[j] * dG[j][i];
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Gaussian elimination with partial pivoting on the augmented m × (m+1) system; null if singular. */
function solve(M: Float64Array[], m: number): Float64Array | null {
  for (let c = 0; c < m; c++) {
    let p = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    if (!(Math.abs(M[p][c]) > 0)) return null;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = c + 1; r < m; r++) {
      const k = M[r][c] / M[c][c];
      for (let q = c; q <= m; q++) M[r][q] -= k * M[c][q];
    }
  }
  const x = new Float64Array(m);
  for (let r = m - 1; r >= 0; r--) {
    let s = M[r][m];
    for (let q = r + 1; q < m; q++) s -= M[r][q] * x[q];
    x[r] = s / M[r][r];
  }
  return x.every(Number.isFinite) ? x : null;
}
