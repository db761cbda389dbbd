/**
 * `createChannel(spec)`: a hidden/output channel from dnner's names and parameters
 * (shared/reference/README.md; replica-math §1.1, §4.2–4.3).
 */
import type { Channel } from "../interface";
import { genericChannel, namedActivation } from "./generic";
import { hardTanhActivation } from "./hardtanh";
import { leakyReluActivation } from "./leaky-relu";
import { linearChannel } from "./linear";
import { type LayerParams, readParam, rejectUnknownParams } from "./params";
import { piecewiseChannel } from "./piecewise-channel";
import { probitActivation } from "./probit";
import { reluActivation } from "./relu";
import { ReplicaError } from "./replica-error";

export { type GenericChannelSpec, genericChannel, namedActivation } from "./generic";
export { hardTanhActivation } from "./hardtanh";
export { leakyReluActivation } from "./leaky-relu";
export { linearChannel } from "./linear";
export { type PiecewiseActivation, piecewiseChannel } from "./piecewise-channel";
export { probitActivation } from "./probit";
export { reluActivation } from "./relu";
export { ReplicaError } from "./replica-error";

/** An activation layer as written in replica-cases.json: `{ kind: "activation", name, params }`. */
export interface ChannelLayerSpec {
  readonly kind?: string;
  readonly name: string;
  readonly params?: LayerParams;
}

export function createChannel(spec: ChannelLayerSpec): Channel {
  const { name, params } = spec;
  const noise = () => readParam(name, params, "var_noise", { min: 0 });
  switch (name) {
    case "Linear":
      rejectUnknownParams(name, params, ["var_noise"]);
      return linearChannel(noise());
    case "ReLU":
      rejectUnknownParams(name, params, ["var_noise"]);
      return piecewiseChannel(reluActivation, noise());
    case "Probit":
      rejectUnknownParams(name, params, ["var_noise"]);
      return piecewiseChannel(probitActivation, noise());
    case "LeakyReLU": {
      rejectUnknownParams(name, params, ["var_noise", "gamma"]);
      const gamma = readParam(name, params, "gamma", { min: 0 });
      return piecewiseChannel(leakyReluActivation(gamma), noise());
    }
    case "HardTanh": {
      rejectUnknownParams(name, params, ["var_noise", "thres"]);
      const thres = readParam(name, params, "thres", { default: 1, above: 0 });
      return piecewiseChannel(hardTanhActivation(thres), noise());
    }
    case "Generic": {
      rejectUnknownParams(name, params, ["var_noise", "activation", "thres"]);
      const activation = params?.activation;
      if (typeof activation !== "string") {
        throw new ReplicaError(
          `Generic: parameter "activation" must be one of tanh, sigmoid, erf, sign, relu, linear, hardtanh`,
        );
      }
      const thres = readParam(name, params, "thres", { default: 1, above: 0 });
      return genericChannel({
        ...namedActivation(activation, thres),
        varNoise: noise(),
        name: `Generic(${activation})`,
      });
    }
    default:
      throw new ReplicaError(
        `activation: unknown name "${name}" (expected Linear, Probit, ReLU, LeakyReLU, HardTanh or Generic)`,
      );
  }
}
