/**
 * The two drivers behind computeEntropy (replica-math §3.4–3.5, §2.6 "min over stationary points"):
 *
 * robust (default) — every start runs to the full tolerance with the first solver; each run is judged
 *   (judge.ts); if none passes, the same starts run with the other solver. The smallest φ over accepted runs
 *   is the entropy; every distinct accepted fixed point is reported (phase coexistence). With no accepted
 *   run, a run that only lacked iterations is returned flagged `converged: false`; otherwise a one-line error.
 * dnner — dnner's `compute_entropy`: screening runs at `tolTest`, continue the one with the smallest φ at
 *   `tol` (or run once from `startAt` / a single start); errors where dnner raises, as ReplicaError.
 */
import { ReplicaError } from "../channels/replica-error";
import type { FixedPoint, ReplicaResult, StartTrace } from "../interface";
import { MIN_SWEEPS_FOR_ACCELERATION } from "../solvers/anderson";
import { type FixedPointStart, runFixedPoint } from "../solvers/fixed-point-iteration";
import type { Network } from "../solvers/network";
import { conditionalEntropyTerm } from "../solvers/potential";
import type { SolverName, SolverOptions, SolverRun } from "../solvers/run";
import { ZERO_VARIANCE } from "../solvers/state";
import { runVamp, type VampStart } from "../solvers/vamp-state-evolution";
import { type JudgeContext, type Judged, judgeRun } from "./judge";
import type { ResolvedOptions } from "./options";

type Start = { v0: number[] } | { state: FixedPoint } | { resume: SolverRun };

function execute(net: Network, solver: SolverName, start: Start, opts: SolverOptions): SolverRun {
  if (solver === "fp") {
    const s: FixedPointStart = "resume" in start ? { state: start.resume.state } : start;
    return runFixedPoint(net, s, opts);
  }
  const s: VampStart =
    "resume" in start
      ? start.resume.vamp
        ? { vamp: start.resume.vamp }
        : { state: start.resume.state }
      : start;
  return runVamp(net, s, opts);
}

/** Run and judge; exceptions of the scalar functions (e.g. an infinite Ψ_out) become the run's reason. */
function attempt(
  ctx: JudgeContext,
  solver: SolverName,
  start: Start,
  opts: SolverOptions,
  role: StartTrace["role"],
): Judged {
  const v0 = "v0" in start ? start.v0.slice() : null;
  let run: SolverRun | null = null;
  let thrown: string | undefined;
  try {
    run = execute(ctx.net, solver, start, opts);
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    thrown = e.message;
  }
  const judged = judgeRun(ctx, run, thrown, v0, role);
  judged.trace.solver = solver;
  return judged;
}

/** α̃_L Ψ_out(0; ρ̃_L), or why it does not exist (a noiseless continuous output: H(T_L | T_{L−1}) = −∞). */
function miShift(net: Network): { value: number; error?: string } {
  try {
    return { value: conditionalEntropyTerm(net) };
  } catch (e) {
    if (e instanceof ReplicaError) return { value: Number.NaN, error: e.message };
    throw e;
  }
}

interface DriverContext extends JudgeContext {
  /** Why the MI term does not exist, if it does not. */
  shiftError?: string;
}

function context(net: Network, o: ResolvedOptions, guards: boolean): DriverContext {
  const shift = miShift(net);
  return {
    net,
    fixedV: o.fixedV,
    miShift: shift.value,
    shiftError: shift.error,
    residualTol: Math.max(1e-6, 1e3 * o.tol),
    guards,
  };
}

/**
 * Two accepted states are the same fixed point unless φ or V differ clearly: near a critical point (α = 1, tiny
 * noise) the iteration is so flat that two runs of one fixed point stop with V apart by ~1e−5 relative while
 * φ agrees to ~1e−11; coexisting phases differ in φ.
 */
function sameFixedPoint(net: Network, a: Judged, b: Judged): boolean {
  const sa = a.state as FixedPoint;
  const sb = b.state as FixedPoint;
  for (let i = 0; i < net.depth; i++) {
    const scale = Math.max(Math.abs(sa.v[i]), Math.abs(sb.v[i]), 1e-3 * net.rho[i]);
    if (Math.abs(sa.v[i] - sb.v[i]) > 1e-3 * scale) return false;
  }
  return Math.abs(a.trace.phi - b.trace.phi) <= 1e-8 * Math.max(1, Math.abs(a.trace.phi));
}

