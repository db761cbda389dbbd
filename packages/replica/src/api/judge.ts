/**
 * Judging one solver run (replica-math §3.5, robust driver): φ and mi at its end state, the stationarity
 * residual, and the sanity guards — finite values, 0 ≤ V_ℓ ≤ ρ_ℓ, 0 ≤ Ṽ_ℓ ≤ ρ̃_ℓ, A, Ã, θ ≥ 0, residual small,
 * and for a discrete prior seen through noiseless hidden layers 0 ≤ I(X;T) ≤ H(P_0) (§6.2).
 */
import type { FixedPoint, StartTrace } from "../interface";
import type { Network } from "../solvers/network";
import { potential } from "../solvers/potential";
import type { SolverRun } from "../solvers/run";
import { stationarityResidual } from "../solvers/stationarity";

export interface Judged {
  trace: StartTrace;
  run: SolverRun | null;
  state: FixedPoint | null;
  mi: number;
  /** Rejected only because the iteration cap was reached (usable, flagged, when nothing better exists). */
  onlyUnconverged: boolean;
}

export interface JudgeContext {
  net: Network;
  fixedV: readonly boolean[];
  /** α̃_L Ψ_out(0; ρ̃_L); NaN/±∞ allowed (then mi is ±∞ or undefined). */
  miShift: number;
  /** Largest accepted stationarity residual. */
  residualTol: number;
  /** Apply the guards (robust mode) or only report (dnner mode). */
  guards: boolean;
}

const BOUND_SLACK = 1e-9;

function boundViolation(net: Network, s: FixedPoint): string | undefined {
  for (let i = 0; i < net.depth; i++) {
    const l = i + 1;
    if (s.v[i] < 0 || s.v[i] > net.rho[i] * (1 + BOUND_SLACK)) {
      return `V_${l} = ${s.v[i].toPrecision(6)} outside [0, ρ_${l} = ${net.rho[i].toPrecision(6)}]`;
    }
    if (s.vIn[i] < 0 || s.vIn[i] > net.rhoT[i] * (1 + BOUND_SLACK)) {
      return `Ṽ_${l} = ${s.vIn[i].toPrecision(6)} outside [0, ρ̃_${l} = ${net.rhoT[i].toPrecision(6)}]`;
    }
    if (s.a[i] < 0 || s.aIn[i] < 0 || s.theta[i] < 0) return `negative A, Ã or θ at layer ${l}`;
  }
  return undefined;
}

function allFinite(s: FixedPoint): boolean {
  for (const arr of [s.v, s.a, s.vIn, s.aIn, s.theta])
    for (const x of arr) if (!Number.isFinite(x)) return false;
  return true;
}

/** Upper bound on mi when it is I(X; T_L) of a discrete input: H(P_0), else +∞. */
function miUpperBound(net: Network): number {
  const h0 = net.prior.discreteEntropy;
  if (h0 === undefined) return Number.POSITIVE_INFINITY;
  for (let i = 0; i < net.depth - 1; i++) if (net.channels[i].varNoise !== 0) return Number.POSITIVE_INFINITY;
  return h0;
}

export function judgeRun(
  ctx: JudgeContext,
  run: SolverRun | null,
  thrown: string | undefined,
  v0: number[] | null,
  role: StartTrace["role"],
): Judged {
  const trace: StartTrace = {
    solver: run?.solver ?? "fp",
    v0,
    role,
    iterations: run?.iterations ?? 0,
    step: run?.step ?? Number.NaN,
    residual: Number.NaN,
    converged: run?.converged ?? false,
    phi: Number.NaN,
    accepted: false,
  };
  const reasons: string[] = [];
  let mi = Number.NaN;
  let usable = false;
  if (thrown !== undefined) reasons.push(thrown);
  else if (run === null) reasons.push("no run");
  else if (run.failure !== undefined) reasons.push(run.failure);
  else if (!allFinite(run.state)) reasons.push("non-finite order parameters");
  else {
    try {
      trace.phi = potential(ctx.net, run.state);
      trace.residual = stationarityResidual(ctx.net, run.state, ctx.fixedV);
    } catch (e) {
      reasons.push(e instanceof Error ? e.message : String(e));
    }
    mi = trace.phi + ctx.miShift;
    if (reasons.length === 0) {
      if (!Number.isFinite(trace.phi)) reasons.push(`φ = ${trace.phi} at the end state`);
      const bound = boundViolation(ctx.net, run.state);
      if (bound) reasons.push(bound);
      const hMax = miUpperBound(ctx.net);
      if (mi > hMax + BOUND_SLACK) {
        reasons.push(
          `MI = ${mi.toPrecision(8)} > H(P_0) = ${hMax.toPrecision(8)} (impossible for a discrete input)`,
        );
      }
      if (mi < -BOUND_SLACK) reasons.push(`MI = ${mi.toPrecision(8)} < 0`);
      if (Number.isNaN(mi)) reasons.push("MI undefined (the output's conditional entropy does not exist)");
      usable = reasons.length === 0;
      if (!run.converged) {
        reasons.push(
          `not converged after ${run.iterations} sweeps: ${run.stopped} (Σ|ΔV| = ${run.step.toPrecision(3)})`,
        );
      } else if (!(trace.residual <= ctx.residualTol)) {
        reasons.push(`stationarity residual ${trace.residual.toPrecision(3)} > ${ctx.residualTol}`);
        usable = false;
      }
    }
  }
  if (!ctx.guards) {
    // dnner mode: report what is wrong but keep the run
    trace.accepted = run !== null && run.failure === undefined && thrown === undefined;
  } else trace.accepted = reasons.length === 0;
  if (reasons.length > 0) trace.reason = reasons.join("; ");
  return {
    trace,
    run,
    state: run?.state ?? null,
    mi,
    onlyUnconverged: usable && run !== null && !run.converged,
  };
}
