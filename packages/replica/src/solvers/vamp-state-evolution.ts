/**
 * The state evolution of multi-layer VAMP (replica-math §3.2; dnner `extremize_vamp`): a forward pass through
 * the priors/denoisers and the LMMSE steps, then a backward pass through the channels. It never solves the
 * θ-equation, which makes it converge where the fixed-point iteration cannot (irregular spectra, §3.5), and it
 * does not slow down critically near α = 1. Its result is converted to the fixed-point order parameters
 * (dnner `convert`) before φ is evaluated. Like dnner's, it has no fixed-V mode (`opts.fixedV` is ignored;
 * the drivers use the fixed-point iteration for fixed V).
 */
import type { FixedPoint } from "../interface";
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
import {
  copyVampState,
  emptyVampState,
  fixedPointToVamp,
  type VampState,
  vampToFixedPoint,
  ZERO_VARIANCE,
} from "./state";

export type VampStart = { v0: readonly number[] } | { state: FixedPoint } | { vamp: VampState };

/** Precisions assigned to a frozen layer (dnner's 1e10). */
const FROZEN_PRECISION = 1e10;

export function runVamp(net: Network, start: VampStart, opts: SolverOptions): SolverRun {
  const { depth: L, prior, channels, ensembles, alpha, rhoT } = net;
  let st: VampState;
  if ("vamp" in start) st = copyVampState(start.vamp);
  else if ("state" in start) st = fixedPointToVamp(net, start.state);
  else {
    st = emptyVampState(L);
    for (let i = 0; i < L; i++) {
      st.v1x[i] = start.v0[i];
      st.a1x[i] = start.v0[i] !== 0 ? 1 / start.v0[i] : Number.POSITIVE_INFINITY;
      st.q[i] = 1;
    }
  }
  const { v1x, v2x, a1x, a2x, v1z, v2z, q, a2z, g } = st;
  const frozen = new Array<boolean>(L).fill(false);
  let anyFrozen = false;
  // a resumed ML-VAMP state keeps its frozen layers, marked by q = 0 (a live layer's q is positive); unfrozen,
  // their v1z = 0 would make a2z = 1/0 − 1/0 in the first sweep
  if ("vamp" in start) {
    for (let i = 0; i < L; i++) {
      if (st.q[i] === 0) frozen[i] = anyFrozen = true;
    }
  }
  const old = new Array<number>(L);
  // a run resumed from a state is near its fixed point: its sweeps are exact from the start
  const monitor = new ConvergenceMonitor(opts, !("v0" in start));
  let iterations = 0;
  let converged = false;
  let failure: string | undefined;
  let stopped: string | undefined;
  let merged = -1;

  // Anderson mixing of (log a1x, log q), the variables one iteration maps to the next (robust mode; see
  // anderson.ts); off once a layer froze
  const accel = opts.accelerate
    ? new AndersonAccelerator(2 * L, ANDERSON_DEPTH, MAX_LOG_DEVIATION)
    : undefined;
  const x = new Array<number>(2 * L).fill(0);
  const gx = new Array<number>(2 * L).fill(0);
  const nx = new Array<number>(2 * L).fill(0);

  sweeps: while (iterations < opts.maxIter) {
    const accuracy = monitor.sweepAccuracy();
    for (let i = 0; i < L; i++) old[i] = v1x[i];
    if (accel) logPrecisions(st, x);
    for (let i = 0; i < L; i++) {
      v1x[i] =
        i === 0 ? prior.V(a1x[0]) : channels[i - 1].hidden(a1x[i], 1 / a2z[i - 1], rhoT[i - 1], accuracy).V;
      if (v1x[i] < ZERO_VARIANCE) {
        v2x[i] = v1z[i] = v2z[i] = q[i] = 0;
        a1x[i] = a2x[i] = a2z[i] = FROZEN_PRECISION;
        frozen[i] = true;
        anyFrozen = true;
      }
      if (!frozen[i]) {
        a2x[i] = 1 / v1x[i] - a1x[i];
        v2x[i] = ensembles[i].llmse(a2x[i], q[i]);
        v1z[i] = (q[i] * (1 - a2x[i] * v2x[i])) / alpha[i];
        a2z[i] = 1 / v1z[i] - 1 / q[i];
        if (!(a2z[i] > 0)) {
          failure = leftDomain("precision a2z", i, a2z[i], iterations);
          break sweeps;
        }
      }
    }
    let finite = true;
    for (let i = L - 1; i >= 0; i--) {
      g[i] =
        i === L - 1
          ? channels[i].outA(1 / a2z[i], rhoT[i])
          : channels[i].hidden(a1x[i + 1], 1 / a2z[i], rhoT[i], accuracy).A;
      if (!frozen[i]) {
        q[i] = 1 / g[i] - 1 / a2z[i];
        v2x[i] = ensembles[i].llmse(a2x[i], q[i]);
        a1x[i] = 1 / v2x[i] - a2x[i];
        if (!(q[i] > 0 && a1x[i] >= 0)) {
          failure =
            q[i] > 0
              ? leftDomain("precision a1x", i, a1x[i], iterations)
              : leftDomain("variance q", i, q[i], iterations);
          break sweeps;
        }
      }
      finite &&= Number.isFinite(v1x[i]) && !Number.isNaN(g[i]);
    }
    for (let i = 0; i < L; i++) v2z[i] = 1 / a2z[i] - g[i] / (a2z[i] * a2z[i]);
    iterations++;
    if (!finite) {
      failure = "quantities diverging (NaN in the ML-VAMP state evolution)";
      break;
    }
    // dnner requires a second iteration before testing (its `t > 0`)
    if (monitor.record(old, v1x, accuracy === undefined) && iterations > 1) {
      converged = true;
      break;
    }
    stopped = monitor.tooSlow();
    if (stopped !== undefined) break;
    if (
      monitor.relStep < MERGE_TOL &&
      (merged = nearKnown(vampToFixedPoint(net, st), opts.known, net.rho)) >= 0
    ) {
      break;
    }
    if (accel) {
      if (anyFrozen) accel.reset();
      else accelerate(accel, st, x, gx, nx);
    }
  }
  if (merged >= 0) return mergedRun("vamp", opts, merged, iterations, monitor.step);
  if (!converged && failure === undefined && stopped === undefined)
    stopped = `maxIter = ${opts.maxIter} reached`;
  const state = vampToFixedPoint(net, st);
  return { solver: "vamp", state, vamp: st, iterations, step: monitor.step, converged, failure, stopped };
}

