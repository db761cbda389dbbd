/**
 * ReplicaOptions → what the drivers run: the start vectors (dnner `set_v0`, replica-math §3.4), fixed V,
 * solver order and tolerances. Validated here, at the public boundary, with one-line errors.
 */
import { z } from "zod";
import { ReplicaError } from "../channels/replica-error";
import type { FixedPoint, ReplicaOptions } from "../interface";
import type { Network } from "../solvers/network";
import type { SolverName } from "../solvers/run";
import { parseOrThrow } from "../spec/parse";

/** dnner's δ, the "almost zero" start of a layer's V. */
export const START_DELTA = 1e-10;

const fixedPointSchema = z.strictObject({
  v: z.array(z.number()),
  a: z.array(z.number()),
  vIn: z.array(z.number()),
  aIn: z.array(z.number()),
  theta: z.array(z.number()),
});

export const replicaOptionsSchema = z.strictObject({
  v0: z
    .union([
      z.number().finite().nonnegative(),
      z.array(z.number().finite().nonnegative().nullable()),
      z.array(z.array(z.number().finite().nonnegative())),
    ])
    .optional(),
  fixedV: z.union([z.boolean(), z.array(z.boolean())]).optional(),
  useVamp: z.boolean().optional(),
  maxIter: z.number().int().positive().optional(),
  tol: z.number().finite().positive().optional(),
  tolTest: z.number().finite().positive().optional(),
  computeMinimum: z.boolean().optional(),
  startAt: z.union([fixedPointSchema, z.array(fixedPointSchema)]).optional(),
  mode: z.enum(["robust", "dnner"]).optional(),
  exactSweeps: z.boolean().optional(),
});

export interface ResolvedOptions {
  mode: "robust" | "dnner";
  /** Start vectors (empty when `startAt` is given). */
  starts: number[][];
  startAt: FixedPoint | null;
  fixedV: boolean[];
  /** Solvers in the order they are tried. */
  solvers: SolverName[];
  maxIter: number;
  tol: number;
  tolTest: number;
  computeMinimum: boolean;
  /** Every sweep at full accuracy (robust mode's inexact sweeps off). */
  exactSweeps: boolean;
}

export function validateOptions(options: ReplicaOptions | undefined): ReplicaOptions {
  return options === undefined
    ? {}
    : (parseOrThrow(replicaOptionsSchema, options, "options") as ReplicaOptions);
}

/** dnner `set_v0(many_v0=True)`: the list of start vectors. */
export function startVectors(net: Network, v0: ReplicaOptions["v0"]): number[][] {
  const L = net.depth;
  if (v0 === undefined) {
    const starts = [new Array<number>(L).fill(START_DELTA)];
    for (let i = 0; i < L; i++) {
      const s = starts[starts.length - 1].slice();
      s[i] = net.rho[i];
      starts.push(s);
    }
    return starts;
  }
  if (typeof v0 === "number") return [new Array<number>(L).fill(v0)];
  if (v0.length > 0 && Array.isArray(v0[0])) {
    const list = v0 as number[][];
    list.forEach((s, k) => {
      checkLength(s.length, L, `options.v0[${k}]`);
    });
    return list.map((s) => s.slice());
  }
  // one vector; null entries expand into δ and ρ_ℓ (dnner's None)
  const vec = v0 as Array<number | null>;
  checkLength(vec.length, L, "options.v0");
  let starts: number[][] = [vec.map((x) => x ?? START_DELTA)];
  vec.forEach((x, i) => {
    if (x !== null) return;
    starts = starts.flatMap((s) => {
      const r = s.slice();
      r[i] = net.rho[i];
      return [s, r];
    });
  });
  return starts;
}

function checkLength(n: number, L: number, field: string): void {
  if (n !== L) throw new ReplicaError(`${field}: ${n} values for ${L} layers`);
}

/**
 * A Gaussian prior with linear-Gaussian channels makes the network jointly Gaussian: its entropy is the log-det
 * closed form (replica-math §6.1) and the saddle-point equations have one stationary point, so robust mode's
 * extra starts would only rediscover it (checked on 400 random such networks, depth 1–4, Gaussian and
 * empirical spectra with zeros, noiseless hidden layers: every start reached the same fixed point).
 * Robust mode then runs the δ start alone; the log-det tests (solvers.test.ts) check the values.
 */
function jointlyGaussian(net: Network): boolean {
  return net.prior.gaussian === true && net.channels.every((c) => c.gaussian === true);
}

export function resolveOptions(net: Network, raw: ReplicaOptions): ResolvedOptions {
  const L = net.depth;
  const mode = raw.mode ?? "robust";
  const fixedV =
    raw.fixedV === undefined
      ? new Array<boolean>(L).fill(false)
      : typeof raw.fixedV === "boolean"
        ? new Array<boolean>(L).fill(raw.fixedV)
        : raw.fixedV.slice();
  checkLength(fixedV.length, L, "options.fixedV");
  const anyFixed = fixedV.some((f) => f);
  if (anyFixed && raw.v0 === undefined) {
    throw new ReplicaError("options.fixedV: needs options.v0 (the values V is held at)");
  }
  let startAt: FixedPoint | null = null;
  if (raw.startAt !== undefined) {
    if (Array.isArray(raw.startAt))
      throw new ReplicaError("options.startAt: one fixed point per network here");
    startAt = raw.startAt;
    for (const key of ["v", "a", "vIn", "aIn", "theta"] as const) {
      checkLength(startAt[key].length, L, `options.startAt.${key}`);
    }
  }
  const primary: SolverName = raw.useVamp && !anyFixed ? "vamp" : "fp";
  const other: SolverName = primary === "fp" ? "vamp" : "fp";
  return {
    mode,
    starts: startAt
      ? []
      : mode === "robust" && raw.v0 === undefined && jointlyGaussian(net)
        ? startVectors(net, undefined).slice(0, 1)
        : startVectors(net, raw.v0),
    startAt,
    fixedV,
    // fixed V exists only for the fixed-point iteration; dnner mode never switches solver
    solvers: mode === "dnner" || anyFixed ? [primary] : [primary, other],
    maxIter: raw.maxIter ?? (mode === "dnner" ? 250 : 1000),
    tol: raw.tol ?? 1e-11,
    tolTest: raw.tolTest ?? 1e-3,
    computeMinimum: raw.computeMinimum ?? true,
    exactSweeps: raw.exactSweeps ?? false,
  };
}
