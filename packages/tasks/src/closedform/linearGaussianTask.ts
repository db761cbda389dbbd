/**
 * Vector linear Gaussian channel T = W X + Z, X ~ N(0, s I), Z ~ N(0, σ² I)
 * (estimators-math §8 item 2): I(X;T) = ½ log det(I + (s/σ²) W Wᵀ), by Cholesky. W is drawn once
 * from the task's seed (any teacher weight ensemble); samples use the sample seed only.
 */
import { createRng } from "@infoflow/numerics";
import type { RowMajorMatrix, Task } from "../interface";
import { cholesky } from "../linalg/cholesky";
import { congruence } from "../linalg/congruence";
import { checkSampleArgs } from "../random/checkSampleArgs";
import type { LinearGaussianSpec } from "../spec/taskSpec";
import { drawWeights } from "../teacher/drawWeights";
import { propagateLayer } from "../teacher/propagateLayer";

/** ½ log det(I + (s/σ²) W Wᵀ) in nats. */
export function linearGaussianChannelMI(w: RowMajorMatrix, signalVar: number, varNoise: number): number {
  const c = signalVar / varNoise;
  const k = w.cols;
  const s = new Float64Array(k * k);
  for (let i = 0; i < k; i++) s[i * k + i] = c;
  return 0.5 * cholesky(congruence(w, s, 1), w.rows, "I + (s/σ²) W Wᵀ").logDet;
}

export function linearGaussianTask(spec: LinearGaussianSpec, id: string): Task & { weights: RowMajorMatrix } {
  const { dimX, dimY, signalVar, varNoise } = spec;
  const w = drawWeights(spec.weights, dimY, dimX, createRng(spec.seed).fork(1));
  const mi = linearGaussianChannelMI(w, signalVar, varNoise);
  const channel = { activation: "Linear", alpha: dimY / dimX, varNoise, weights: spec.weights } as const;
  return {
    id,
    params: spec,
    dimX,
    dimY,
    weights: w,
    sample(n, seed) {
      checkSampleArgs(n, seed);
      const rng = createRng(seed);
      const x = {
        data: rng.fork(0).fillNormal(new Float64Array(n * dimX), 0, Math.sqrt(signalVar)),
        n,
        d: dimX,
      };
      return { x, y: propagateLayer(x, w, channel, rng.fork(1)) };
    },
    mutualInformation: () => mi,
  };
}
