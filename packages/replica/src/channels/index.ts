/**
 * `createChannel(spec)`: a hidden/output channel from dnner's names and parameters
 * (shared/reference/README.md; replica-math §1.1, §4.2–4.3).
 */
import type { Channel } from "../interface";
import { linearChannel } from "./linear";
import { type LayerParams, readParam, rejectUnknownParams } from "./params";
import { ReplicaError } from "./replica-error";

export { linearChannel } from "./linear";
export { ReplicaError } from "./replica-error";

/** An activation layer as written in replica-cases.json: `{ kind: "activation", name, params }`. */
export interface ChannelLayerSpec {
  readonly kind?: string;
  readonly name: string;
  readonly params?: LayerParams;
}

export function createChannel(spec: ChannelLayerSpec): Channel {
  const { name, params } = spec;
  switch (name) {
    case "Linear": {
      rejectUnknownParams(name, params, ["var_noise"]);
      return linearChannel(readParam(name, params, "var_noise", { min: 0 }));
    }
    default:
      throw new ReplicaError(
        `activation: unknown name "${name}" (expected Linear, Probit, ReLU, LeakyReLU, HardTanh or Generic)`,
      );
  }
}
