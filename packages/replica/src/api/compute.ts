/**
 * Public drivers (docs/contracts.md): computeEntropy, computeMutualInformation (dnner `compute_mi`: the same
 * computation, mi is the number of interest) and computeAllLayers (dnner `compute_all`, replica-math §3.6).
 * A network is a NetworkSpec (validated with zod) or parts built with the factories.
 */
import { ReplicaError } from "../channels/replica-error";
import type { FixedPoint, ReplicaOptions, ReplicaResult } from "../interface";
import { type NetworkParts, networkFromParts, toParts } from "../spec/build-network";
import type { NetworkSpec } from "../spec/network-spec";
import { dnnerDriver, robustDriver } from "./drivers";
import { resolveOptions, validateOptions } from "./options";

export type NetworkInput = NetworkSpec | NetworkParts;

function computeParts(parts: NetworkParts, options: ReplicaOptions): ReplicaResult {
  const net = networkFromParts(parts);
  const o = resolveOptions(net, options);
  return o.mode === "dnner" ? dnnerDriver(net, o) : robustDriver(net, o);
}

/** H(T_L)/n₀ (and mi, mmse, fixed points, diagnostics) of a network. */
export function computeEntropy(network: NetworkInput, options?: ReplicaOptions): ReplicaResult {
  return computeParts(toParts(network), validateOptions(options));
}

/** dnner `compute_mi`: the same result; `mi` = I(X; T_L)/n₀ when the hidden layers are noiseless. */
export function computeMutualInformation(network: NetworkInput, options?: ReplicaOptions): ReplicaResult {
  return computeEntropy(network, options);
}

/**
 * dnner `compute_all`: one result per sub-network prior → layers 1..i (i = 1..L), each sub-network's last
 * channel taking the noise of the original output layer (σ²_L); `startAt` may give one fixed point per
 * sub-network (warm start, e.g. epoch to epoch). `v0` may only be a number here (sub-networks differ in depth).
 */
export function computeAllLayers(network: NetworkInput, options?: ReplicaOptions): ReplicaResult[] {
  const parts = toParts(network);
  const o = validateOptions(options);
  const L = parts.channels.length;
  if (o.v0 !== undefined && typeof o.v0 !== "number") {
    throw new ReplicaError(
      "options.v0: computeAllLayers takes a single number (sub-networks differ in depth)",
    );
  }
  if (o.fixedV !== undefined) throw new ReplicaError("options.fixedV: not available in computeAllLayers");
  let startAts: Array<FixedPoint | undefined> = new Array(L).fill(undefined);
  if (o.startAt !== undefined) {
    if (!Array.isArray(o.startAt) || o.startAt.length !== L) {
      throw new ReplicaError(
        `options.startAt: computeAllLayers needs one fixed point per sub-network (${L})`,
      );
    }
    startAts = o.startAt;
  }
  const outputNoise = parts.channels[L - 1].varNoise;
  const results: ReplicaResult[] = [];
  for (let i = 1; i <= L; i++) {
    const channels = parts.channels.slice(0, i);
    if (i < L) channels[i - 1] = channels[i - 1].withNoise(outputNoise);
    const sub: NetworkParts = { prior: parts.prior, channels, ensembles: parts.ensembles.slice(0, i) };
    results.push(computeParts(sub, { ...o, startAt: startAts[i - 1] }));
  }
  return results;
}
