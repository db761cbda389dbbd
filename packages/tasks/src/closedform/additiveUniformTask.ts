/** The 1×1 additive-uniform-noise task (estimators-math §7.1). */
import { createRng } from "@infoflow/numerics";
import type { Task } from "../interface";
import { checkSampleArgs } from "../random/checkSampleArgs";
import type { AdditiveUniformSpec } from "../spec/taskSpec";
import { additiveUniformMI } from "./additiveUniformMI";

export function additiveUniformTask(spec: AdditiveUniformSpec, id: string): Task {
  const eps = spec.epsilon;
  const mi = additiveUniformMI(eps);
  return {
    id,
    params: spec,
    dimX: 1,
    dimY: 1,
    sample(n, seed) {
      checkSampleArgs(n, seed);
      const rng = createRng(seed);
      const x = rng.fork(1).fillUniform(new Float64Array(n), 0, 1);
      const y = rng.fork(2).fillUniform(new Float64Array(n), -eps, eps);
      for (let i = 0; i < n; i++) y[i] += x[i];
      return { x: { data: x, n, d: 1 }, y: { data: y, n, d: 1 } };
    },
    mutualInformation: () => mi,
  };
}
