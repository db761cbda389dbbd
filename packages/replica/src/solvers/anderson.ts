/**
 * Anderson acceleration (type II, "Anderson mixing") of a fixed-point iteration x ← G(x): the next input is
 * the combination of the last m+1 images G(x_j) whose residuals f_j = G(x_j) − x_j combine to the smallest
 * norm (H. F. Walker, P. Ni, "Anderson acceleration for fixed-point iterations", SIAM J. Numer. Anal. 49, 2011,
 * eq. 1.3–1.4). The saddle-point iteration of replica-math §3.1 contracts linearly, slowly near a phase
 * transition or α = 1 (§3.5 item 5); mixing the last few sweeps cuts the number of sweeps — each one a set of
 * 2-D integrals — several-fold without changing the fixed point. Written here because it is a few lines on
 * vectors of length 2L and no numerics library offers it; ring buffers, no allocation per step.
 */
/**
 * The solvers mix log V, log A (or log precisions): a mixed point more than e (one unit of log) away from the
 * plain sweep's image in any component is an extrapolation from a nonlinear region — seen to throw V to 1e−84
 * from dnner's δ start — and is replaced by the plain image.
 */
export const MAX_LOG_DEVIATION = 1;

/** Past differences the solvers mix (m). */
export const ANDERSON_DEPTH = 3;

/**
 * Below this iteration cap the solvers iterate plainly: mixing starts after the first sweep and needs a few
 * sweeps of history to pay off, and a run capped at a handful of sweeps is asked for the iterate after those
 * sweeps (dnner's save-and-resume pattern), which only the plain iteration gives.
 */
export const MIN_SWEEPS_FOR_ACCELERATION = 2 * (ANDERSON_DEPTH + 1);

export class AndersonAccelerator {
  /** Residuals f_j and images g_j of the last depth+1 steps, ring-buffered (slot k at k·dim). */
  private readonly f: number[];
  private readonly g: number[];
  private readonly dF: number[];
  private readonly dG: number[];
  /** Normal equations, m × (m+1) augmented, row-major. */
  private readonly M: number[];
  private readonly gamma: number[];
  private count = 0;
  private head = 0;

  /**
   * @param dim vector length
   * @param depth number of past differences mixed (m)
   * @param maxDeviation largest allowed |mix − G(x)| per component: an extrapolation that far from the plain
   *   image is not trusted (the iteration is far from linear there); the plain image is used, history reset
   */
  constructor(
    private readonly dim: number,
    private readonly depth = 3,
    private readonly maxDeviation = Number.POSITIVE_INFINITY,
  ) {
    // plain arrays: these are a few dozen numbers, and typed-array allocation costs more than the work
    this.f = new Array<number>((depth + 1) * dim).fill(0);
    this.g = new Array<number>((depth + 1) * dim).fill(0);
    this.dF = new Array<number>(depth * dim).fill(0);
    this.dG = new Array<number>(depth * dim).fill(0);
    this.M = new Array<number>(depth * (depth + 1)).fill(0);
    this.gamma = new Array<number>(depth).fill(0);
  }

  reset(): void {
    this.count = 0;
    this.head = 0;
  }

  /** Given x and g = G(x), write the next input into `out` (= g until there is history). */
  next(x: ArrayLike<number>, g: ArrayLike<number>, out: number[]): void {
    const { dim: n, depth, f: F, g: G, dF, dG, M, gamma } = this;
    const slots = depth + 1;
    const at = this.head * n;
    for (let i = 0; i < n; i++) {
      F[at + i] = g[i] - x[i];
      G[at + i] = g[i];
      out[i] = g[i];
    }
    this.head = (this.head + 1) % slots;
    if (this.count < slots) this.count++;
    const m = this.count - 1;
    if (m === 0) return;
    // differences of consecutive slots, oldest first; the newest residual is at `at`
    const oldest = (this.head - this.count + slots) % slots;
    for (let j = 0; j < m; j++) {
      const a = ((oldest + j) % slots) * n;
      const b = ((oldest + j + 1) % slots) * n;
      for (let i = 0; i < n; i++) {
        dF[j * n + i] = F[b + i] - F[a + i];
        dG[j * n + i] = G[b + i] - G[a + i];
      }
    }
    // least squares min ‖f_k − ΔF γ‖ by the (regularised) normal equations; m ≤ depth is tiny
    const w = m + 1;
    let trace = 0;
    for (let p = 0; p < m; p++) {
      for (let q = 0; q < m; q++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += dF[p * n + i] * dF[q * n + i];
        M[p * w + q] = s;
      }
      let s = 0;
      for (let i = 0; i < n; i++) s += dF[p * n + i] * F[at + i];
      M[p * w + m] = s;
      trace += M[p * w + p];
    }
    if (!(trace > 0)) return;
    for (let p = 0; p < m; p++) M[p * w + p] += 1e-12 * trace;
    if (!solveAugmented(M, m, gamma)) return;
    let deviation = 0;
    for (let i = 0; i < n; i++) {
      let d = 0;
      for (let j = 0; j < m; j++) d += gamma[j] * dG[j * n + i];
      out[i] -= d;
      deviation = Math.max(deviation, Math.abs(d));
    }
    if (!(deviation <= this.maxDeviation)) {
      for (let i = 0; i < n; i++) out[i] = g[i];
      this.reset();
    }
  }
}

/** Gaussian elimination with partial pivoting on the augmented m × (m+1) system (row-major); false if singular. */
function solveAugmented(M: number[], m: number, x: number[]): boolean {
  const w = m + 1;
  for (let c = 0; c < m; c++) {
    let p = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(M[r * w + c]) > Math.abs(M[p * w + c])) p = r;
    if (!(Math.abs(M[p * w + c]) > 0)) return false;
    if (p !== c) {
      for (let q = 0; q < w; q++) {
        const t = M[c * w + q];
        M[c * w + q] = M[p * w + q];
        M[p * w + q] = t;
      }
    }
    for (let r = c + 1; r < m; r++) {
      const k = M[r * w + c] / M[c * w + c];
      for (let q = c; q < w; q++) M[r * w + q] -= k * M[c * w + q];
    }
  }
  for (let r = m - 1; r >= 0; r--) {
    let s = M[r * w + m];
    for (let q = r + 1; q < m; q++) s -= M[r * w + q] * x[q];
    x[r] = s / M[r * w + r];
    if (!Number.isFinite(x[r])) return false;
  }
  return true;
}
