/**
 * A validated NetworkSpec (or objects built directly with the factories) → the solvers' `Network`.
 */
import { createChannel } from "../channels";
import { ReplicaError } from "../channels/replica-error";
import { ensembleFromSpec } from "../ensembles/create-ensemble";
import type { Channel, Ensemble, Prior } from "../interface";
import { createPrior } from "../priors";
import { buildNetwork, type Network } from "../solvers/network";
import { type NetworkSpec, networkSpecSchema } from "./network-spec";
import { parseOrThrow } from "./parse";

/** A network made of already built parts (createPrior / createChannel / genericChannel / createEnsemble). */
export interface NetworkParts {
  prior: Prior;
  /** One per weight layer; the last one is the output channel. */
  channels: Channel[];
  ensembles: Ensemble[];
}

export function isNetworkParts(x: unknown): x is NetworkParts {
  return typeof x === "object" && x !== null && "prior" in x && "channels" in x && "ensembles" in x;
}

/** Validate a spec (one-line ReplicaError naming the field). */
export function parseNetworkSpec(input: unknown): NetworkSpec {
  return parseOrThrow(networkSpecSchema, input, "network");
}

/** The parts of a validated spec. */
export function partsFromSpec(spec: NetworkSpec): NetworkParts {
  const [priorSpec, ...activations] = spec.layers;
  return {
    prior: createPrior(priorSpec),
    channels: activations.map((a) => createChannel(a)),
    ensembles: spec.weights.map((w, i) => ensembleFromSpec(w, `weights[${i}]`)),
  };
}

/** Parts → Network, checking the counts (the spec path checks them in zod already). */
export function networkFromParts(parts: NetworkParts): Network {
  const { prior, channels, ensembles } = parts;
  if (channels.length === 0) throw new ReplicaError("network: needs at least one channel");
  if (ensembles.length !== channels.length) {
    throw new ReplicaError(
      `network: ${ensembles.length} ensembles for ${channels.length} channels (layers/weights count mismatch)`,
    );
  }
  return buildNetwork(prior, channels, ensembles);
}

/** Spec or parts → parts (validating a spec). */
export function toParts(input: NetworkSpec | NetworkParts): NetworkParts {
  return isNetworkParts(input) ? input : partsFromSpec(parseNetworkSpec(input));
}
