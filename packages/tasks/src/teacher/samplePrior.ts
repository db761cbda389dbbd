/**
 * n × n₀ i.i.d. draws from the input prior P₀ (replica-math §1.1, dnner's parametrisation):
 * Normal(mean, var); Bimodal(prob) = prob·δ(x−1) + (1−prob)·δ(x+1);
 * SpikeSlab(prob, mean, var) = (1−prob)·δ(x) + prob·N(mean, var).
 */
import type { Rng } from "@infoflow/numerics";
import type { PriorSpec } from "../spec/taskSpec";

export function samplePrior(prior: PriorSpec, count: number, rng: Rng): Float64Array {
  const out = new Float64Array(count);
  switch (prior.name) {
    case "Normal":
      return rng.fillNormal(out, prior.mean, Math.sqrt(prior.var));
    case "Bimodal":
      rng.fillBernoulli(out, prior.prob);
      for (let i = 0; i < count; i++) out[i] = 2 * out[i] - 1;
      return out;
    case "SpikeSlab": {
      rng.fillBernoulli(out, prior.prob);
      const slab = rng.fillNormal(new Float64Array(count), prior.mean, Math.sqrt(prior.var));
      for (let i = 0; i < count; i++) out[i] *= slab[i];
      return out;
    }
  }
}