function result(chosen: Judged, all: Judged[], distinct: Judged[], warnings: string[]): ReplicaResult {
  const state = chosen.state as FixedPoint;
  if (Number.isNaN(chosen.trace.phi) || Number.isNaN(chosen.mi)) {
    // the package promise: never a NaN (issue 3)
    throw new ReplicaError(
      `the selected fixed point gives no defined value: ${chosen.trace.reason ?? "NaN"}`,
    );
  }
  return {
    entropy: chosen.trace.phi,
    mi: chosen.mi,
    mmse: state.v[0],
    fixedPoint: state,
    fixedPoints: distinct.map((d) => ({
      fixedPoint: d.state as FixedPoint,
      phi: d.trace.phi,
      solver: d.trace.solver,
    })),
    diagnostics: {
      scheme: chosen.trace.solver,
      iterations: chosen.trace.iterations,
      residual: chosen.trace.residual,
      converged: chosen.trace.converged,
      starts: all.map((j) => j.trace),
      warnings,
    },
  };
}

/** Robust mode's relative step tolerance: 1e−9 at the default tol, looser with a looser tol. */
function relTol(o: ResolvedOptions): number {
  return Math.min(1e-6, Math.max(1e-9, 100 * o.tol));
}

/** Robust mode accelerates its runs, except under a cap of a few sweeps (anderson.ts). */
function accelerated(o: ResolvedOptions): boolean {
  return o.mode === "robust" && o.maxIter >= MIN_SWEEPS_FOR_ACCELERATION;
}

function solverOptions(o: ResolvedOptions, tol: number): SolverOptions {
  const robust = o.mode === "robust";
  return {
    maxIter: o.maxIter,
    tol,
    fixedV: o.fixedV,
    relTol: robust ? relTol(o) : undefined,
    accelerate: accelerated(o),
    inexact: accelerated(o) && !o.exactSweeps,
  };
}

function describeStart(j: Judged): string {
  return `${j.trace.solver} from ${j.trace.v0 ? `v0 = [${j.trace.v0.map((x) => x.toPrecision(3)).join(", ")}]` : "startAt"}`;
}

/** Fixed-point runs slower than this many sweeps are polished (their slowest direction is nearly flat). */
const POLISH_AFTER_SWEEPS = 25;

/**
 * Each solver is exact where the other is approximate, so the selected fixed point is finished by the other one
 * when it needs it:
 * - Near a critical point (α = 1 with tiny noise, a phase transition) the fixed-point iteration's Jacobian has
 *   an eigenvalue close to 1: the sweep-to-sweep change, and the stationarity residual, are ε times the distance
 *   to the fixed point, so a "converged" run can be off by ~1e−7 in V. ML-VAMP has no such flat direction.
 * - ML-VAMP freezes a layer whose V underflows by setting its precisions to 1e10 (dnner's convention), which
 *   leaves Ṽ = 1e−10 instead of 0 and moves φ by ~1e−8; the fixed-point iteration freezes exactly (Ṽ = 0).
 * The finishing run starts from the selected state; it replaces it when it passes the checks, has the same φ
 * (to 1e−9, or 1e−6 for a frozen ML-VAMP state) and a residual no larger.
 */
function polish(ctx: DriverContext, o: ResolvedOptions, chosen: Judged, all: Judged[]): Judged {
  if (o.fixedV.some((f) => f) || chosen.run === null) return chosen;
  const state = chosen.run.state;
  let by: SolverName;
  let phiTol: number;
  if (chosen.trace.solver === "fp") {
    if (chosen.trace.iterations <= POLISH_AFTER_SWEEPS && chosen.trace.residual <= 1e-8) return chosen;
    by = "vamp";
    phiTol = 1e-9;
  } else {
    if (!state.v.some((v) => v <= ZERO_VARIANCE)) return chosen;
    by = "fp";
    phiTol = 1e-6;
  }
  const p = attempt(ctx, by, { state }, { ...solverOptions(o, o.tol), maxIter: 50 }, "polish");
  p.trace.v0 = chosen.trace.v0;
  all.push(p);
  const same = Math.abs(p.trace.phi - chosen.trace.phi) <= phiTol * Math.max(1, Math.abs(chosen.trace.phi));
  return p.trace.accepted && same && p.trace.residual <= chosen.trace.residual ? p : chosen;
}

