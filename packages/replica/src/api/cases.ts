/**
 * Running cases in the format of shared/reference/replica-cases.json (dnner's layer names and option names:
 * v0, fixed_v, use_vamp, max_iter, tol, tol_test, compute_minimum, start_at) — what `infoflow replica --cases`
 * does for each entry. A failing case yields `error: { message }` and does not stop the others.
 */
import { performance } from "node:perf_hooks";
import { z } from "zod";
import { ReplicaError } from "../channels/replica-error";
import type { FixedPoint, ReplicaOptions, ReplicaResult } from "../interface";
import { networkSpecSchema } from "../spec/network-spec";
import { parseOrThrow } from "../spec/parse";
import { computeAllLayers, computeEntropy } from "./compute";

const dnnerFixedPoint = z.object({
  v: z.array(z.number()),
  a: z.array(z.number()),
  v_in: z.array(z.number()),
  a_in: z.array(z.number()),
  theta: z.array(z.number()),
});
/** dnner passes `extra` dicts back as start_at: `{ fixed_points: {...} }`; the bare fixed point is accepted too. */
const dnnerStart = z.union([z.object({ fixed_points: dnnerFixedPoint }), dnnerFixedPoint]);

export const caseOptionsSchema = z.object({
  v0: z
    .union([
      z.number().finite().nonnegative(),
      z.array(z.number().finite().nonnegative().nullable()),
      z.array(z.array(z.number().finite().nonnegative())),
    ])
    .nullable()
    .optional(),
  fixed_v: z
    .union([z.boolean(), z.number().int(), z.array(z.union([z.boolean(), z.number().int()]))])
    .optional(),
  use_vamp: z.boolean().optional(),
  max_iter: z.number().int().positive().optional(),
  tol: z.number().finite().positive().optional(),
  tol_test: z.number().finite().positive().optional(),
  compute_minimum: z.boolean().optional(),
  // infoflow's own (not dnner's): every sweep at full accuracy (ReplicaOptions.exactSweeps)
  exact_sweeps: z.boolean().optional(),
  start_at: z
    .union([dnnerStart, z.array(dnnerStart)])
    .nullable()
    .optional(),
  // accepted for compatibility, no effect: return_extra (we always return everything), verbose, always_include
  return_extra: z.boolean().optional(),
  verbose: z.number().optional(),
});

export const replicaCaseSchema = z.looseObject({
  id: z.string(),
  layers: z.array(z.unknown()),
  weights: z.array(z.unknown()),
  call: z.enum(["compute_entropy", "compute_mi", "compute_all"]).default("compute_entropy"),
  options: caseOptionsSchema.default({}),
});

export interface CaseFixedPoint {
  v: number[];
  a: number[];
  v_in: number[];
  a_in: number[];
  theta: number[];
  phi: number;
  solver: "fp" | "vamp";
}

export interface CaseOutput {
  id: string;
  entropy: number | number[] | null;
  mi: number | number[] | null;
  mmse: number | number[] | null;
  /** Every distinct fixed point found (smallest φ first); per sub-network for compute_all. */
  fixedPoints: CaseFixedPoint[] | CaseFixedPoint[][] | null;
  converged: boolean | null;
  iterations: number | number[] | null;
  seconds: number;
  warnings: string[];
  error: { message: string } | null;
}

function toFixedPoint(s: z.infer<typeof dnnerStart>): FixedPoint {
  const f = "fixed_points" in s ? s.fixed_points : s;
  return { v: f.v, a: f.a, vIn: f.v_in, aIn: f.a_in, theta: f.theta };
}

/** dnner's option names → ReplicaOptions. */
export function caseOptions(
  raw: z.infer<typeof caseOptionsSchema>,
  mode: "robust" | "dnner",
): ReplicaOptions {
  const o: ReplicaOptions = { mode };
  if (raw.v0 !== undefined && raw.v0 !== null) o.v0 = raw.v0;
  if (raw.fixed_v !== undefined) {
    o.fixedV = Array.isArray(raw.fixed_v) ? raw.fixed_v.map((x) => Boolean(x)) : Boolean(raw.fixed_v);
  }
  if (raw.use_vamp !== undefined) o.useVamp = raw.use_vamp;
  if (raw.max_iter !== undefined) o.maxIter = raw.max_iter;
  if (raw.tol !== undefined) o.tol = raw.tol;
  if (raw.tol_test !== undefined) o.tolTest = raw.tol_test;
  if (raw.compute_minimum !== undefined) o.computeMinimum = raw.compute_minimum;
  if (raw.exact_sweeps !== undefined) o.exactSweeps = raw.exact_sweeps;
  if (raw.start_at !== undefined && raw.start_at !== null) {
    o.startAt = Array.isArray(raw.start_at) ? raw.start_at.map(toFixedPoint) : toFixedPoint(raw.start_at);
  }
  return o;
}

function caseFixedPoints(r: ReplicaResult): CaseFixedPoint[] {
  return r.fixedPoints.map(({ fixedPoint: f, phi, solver }) => ({
    v: f.v,
    a: f.a,
    v_in: f.vIn,
    a_in: f.aIn,
    theta: f.theta,
    phi,
    solver,
  }));
}

/** Run one case; never throws (a bad case becomes `error`). */
export function runCase(input: unknown, mode: "robust" | "dnner" = "robust"): CaseOutput {
  const id =
    typeof input === "object" && input !== null && typeof (input as { id?: unknown }).id === "string"
      ? (input as { id: string }).id
      : "?";
  const out: CaseOutput = {
    id,
    entropy: null,
    mi: null,
    mmse: null,
    fixedPoints: null,
    converged: null,
    iterations: null,
    seconds: 0,
    warnings: [],
    error: null,
  };
  const t0 = performance.now();
  try {
    const c = parseOrThrow(replicaCaseSchema, input, `case ${id}`);
    const spec = parseOrThrow(networkSpecSchema, { layers: c.layers, weights: c.weights }, `case ${id}`);
    const options = caseOptions(c.options, mode);
    if (c.call === "compute_all") {
      const rs = computeAllLayers(spec, options);
      out.entropy = rs.map((r) => r.entropy);
      out.mi = rs.map((r) => r.mi);
      out.mmse = rs.map((r) => r.mmse);
      out.fixedPoints = rs.map(caseFixedPoints);
      out.converged = rs.every((r) => r.diagnostics.converged);
      out.iterations = rs.map((r) => r.diagnostics.iterations);
      out.warnings = rs.flatMap((r, i) => r.diagnostics.warnings.map((w) => `layer ${i + 1}: ${w}`));
    } else {
      const r = computeEntropy(spec, options);
      out.entropy = r.entropy;
      out.mi = r.mi;
      out.mmse = r.mmse;
      out.fixedPoints = caseFixedPoints(r);
      out.converged = r.diagnostics.converged;
      out.iterations = r.diagnostics.iterations;
      out.warnings = r.diagnostics.warnings;
    }
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    const message = e instanceof ReplicaError ? e.message : `${e.name}: ${e.message}`;
    out.error = { message: message.split("\n")[0] };
  }
  out.seconds = (performance.now() - t0) / 1000;
  return out;
}
