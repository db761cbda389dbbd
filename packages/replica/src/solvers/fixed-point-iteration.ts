/**
 * The fixed-point iteration of the saddle-point equations (replica-math §2.5, §3.1; dnner `extremize_fp`):
 * backward sweep θ → Ṽ → A → θ → Ã per layer, then V = 𝒱(Ã) for every layer; layers whose V is exactly 0 are
 * frozen. One `hidden()` call per hidden layer per sweep: 𝒜_ℓ and 𝒱_{ℓ+1} are evaluated at the same point
 * (Ã_{ℓ+1}, Ṽ_ℓ), so the V update reuses the values of the backward sweep.
 */
import type { FixedPoint, HiddenValues } from "../interface";
import { ANDERSON_DEPTH, AndersonAccelerator, MAX_LOG_DEVIATION } from "./anderson";
import type { Network } from "./network";
import {
  ConvergenceMonitor,
  MERGE_TOL,
  mergedRun,
  nearKnown,
  type SolverOptions,
  type SolverRun,
} from "./run";
import { copyFixedPoint, frozenAIn } from "./state";

/** Robust mode gives up on a run after this many consecutive sweeps without a root of the θ-equation. */
const MAX_THETA_FAILURES = 10;

export type FixedPointStart = { v0: readonly number[] } | { state: FixedPoint };

/** dnner's initialisation from a start vector: A = 0.5/V (1 when V = 0), Ṽ = Ã = θ = 0. */
export function initialFixedPoint(v0: readonly number[]): FixedPoint {
  const L = v0.length;
  return {
    v: v0.slice(),
    a: v0.map((v) => (v !== 0 ? 0.5 / v : 1)),
    vIn: new Array<number>(L).fill(0),
    aIn: new Array<number>(L).fill(0),
    theta: new Array<number>(L).fill(0),
  };
}

export function runFixedPoint(net: Network, start: FixedPointStart, opts: SolverOptions): SolverRun {
  const { depth: L, prior, channels, ensembles, alpha, rhoT, rho } = net;
  const s = "state" in start ? copyFixedPoint(start.state) : initialFixedPoint(start.v0);
  const { v, a, vIn, aIn, theta } = s;
  const frozen = new Array<boolean>(L).fill(false);
  const ok = new Array<boolean>(L).fill(true);
  const gammaAt = new Array<number>(L).fill(0);
  let anyFrozen = freezeZeros(net, s, frozen, ok);
  const anyFixed = opts.fixedV.includes(true);
  const hv = new Array<HiddenValues | undefined>(L);
  const old = new Array<number>(L);
  const tracked = anyFixed ? vIn : v;
  // a run resumed from a state is near its fixed point: its sweeps are exact from the start
  const monitor = new ConvergenceMonitor(opts, !("v0" in start));
  let iterations = 0;
  let converged = false;
  let failure: string | undefined;
  let stopped: string | undefined;
  let thetaFailures = 0;
  let merged = -1;

  // Anderson mixing of (log V, log A) — robust mode, no frozen or fixed layers (dnner mode iterates plainly)
  const accel =
    opts.accelerate && !anyFixed
      ? new AndersonAccelerator(2 * L, ANDERSON_DEPTH, MAX_LOG_DEVIATION)
      : undefined;
  const x = new Array<number>(2 * L).fill(0);
  const gx = new Array<number>(2 * L).fill(0);
  const nx = new Array<number>(2 * L).fill(0);

  while (iterations < opts.maxIter) {
    const accuracy = monitor.sweepAccuracy();
    for (let i = 0; i < L; i++) old[i] = tracked[i];
    if (accel) logVA(s, x);
    let allOk = true;
    for (let i = L - 1; i >= 0; i--) {
      if (!frozen[i]) {
        const r = ensembles[i].theta(a[i] * v[i]);
        theta[i] = r.theta;
        vIn[i] = r.theta / a[i];
      }
      if (i === L - 1) a[i] = channels[i].outA(vIn[i], rhoT[i]);
      else {
        const h = channels[i].hidden(aIn[i + 1], vIn[i], rhoT[i], accuracy);
        hv[i] = h;
        a[i] = h.A;
      }
      if (!frozen[i]) {
        gammaAt[i] = a[i] * v[i];
        const r = ensembles[i].theta(gammaAt[i]);
        theta[i] = r.theta;
        ok[i] = r.ok;
        allOk &&= r.ok;
        aIn[i] = (alpha[i] * r.theta) / v[i];
      }
    }
    for (let i = L - 1; i >= 0; i--) {
      if (opts.fixedV[i] || frozen[i]) continue;
      v[i] = i === 0 ? prior.V(aIn[0]) : (hv[i - 1] as HiddenValues).V;
    }
    if (freezeZeros(net, s, frozen, ok)) {
      anyFrozen = true;
      allOk = !ok.includes(false);
    }
    iterations++;
    if (!isFiniteState(s)) {
      failure = "quantities diverging (NaN or infinite order parameters)";
      break;
    }
    if (monitor.record(old, tracked, accuracy === undefined) && allOk) {
      converged = true;
      break;
    }
    thetaFailures = allOk ? 0 : thetaFailures + 1;
    // robust mode: stuck where the θ-equation has no root, or no root for many sweeps in a row (dnner keeps
    // iterating with the best non-root θ and raises "soln. not found" only if still failing at the end)
    if (
      !allOk &&
      opts.relTol !== undefined &&
      (monitor.step < opts.tol || thetaFailures >= MAX_THETA_FAILURES)
    ) {
      failure = noRoot(ok, gammaAt);
      break;
    }
    stopped = monitor.tooSlow();
    if (stopped !== undefined) break;
    if (monitor.relStep < MERGE_TOL && (merged = nearKnown(s, opts.known, rho)) >= 0) break;
    // replace (V, A) by the Anderson mix of the last sweeps, unless a layer froze or the mix leaves the domain
    if (accel) {
      if (anyFrozen || !allOk) accel.reset();
      else accelerate(accel, s, rho, x, gx, nx);
    }
  }
  if (failure === undefined && ok.includes(false)) failure = noRoot(ok, gammaAt);
  if (!converged && failure === undefined && stopped === undefined)
    stopped = `maxIter = ${opts.maxIter} reached`;
  if (merged >= 0) return mergedRun("fp", opts, merged, iterations, monitor.step);
  return { solver: "fp", state: s, iterations, step: monitor.step, converged, failure, stopped };
}

