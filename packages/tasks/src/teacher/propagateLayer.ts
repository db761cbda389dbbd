/**
 * One noisy layer on a batch: t = φ(W t_prev + √σ² ξ), ξ ~ N(0, I) drawn fresh for every sample
 * (replica-math §1.1; unlike lsd, which generated data without the teacher noise, §7.3 quirk).
 * Row-major: t_prev is n × n_in, W is n_out × n_in, the result n × n_out.
 */
import type { Rng } from "@infoflow/numerics";
import type { RowMajorMatrix, Samples } from "../interface";
import type { TeacherLayerSpec } from "../spec/taskSpec";
import { applyActivation } from "./activations";

export function propagateLayer(
  input: Samples,
  w: RowMajorMatrix,
  layer: TeacherLayerSpec,
  noiseRng: Rng,
): Samples {
  const { n, d: nIn } = input;
  const nOut = w.rows;
  const out = new Float64Array(n * nOut);
  if (layer.varNoise > 0) {
    noiseRng.fillNormal(out, 0, Math.sqrt(layer.varNoise));
  }
  const t = input.data;
  const wd = w.data;
  for (let r = 0; r < n; r++) {
    const ti = r * nIn;
    const oi = r * nOut;
    for (let j = 0; j < nOut; j++) {
      const wj = j * nIn;
      let s = 0;
      for (let k = 0; k < nIn; k++) s += wd[wj + k] * t[ti + k];
      out[oi + j] += s;
    }
  }
  applyActivation(out, layer);
  return { data: out, n, d: nOut };
}
