/**
 * `createPrior(spec)`: the prior of a network spec's first layer, from dnner's names and parameters
 * (shared/reference/README.md; replica-math §1.1, §4.1).
 */

import { type LayerParams, readParam, rejectUnknownParams } from "../channels/params";
import { ReplicaError } from "../channels/replica-error";
import type { Prior } from "../interface";
import { bimodalPrior } from "./bimodal";
import { normalPrior } from "./normal";
import { spikeSlabPrior } from "./spike-slab";

export { bimodalPrior } from "./bimodal";
export { normalPrior } from "./normal";
export { spikeSlabPrior } from "./spike-slab";

/** A prior layer as written in replica-cases.json: `{ kind: "prior", name, params }`. */
export interface PriorLayerSpec {
  readonly kind?: string;
  readonly name: string;
  readonly params?: LayerParams;
}

export function createPrior(spec: PriorLayerSpec): Prior {
  const { name, params } = spec;
  switch (name) {
    case "Normal": {
      rejectUnknownParams(name, params, ["mean", "var"]);
      const mean = readParam(name, params, "mean", { default: 0 });
      const variance = readParam(name, params, "var", { default: 1, above: 0 });
      return normalPrior(mean, variance);
    }
    case "Bimodal": {
      rejectUnknownParams(name, params, ["prob"]);
      return bimodalPrior(readParam(name, params, "prob", { default: 0.5, min: 0, max: 1 }));
    }
    case "SpikeSlab": {
      rejectUnknownParams(name, params, ["prob", "mean", "var"]);
      const prob = readParam(name, params, "prob", { min: 0, max: 1 });
      const mean = readParam(name, params, "mean", { default: 0 });
      const variance = readParam(name, params, "var", { default: 1, above: 0 });
      return spikeSlabPrior(prob, mean, variance);
    }
    default:
      throw new ReplicaError(`prior: unknown name "${name}" (expected Normal, Bimodal or SpikeSlab)`);
  }
}
