/**
 * The eigenvalue distribution of WᵀW for one layer (replica-math §1.2, §5.2–5.3): the positive eigenvalues
 * and the fraction of zero ones. Keeping the zeros as a fraction lets the θ-equation deflate the trivial
 * root they create (replica-math §3.3) and lets a USV layer describe its n_{ℓ−1} − r zeros without storing them.
 */
import { ReplicaError } from "../channels/replica-error";

export interface Spectrum {
  /** The positive eigenvalues, ascending. */
  readonly positive: Float64Array;
  /** Fraction of the n_{ℓ−1} eigenvalues that are exactly zero. */
  readonly zeroFraction: number;
  /** E[λ] over all eigenvalues, zeros included. */
  readonly mean: number;
}

/** Relative threshold below which an eigenvalue counts as zero (round-off of a rank-deficient WᵀW). */
export const ZERO_EIGENVALUE_RTOL = 1e-12;

/**
 * Spectrum from all n_{ℓ−1} eigenvalues of WᵀW. Tiny negatives and values below 1e−12·max λ (round-off)
 * become zeros (replica-math §3.3); a clearly negative value is an error naming `field`.
 */
export function spectrumFromEigenvalues(eigenvalues: ArrayLike<number>, field = "eigvals"): Spectrum {
  const n = eigenvalues.length;
  if (n === 0) throw new ReplicaError(`${field}: needs at least one eigenvalue`);
  let max = 0;
  for (let i = 0; i < n; i++) {
    const x = eigenvalues[i];
    if (!Number.isFinite(x)) throw new ReplicaError(`${field}[${i}]: eigenvalue must be finite, got ${x}`);
    if (x > max) max = x;
  }
  const cut = ZERO_EIGENVALUE_RTOL * max;
  const kept: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = eigenvalues[i];
    if (x < -Math.max(cut, 1e-12)) {
      throw new ReplicaError(`${field}[${i}]: eigenvalues of WᵀW cannot be negative, got ${x}`);
    }
    if (x > cut) kept.push(x);
  }
  return spectrumFromPositive(Float64Array.from(kept).sort(), (n - kept.length) / n);
}

/** Spectrum from its positive eigenvalues and the fraction of zeros (caller guarantees positivity). */
export function spectrumFromPositive(positive: Float64Array, zeroFraction: number): Spectrum {
  let sum = 0;
  for (let i = 0; i < positive.length; i++) sum += positive[i];
  const mean = positive.length > 0 ? ((1 - zeroFraction) * sum) / positive.length : 0;
  return { positive, zeroFraction, mean };
}
