/**
 * `createEnsemble(spec)`: the weight ensemble of one layer from its spec (replica-math §5):
 *   Gaussian {alpha}                  → closed forms (§5.1)
 *   Empirical {alpha, eigvals}        → the n_{ℓ−1} eigenvalues of WᵀW (§5.2)
 *   Empirical {matrix}                → α = rows/cols and the eigenvalues of WᵀW computed here
 *   USV {alpha, singularValues}       → W = U·diag(s)·V with Haar U, V: spectrum s², zeros padded (§5.3)
 */
import { gramEigenvalues } from "@infoflow/numerics";
import { ReplicaError } from "../channels/replica-error";
import type { Ensemble } from "../interface";
import { type EnsembleSpec, ensembleSpecSchema } from "../spec/network-spec";
import { parseOrThrow } from "../spec/parse";
import { empiricalEnsemble } from "./empirical";
import { gaussianEnsemble } from "./gaussian";
import {
  type Spectrum,
  spectrumFromEigenvalues,
  spectrumFromPositive,
  ZERO_EIGENVALUE_RTOL,
} from "./spectrum";

/** Build from an already validated spec (`field` names it in errors about the numbers themselves). */
/**
 * WᵀW of an n_ℓ × n_{ℓ−1} matrix has rank ≤ n_ℓ = α·n_{ℓ−1}: with α < 1 at least a fraction 1 − α of its
 * eigenvalues are zero. A spectrum with fewer zeros belongs to no matrix of that shape, and the θ-equation
 * then loses its root mid-iteration ("no valid fixed point") — say why up front instead.
 */
function checkRank(spectrum: Spectrum, alpha: number, n: number, field: string): void {
  const zeros = Math.round(spectrum.zeroFraction * n);
  const needed = n - Math.ceil(alpha * n - 1e-9);
  if (zeros < needed) {
    throw new ReplicaError(
      `${field}: α = ${alpha} < 1 means WᵀW has rank ≤ α·n = ${n - needed}, so at least ${needed} of its ${n} eigenvalues are 0 (≤ ${ZERO_EIGENVALUE_RTOL}·max); got ${zeros}`,
    );
  }
}

export function ensembleFromSpec(spec: EnsembleSpec, field = "weights"): Ensemble {
  switch (spec.ensemble) {
    case "Gaussian":
      return gaussianEnsemble(spec.alpha);
    case "Empirical": {
      if (spec.matrix !== undefined) {
        const { rows, cols, data } = spec.matrix;
        const eig = gramEigenvalues({ data: Float64Array.from(data), rows, cols });
        return empiricalEnsemble(
          rows / cols,
          spectrumFromEigenvalues(eig, `${field}.matrix`),
          `Empirical(${rows}×${cols})`,
        );
      }
      const alpha = spec.alpha as number;
      const eig = spec.eigvals as number[];
      if (spec.n_rows !== undefined && spec.n_cols !== undefined) {
        if (Math.abs(spec.n_rows / spec.n_cols - alpha) > 1e-12 * alpha) {
          throw new ReplicaError(
            `${field}.alpha: ${alpha} differs from n_rows/n_cols = ${spec.n_rows}/${spec.n_cols}`,
          );
        }
        if (eig.length !== spec.n_cols) {
          throw new ReplicaError(`${field}.eigvals: ${eig.length} values for n_cols = ${spec.n_cols}`);
        }
      }
      const spectrum = spectrumFromEigenvalues(eig, `${field}.eigvals`);
      checkRank(spectrum, alpha, eig.length, `${field}.eigvals`);
      return empiricalEnsemble(alpha, spectrum, `Empirical(${alpha}, n=${eig.length})`);
    }
    case "USV":
      return usvEnsemble(spec.alpha, spec.singularValues);
  }
}

/**
 * Orthogonal/USV ensemble from the r = min(n_ℓ, n_{ℓ−1}) singular values: eigenvalues of WᵀW are s_k² and
 * n_{ℓ−1} − r zeros, i.e. a zero fraction 1 − α when α < 1 (replica-math §5.3) — no eigendecomposition needed.
 */
export function usvEnsemble(alpha: number, singularValues: ArrayLike<number>): Ensemble {
  const r = singularValues.length;
  const positive: number[] = [];
  for (let i = 0; i < r; i++) {
    const s = singularValues[i];
    if (s > 0) positive.push(s * s);
  }
  // r values describe r of the n_{ℓ−1} = r / min(α, 1) eigenvalues; zero singular values add to the zeros
  const shareOfInputs = Math.min(alpha, 1);
  const zeroFraction = 1 - (shareOfInputs * positive.length) / r;
  return empiricalEnsemble(
    alpha,
    spectrumFromPositive(Float64Array.from(positive).sort(), zeroFraction),
    `USV(${alpha}, r=${r})`,
  );
}

/** Public factory: validates `spec` (one-line ReplicaError naming the field) and builds the ensemble. */
export function createEnsemble(spec: unknown): Ensemble {
  return ensembleFromSpec(parseOrThrow(ensembleSpecSchema, spec, "ensemble"), "ensemble");
}
