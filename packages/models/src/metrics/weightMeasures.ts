/**
 * Shape of a layer's weights at one epoch: its singular values' range, ‖W‖_F, and the distance from
 * orthonormal ‖G − I‖_F (G the smaller Gram matrix of W, the quantity the orthonormality regulariser
 * penalises squared — Cisse et al. 2017, as used by Goldfeld et al. 2019 §5; estimators-math.md §5.7),
 * plus the largest |bias|. Tracks whether a constraint or regulariser keeps W near orthonormal during
 * learning, and how far weights grow relative to the noise (the clustering mechanism).
 * Float64 from the layer's kernel: ‖G − I‖²_F = Σᵢ (sᵢ² − 1)² over the min(n_in, n_out) singular values.
 */
import { singularValues } from "@infoflow/numerics";
import type { DenseMap } from "../layers/denseMap";

export interface WeightMeasures {
  /** ‖G − I‖_F, 0 exactly when the rows or columns of W are orthonormal. */
  gramDeviation: number;
  frobenius: number;
  singularMin: number;
  singularMax: number;
  /** max |b_j| (0 without a bias). */
  biasMaxAbs: number;
}

export function weightMeasures(map: DenseMap): WeightMeasures {
  const s = singularValues(map.kernel());
  let dev = 0;
  let fro = 0;
  for (const x of s) {
    dev += (x * x - 1) ** 2;
    fro += x * x;
  }
  let biasMaxAbs = 0;
  const b = map.variables.get("b");
  if (b !== undefined) for (const v of b.dataSync()) biasMaxAbs = Math.max(biasMaxAbs, Math.abs(v));
  return {
    gramDeviation: Math.sqrt(dev),
    frobenius: Math.sqrt(fro),
    singularMin: s[s.length - 1],
    singularMax: s[0],
    biasMaxAbs,
  };
}
