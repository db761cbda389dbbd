/**
 * The fixed-point iteration of the saddle-point equations (replica-math §2.5, §3.1; dnner `extremize_fp`):
 * backward sweep θ → Ṽ → A → θ → Ã per layer, then V = 𝒱(Ã) for every layer; layers whose V is exactly 0 are
 * frozen. One `hidden()` call per hidden layer per sweep: 𝒜_ℓ and 𝒱_{ℓ+1} are evaluated at the same point
 * (Ã_{ℓ+1}, Ṽ_ℓ), so the V update reuses the values of the backward sweep.
 */
import type { FixedPoint, HiddenValues } from "../interface";
import { AndersonAccelerator, MAX_LOG_DEVIATION } from "./anderson";
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
  const { depth: L, prior, channels, ensembles, alpha, rhoT } = net;
  const s = "state" in start ? copyFixedPoint(start.state) : initialFixedPoint(start.v0);
  const { v, a, vIn, aIn, theta } = s;
  const frozen = new Array<boolean>(L).fill(false);
  const ok = new Array<boolean>(L).fill(true);
  const gammaAt = new Array<number>(L).fill(0);
  const freeze = (i: number) => {
    aIn[i] = frozenAIn(net, i, a[i]);
    vIn[i] = 0;
    theta[i] = 0;
    frozen[i] = true;
    ok[i] = true;
  };
  for (let i = 0; i < L; i++) if (v[i] === 0) freeze(i);
  const anyFixed = opts.fixedV.some((f) => f);
  const hv = new Array<HiddenValues | undefined>(L);
  const old = new Array<number>(L);
  const tracked = anyFixed ? vIn : v;
  const monitor = new ConvergenceMonitor(opts);
  let iterations = 0;
  let converged = false;
  let failure: string | undefined;
  let stopped: string | undefined;
  let thetaFailures = 0;
  let merged = -1;
  const noRoot = () => {
    const bad = ok.indexOf(false);
    return `θ-equation has no root at layer ${bad + 1} (γ = A·V = ${gammaAt[bad].toPrecision(6)})`;
  };

  // Anderson mixing of (log V, log A) — robust mode, no frozen or fixed layers (dnner mode iterates plainly)
  const accel =
    opts.accelerate && !anyFixed ? new AndersonAccelerator(2 * L, 3, MAX_LOG_DEVIATION) : undefined;
  const x = new Array<number>(2 * L).fill(0);
  const gx = new Array<number>(2 * L).fill(0);
  const nx = new Array<number>(2 * L).fill(0);

  /** Replace (V, A) by the Anderson mix of the last sweeps, unless a layer froze or the mix leaves the domain. */
  const accelerate = () => {
    const acc = accel as AndersonAccelerator;
    if (frozen.some((f) => f) || !ok.every((o) => o)) {
      acc.reset();
      return;
    }
    for (let i = 0; i < L; i++) {
      gx[i] = Math.log(v[i]);
      gx[L + i] = Math.log(a[i]);
    }
    acc.next(x, gx, nx);
    for (let i = 0; i < L; i++) {
      const vi = Math.exp(nx[i]);
      if (!(vi > 0 && vi <= net.rho[i] && Number.isFinite(nx[L + i]))) {
        acc.reset();
        return;
      }
    }
    for (let i = 0; i < L; i++) {
      v[i] = Math.exp(nx[i]);
      a[i] = Math.exp(nx[L + i]);
    }
  };

  while (iterations < opts.maxIter) {
    for (let i = 0; i < L; i++) old[i] = tracked[i];
    for (let i = 0; i < L; i++) {
      x[i] = Math.log(v[i]);
      x[L + i] = Math.log(a[i]);
    }
    for (let i = L - 1; i >= 0; i--) {
      if (!frozen[i]) {
        const r = ensembles[i].theta(a[i] * v[i]);
        theta[i] = r.theta;
        ok[i] = r.ok;
        vIn[i] = r.theta / a[i];
      }
      if (i === L - 1) a[i] = channels[i].outA(vIn[i], rhoT[i]);
      else {
        const h = channels[i].hidden(aIn[i + 1], vIn[i], rhoT[i]);
        hv[i] = h;
        a[i] = h.A;
      }
      if (!frozen[i]) {
        gammaAt[i] = a[i] * v[i];
        const r = ensembles[i].theta(gammaAt[i]);
        theta[i] = r.theta;
        ok[i] = r.ok;
        aIn[i] = (alpha[i] * r.theta) / v[i];
      }
    }
    for (let i = L - 1; i >= 0; i--) {
      if (opts.fixedV[i] || frozen[i]) continue;
      v[i] = i === 0 ? prior.V(aIn[0]) : (hv[i - 1] as HiddenValues).V;
    }
    for (let i = 0; i < L; i++) if (v[i] === 0) freeze(i);
    iterations++;
    if (!isFiniteState(s)) {
      failure = "quantities diverging (NaN or infinite order parameters)";
      break;
    }
    const allOk = ok.every((x) => x);
    if (monitor.record(old, tracked) && allOk) {
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
      failure = noRoot();
      break;
    }
    stopped = monitor.tooSlow();
    if (stopped !== undefined) break;
    if (monitor.relStep < MERGE_TOL && (merged = nearKnown(s, opts.known, net.rho)) >= 0) break;
    if (accel) accelerate();
  }
  if (failure === undefined && !ok.every((x) => x)) failure = noRoot();
  if (!converged && failure === undefined && stopped === undefined)
    stopped = `maxIter = ${opts.maxIter} reached`;
  if (merged >= 0) return mergedRun("fp", opts, merged, iterations, monitor.step);
  return { solver: "fp", state: s, iterations, step: monitor.step, converged, failure, stopped };
}

export function isFiniteState(s: FixedPoint): boolean {
  for (const arr of [s.v, s.a, s.vIn, s.aIn, s.theta]) {
    for (const x of arr) if (!Number.isFinite(x)) return false;
  }
  return true;
}