/**
 * A message precision that turns non-positive means the state evolution has left the physical region
 * (replica-math §3.5 item 3: dnner then produces NaN from a square root); the run stops before the channel
 * integrals are asked for a negative variance.
 */
function leftDomain(what: string, i: number, x: number, iterations: number): string {
  return `ML-VAMP diverging: ${what} = ${x.toPrecision(4)} (must be positive) at layer ${i + 1}, iteration ${iterations + 1}`;
}

/** (log a1x, log q) into `out`. */
function logPrecisions(st: VampState, out: number[]): void {
  const L = st.a1x.length;
  for (let i = 0; i < L; i++) {
    out[i] = Math.log(st.a1x[i]);
    out[L + i] = Math.log(st.q[i]);
  }
}

/** One Anderson step on (log a1x, log q): x the iteration's input, the state its image; the mix replaces it. */
function accelerate(acc: AndersonAccelerator, st: VampState, x: number[], gx: number[], nx: number[]): void {
  const L = st.a1x.length;
  logPrecisions(st, gx);
  if (!allFinite(gx)) {
    acc.reset();
    return;
  }
  acc.next(x, gx, nx);
  if (!allFinite(nx)) {
    acc.reset();
    return;
  }
  for (let i = 0; i < L; i++) {
    st.a1x[i] = Math.exp(nx[i]);
    st.q[i] = Math.exp(nx[L + i]);
  }
}

function allFinite(xs: readonly number[]): boolean {
  for (const x of xs) if (!Number.isFinite(x)) return false;
  return true;
}
