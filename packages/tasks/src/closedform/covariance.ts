/**
 * Joint covariance (or Student-t dispersion) of (X, Y) from its spec, row-major, X first
 * (estimators-math §7.1: bmi's "dense" and "2-pair" constructions).
 */
import type { CovarianceSpec } from "../spec/taskSpec";

export function buildCovariance(spec: CovarianceSpec, dimX: number, dimY: number): Float64Array {
  const d = dimX + dimY;
  const s = new Float64Array(d * d);
  switch (spec.kind) {
    case "identity":
      for (let i = 0; i < d; i++) s[i * d + i] = 1;
      return s;
    case "dense":
      // Unit variances, every other entry ρ (within X, within Y and across).
      s.fill(spec.correlation);
      for (let i = 0; i < d; i++) s[i * d + i] = 1;
      return s;
    case "sparse":
      // bmi's 2-pair model after conversion to correlations: (X_i, Y_i), i < pairs, correlated, the
      // rest independent (estimators-math §7.1 construction details).
      for (let i = 0; i < d; i++) s[i * d + i] = 1;
      for (let i = 0; i < spec.pairs; i++) {
        s[i * d + dimX + i] = spec.correlation;
        s[(dimX + i) * d + i] = spec.correlation;
      }
      return s;
    case "matrix":
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) s[i * d + j] = spec.matrix[i][j];
      return s;
  }
}
