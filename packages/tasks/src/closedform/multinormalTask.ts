/**
 * Joint Gaussian (X, Y) with any covariance, optionally pushed through injective transforms
 * (estimators-math §7.1, §7.3). Truth: ½ ln(det Σ_XX det Σ_YY / det Σ) by Cholesky.
 */
import { createRng } from "@infoflow/numerics";
import type { Task } from "../interface";
import { cholesky } from "../linalg/cholesky";
import { gaussianMutualInformation } from "../linalg/gaussianMutualInformation";
import { checkSampleArgs } from "../random/checkSampleArgs";
import { correlatedNormalRows } from "../random/correlatedNormalRows";
import { splitColumns } from "../random/splitColumns";
import type { MultinormalSpec } from "../spec/taskSpec";
import { buildCovariance } from "./covariance";
import { applyTransforms } from "./transforms";

export function multinormalTask(spec: MultinormalSpec, id: string): Task {
  const { dimX, dimY } = spec;
  const sigma = buildCovariance(spec.covariance, dimX, dimY);
  const factor = cholesky(sigma, dimX + dimY, "covariance");
  const mi = gaussianMutualInformation(sigma, dimX, dimY);
  return {
    id,
    params: spec,
    dimX,
    dimY,
    sample(n, seed) {
      checkSampleArgs(n, seed);
      const joint = correlatedNormalRows(createRng(seed), n, factor);
      const xy = splitColumns(joint, n, dimX, dimY);
      applyTransforms(spec.transforms, xy.x, xy.y);
      return xy;
    },
    mutualInformation: () => mi,
  };
}
