/**
 * The per-input conditional entropies ĥ(T_ℓ | X = x_i) of sample propagation
 * (shared/docs/estimators-math.md §5.4 step 2, §13.5): input i's centres μ_{i,1..n_i} (samples of
 * S_ℓ | X = x_i supplied by the network) form their own Gaussian mixture, whose entropy is estimated by
 * Monte Carlo exactly as in `mixture-entropy.ts` (nMC draws per centre, LSE over all n_i centres).
 * When every centre of an input is the same point (always so for the first layer, or n_i = 1) the
 * mixture is one Gaussian and the entropy is exact: d/2·ln(2πeβ²).
 * These mixtures are independent, so they are the parallel chunks; each input draws its noise from its
 * own stream createRng(seed).fork(i + 1), so the values do not depend on the chunking or thread count.
 */
import { createRng } from "@infoflow/numerics";
import { gaussianLogSumExp } from "../kernels/lse";
import { sharedFloat64 } from "../kernels/shared-memory";

export interface ConditionalEntropiesArgs {
  /** every input's centres, concatenated row-major (Σ n_i)×d */
  readonly centres: Float64Array;
  /** input i owns rows [offsets[i], offsets[i+1]) */
  readonly offsets: Int32Array;
  readonly d: number;
  readonly noiseStd: number;
  readonly nMC: number;
  readonly seed: number;
  /** inputs per chunk */
  readonly perChunk: number;
  /** outputs: entropy and Monte-Carlo standard error per input (0 when exact) */
  readonly entropy: Float64Array;
  readonly stdError: Float64Array;
}

function allRowsEqual(c: Float64Array, r0: number, r1: number, d: number): boolean {
  for (let r = r0 + 1; r < r1; r++) {
    for (let k = 0; k < d; k++) if (c[r * d + k] !== c[r0 * d + k]) return false;
  }
  return true;
}

/** Compute inputs [c·perChunk, (c+1)·perChunk) of the job. */
export function conditionalEntropiesChunk(a: ConditionalEntropiesArgs, c: number): void {
  const { centres, offsets, d, noiseStd: beta, nMC } = a;
  const m = offsets.length - 1;
  const exact = (d / 2) * Math.log(2 * Math.PI * Math.E * beta * beta);
  const norm = (d / 2) * Math.log(2 * Math.PI * beta * beta);
  const first = c * a.perChunk;
  const last = Math.min(m, (c + 1) * a.perChunk);
  let maxN = 0;
  for (let i = first; i < last; i++) maxN = Math.max(maxN, offsets[i + 1] - offsets[i]);
  // shared-memory buffers like every other caller of the kernels: V8 optimises a kernel for one
  // typed-array kind, and mixing plain and shared backings makes it polymorphic (≈1.6× slower)
  const muBuf = sharedFloat64(maxN * d);
  const queryBuf = sharedFloat64(maxN * nMC * d);
  const lseBuf = new Float64Array(maxN * nMC);
  for (let i = first; i < last; i++) {
    const r0 = offsets[i];
    const r1 = offsets[i + 1];
    const n = r1 - r0;
    if (allRowsEqual(centres, r0, r1, d)) {
      a.entropy[i] = exact;
      a.stdError[i] = 0;
      continue;
    }
    // centre the input's own cloud (distances are translation invariant)
    const mu = muBuf.subarray(0, n * d);
    const mean = new Float64Array(d);
    for (let r = r0; r < r1; r++) for (let k = 0; k < d; k++) mean[k] += centres[r * d + k] / n;
    for (let r = 0; r < n; r++)
      for (let k = 0; k < d; k++) mu[r * d + k] = centres[(r0 + r) * d + k] - mean[k];
    const nq = n * nMC;
    const queries = queryBuf.subarray(0, nq * d);
    createRng(a.seed)
      .fork(i + 1)
      .fillNormal(queries);
    for (let q = 0; q < nq; q++) {
      const o = Math.floor(q / nMC) * d;
      for (let k = 0; k < d; k++) queries[q * d + k] = mu[o + k] + beta * queries[q * d + k];
    }
    const lse = lseBuf.subarray(0, nq);
    gaussianLogSumExp({ queries, nq, centres: mu, nc: n, d, scale: 1 / (2 * beta * beta) }, 0, nq, lse);
    let s = 0;
    for (let q = 0; q < nq; q++) s += -lse[q];
    const h = s / nq + Math.log(n) + norm;
    let ss = 0;
    for (let q = 0; q < nq; q++) ss += (-lse[q] + Math.log(n) + norm - h) ** 2;
    a.entropy[i] = h;
    a.stdError[i] = nq > 1 ? Math.sqrt(ss / (nq - 1) / nq) : 0;
  }
}
