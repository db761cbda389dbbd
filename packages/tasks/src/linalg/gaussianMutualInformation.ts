/**
 * I(X;Y) of a joint Gaussian from its covariance (estimators-math §7.3, bmi
 * `SplitMultinormal.mutual_information`): I = ½ [log det Σ_XX + log det Σ_YY − log det Σ],
 * every log det by Cholesky (§8 item 2: never det itself).
 */
import { blockLogDet, cholesky } from "./cholesky";

/** Σ is row-major (dimX+dimY)², X first. Result in nats. */
export function gaussianMutualInformation(
  sigma: Float64Array,
  dimX: number,
  dimY: number,
  field = "covariance",
): number {
  const d = dimX + dimY;
  const logDetJoint = cholesky(sigma, d, field).logDet;
  const logDetX = blockLogDet(sigma, d, 0, dimX, `${field} (X block)`);
  const logDetY = blockLogDet(sigma, d, dimX, d, `${field} (Y block)`);
  // Rounding can leave −1e-16 for independent blocks; MI is ≥ 0.
  return Math.max(0, 0.5 * (logDetX + logDetY - logDetJoint));
}
