/**
 * `createPrior(spec)`: the prior of a network spec's first layer, from dnner's names and parameters
 * (shared/reference/README.md; replica-math §1.1, §4.1).
 */

import { type LayerParams, readParam, rejectUnknownParams } from "../channels/params";
import { ReplicaError } from "../channels/replica-error";
import type { Prior } from "../interface";
import { normalPrior } from "./normal";

export { normalPrior } from "./normal";

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
    default:
      throw new ReplicaError(`prior: unknown name "${name}" (expected Normal, Bimodal or SpikeSlab)`);
  }
}
