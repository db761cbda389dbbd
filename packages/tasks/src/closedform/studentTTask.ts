/**
 * Multivariate Student-t (X, Y) with dispersion Σ and ν degrees of freedom, optionally transformed
 * (estimators-math §7.1, §7.3). Sampling: v = z·√(ν/w), z ~ N(0, Σ), w ~ χ²_ν = 2·Gamma(ν/2).
 */
import { createRng } from "@infoflow/numerics";
import type { Task } from "../interface";
import { cholesky } from "../linalg/cholesky";
import { checkSampleArgs } from "../random/checkSampleArgs";
import { correlatedNormalRows } from "../random/correlatedNormalRows";
import { gammaVariate } from "../random/gammaVariate";
import { splitColumns } from "../random/splitColumns";
import type { StudentTSpec } from "../spec/taskSpec";
import { buildCovariance } from "./covariance";
import { studentTMutualInformation } from "./studentTMutualInformation";
import { applyTransforms } from "./transforms";

export function studentTTask(spec: StudentTSpec, id: string): Task {
  const { dimX, dimY, dof } = spec;
  const d = dimX + dimY;
  const sigma = buildCovariance(spec.dispersion, dimX, dimY);
  const factor = cholesky(sigma, d, "dispersion");
  const mi = studentTMutualInformation(sigma, dimX, dimY, dof);
  return {
    id,
    params: spec,
    dimX,
    dimY,
    sample(n, seed) {
      checkSampleArgs(n, seed);
      const rng = createRng(seed);
      // Separate streams for z and w, so row r is the same whatever n is.
      const joint = correlatedNormalRows(rng.fork(1), n, factor);
      const scaleRng = rng.fork(2);
      for (let r = 0; r < n; r++) {
        const w = 2 * gammaVariate(scaleRng, dof / 2);
        const scale = Math.sqrt(dof / w);
        for (let k = r * d; k < (r + 1) * d; k++) joint[k] *= scale;
      }
      const xy = splitColumns(joint, n, dimX, dimY);
      applyTransforms(spec.transforms, xy.x, xy.y);
      return xy;
    },
    mutualInformation: () => mi,
  };
}