export function robustDriver(net: Network, o: ResolvedOptions): ReplicaResult {
  const ctx = context(net, o, true);
  const starts: Start[] = o.startAt ? [{ state: o.startAt }] : o.starts.map((v0) => ({ v0 }));
  const all: Judged[] = [];
  const warnings: string[] = [];
  for (const solver of o.solvers) {
    // runs of this solver merge into the fixed points its earlier starts reached (run.ts, MERGE_TOL)
    const found: Judged[] = [];
    for (const start of starts) {
      const known = found.map((j) => j.state as FixedPoint);
      const j = attempt(ctx, solver, start, { ...solverOptions(o, o.tol), known }, "start");
      if (j.run?.merged !== undefined) {
        const into = found[j.run.merged];
        j.trace.note = `merged after ${j.trace.iterations} sweeps into the fixed point of ${describeStart(into)}`;
      } else if (j.trace.accepted) found.push(j);
      all.push(j);
    }
    if (all.some((j) => j.trace.accepted)) break;
    if (solver !== o.solvers[o.solvers.length - 1]) {
      warnings.push(`no ${solver} run passed the checks; tried the other solver`);
    }
  }
  const accepted = all.filter((j) => j.trace.accepted).sort((a, b) => a.trace.phi - b.trace.phi);
  const rejected = all.filter((j) => !j.trace.accepted);
  if (accepted.length > 0) {
    const distinct: Judged[] = [];
    for (const j of accepted) if (!distinct.some((d) => sameFixedPoint(net, d, j))) distinct.push(j);
    if (rejected.length > 0) {
      warnings.push(
        `${rejected.length} of ${all.length} runs rejected (${describeStart(rejected[0])}: ${rejected[0].trace.reason})`,
      );
    }
    if (distinct.length > 1) {
      warnings.push(
        `${distinct.length} distinct fixed points (φ = ${distinct.map((d) => d.trace.phi.toPrecision(10)).join(", ")}); the smallest φ is the entropy`,
      );
    }
    const best = polish(ctx, o, accepted[0], all);
    if (best !== accepted[0]) distinct[0] = best;
    return result(best, all, distinct, warnings);
  }
  // Nothing passed. A run whose only fault is the iteration cap is still the best answer there is.
  // Its values are reported from the plain (unaccelerated) iteration, i.e. dnner's numbers after maxIter sweeps.
  if (ctx.shiftError !== undefined) throw new ReplicaError(`${ctx.shiftError}; no finite fixed point either`);
  const capped = all
    .filter((j) => j.onlyUnconverged && Number.isFinite(j.mi) && Number.isFinite(j.trace.phi))
    .sort((a, b) => a.trace.phi - b.trace.phi);
  const first = capped.filter((j) => j.trace.solver === o.solvers[0]);
  const best = first[0] ?? capped[0];
  if (best !== undefined && !accelerated(o)) {
    // already the plain iteration's values
    warnings.push(`did not converge: ${best.trace.reason}; the values are those of the last sweep`);
    return result(best, all, [], warnings);
  }
  if (best !== undefined) {
    const start: Start = best.trace.v0 ? { v0: best.trace.v0 } : { state: o.startAt as FixedPoint };
    const plain = attempt(
      ctx,
      best.trace.solver,
      start,
      { ...solverOptions(o, o.tol), accelerate: false },
      "final",
    );
    const chosen =
      (plain.onlyUnconverged || plain.trace.accepted) && Number.isFinite(plain.mi) ? plain : best;
    all.push(plain);
    warnings.push(`did not converge: ${chosen.trace.reason}; the values are those of the last sweep`);
    return result(chosen, all, [], warnings);
  }
  const reasons = [...new Set(all.map((j) => `${describeStart(j)}: ${j.trace.reason}`))];
  throw new ReplicaError(
    `no valid fixed point (${reasons.slice(0, 3).join(" | ")}${reasons.length > 3 ? " | …" : ""})`,
  );
}

export function dnnerDriver(net: Network, o: ResolvedOptions): ReplicaResult {
  const ctx = context(net, o, false);
  const solver = o.solvers[0];
  const all: Judged[] = [];
  const warnings: string[] = [];
  const usable = (j: Judged) => j.trace.accepted && Number.isFinite(j.trace.phi);
  const exec = (start: Start, tol: number, role: StartTrace["role"]): Judged => {
    const j = attempt(ctx, solver, start, solverOptions(o, tol), role);
    all.push(j);
    return j;
  };
  const fail = (j: Judged): never => {
    throw new ReplicaError(`${describeStart(j)} failed: ${j.trace.reason ?? "φ is not finite"}`);
  };
  let chosen: Judged;
  if (o.startAt) chosen = exec({ state: o.startAt }, o.tol, "final");
  else if (o.starts.length > 1) {
    // dnner raises when any screening run fails; here a failed screen only drops out of the comparison
    const screens = o.starts.map((v0) => exec({ v0 }, o.computeMinimum ? o.tolTest : o.tol, "screen"));
    const ok = screens.filter(usable);
    if (ok.length === 0) fail(screens[0]);
    for (const j of screens) if (!usable(j)) warnings.push(`${describeStart(j)} dropped: ${j.trace.reason}`);
    const best = ok.reduce((m, j) => (j.trace.phi < m.trace.phi ? j : m));
    chosen = o.computeMinimum ? exec({ resume: best.run as SolverRun }, o.tol, "final") : best;
  } else chosen = exec({ v0: o.starts[0] }, o.tol, "final");
  if (!usable(chosen)) fail(chosen);
  if (!chosen.trace.converged) {
    warnings.push(
      `iteration did not converge to tol = ${o.tol} in ${o.maxIter} sweeps (Σ|ΔV| = ${chosen.trace.step})`,
    );
  }
  return result(chosen, all, [chosen], warnings);
}
