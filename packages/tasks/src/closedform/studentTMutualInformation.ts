/**
 * I(X;Y) of a multivariate Student-t with dispersion Σ and ν degrees of freedom
 * (estimators-math §7.3; bmi `_split_student_t.py`, which computes it from entropies because the
 * closed form printed in Arellano-Valle et al. 2013 is slightly wrong):
 *   I = ½ ln(det Σ_XX det Σ_YY / det Σ) + c(ν, d_x, d_y),   c = f(d_x) + f(d_y) − f(d_x + d_y),
 * f(k) the differential entropy of the standard k-dimensional t.
 */
import { digamma, logGamma } from "@infoflow/numerics";
import { gaussianMutualInformation } from "../linalg/gaussianMutualInformation";

/** f(k) = ln Γ(ν/2) − ln Γ((ν+k)/2) + (k/2) ln(νπ) + ((ν+k)/2)[ψ((ν+k)/2) − ψ(ν/2)], in nats. */
export function standardStudentTEntropy(k: number, nu: number): number {
  const a = nu / 2;
  const b = (nu + k) / 2;
  return logGamma(a) - logGamma(b) + (k / 2) * Math.log(nu * Math.PI) + b * (digamma(b) - digamma(a));
}

/** c(ν, d_x, d_y) > 0: the dependence a shared χ² scale creates even with identity dispersion. */
export function studentTCorrection(nu: number, dimX: number, dimY: number): number {
  return (
    standardStudentTEntropy(dimX, nu) +
    standardStudentTEntropy(dimY, nu) -
    standardStudentTEntropy(dimX + dimY, nu)
  );
}

/** Σ row-major (dimX+dimY)², X first; nats. */
export function studentTMutualInformation(
  dispersion: Float64Array,
  dimX: number,
  dimY: number,
  nu: number,
): number {
  return gaussianMutualInformation(dispersion, dimX, dimY, "dispersion") + studentTCorrection(nu, dimX, dimY);
}