/**
 * (Re)freeze the layers whose V is exactly 0: Ṽ = θ = 0 and Ã the γ → 0 limit at the current A (replica-math
 * §3.1); true when a layer froze for the first time.
 */
function freezeZeros(net: Network, s: FixedPoint, frozen: boolean[], ok: boolean[]): boolean {
  let first = false;
  for (let i = 0; i < net.depth; i++) {
    if (s.v[i] !== 0) continue;
    s.aIn[i] = frozenAIn(net, i, s.a[i]);
    s.vIn[i] = 0;
    s.theta[i] = 0;
    first ||= !frozen[i];
    frozen[i] = true;
    ok[i] = true;
  }
  return first;
}

function noRoot(ok: readonly boolean[], gammaAt: readonly number[]): string {
  const bad = ok.indexOf(false);
  return `θ-equation has no root at layer ${bad + 1} (γ = A·V = ${gammaAt[bad].toPrecision(6)})`;
}

/** (log V, log A) of a state into `out`. */
function logVA(s: FixedPoint, out: number[]): void {
  const L = s.v.length;
  for (let i = 0; i < L; i++) {
    out[i] = Math.log(s.v[i]);
    out[L + i] = Math.log(s.a[i]);
  }
}

/** One Anderson step on (log V, log A): x the sweep's input, the state its image; the mix replaces the state. */
function accelerate(
  acc: AndersonAccelerator,
  s: FixedPoint,
  rho: readonly number[],
  x: number[],
  gx: number[],
  nx: number[],
): void {
  const L = s.v.length;
  logVA(s, gx);
  acc.next(x, gx, nx);
  for (let i = 0; i < L; i++) {
    const vi = Math.exp(nx[i]);
    if (!(vi > 0 && vi <= rho[i] && Number.isFinite(nx[L + i]))) {
      acc.reset();
      return;
    }
  }
  for (let i = 0; i < L; i++) {
    s.v[i] = Math.exp(nx[i]);
    s.a[i] = Math.exp(nx[L + i]);
  }
}

export function isFiniteState(s: FixedPoint): boolean {
  const { v, a, vIn, aIn, theta } = s;
  for (let i = 0; i < v.length; i++) {
    if (!(Number.isFinite(v[i]) && Number.isFinite(a[i]) && Number.isFinite(vIn[i]))) return false;
    if (!(Number.isFinite(aIn[i]) && Number.isFinite(theta[i]))) return false;
  }
  return true;
}
