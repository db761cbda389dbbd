/** What one solver run returns (fixed-point iteration or ML-VAMP), and the convergence test both share. */
import { type FixedPoint, SCREENING_ACCURACY } from "../interface";
import { copyFixedPoint, type VampState } from "./state";

export type SolverName = "fp" | "vamp";

export interface SolverOptions {
  maxIter: number;
  /** Convergence when Σ_ℓ |ΔV_ℓ| (|ΔṼ_ℓ| with fixed V) over one sweep is below tol (dnner's test). */
  tol: number;
  /**
   * Robust mode: also require max_ℓ |ΔV_ℓ|/V_ℓ < relTol (an absolute 1e−11 says nothing when V ~ 1e−8), and
   * stop early — as not converged — when the observed contraction rate predicts more than maxIter sweeps, or
   * when the θ-equation has had no root for 10 sweeps in a row. Undefined: dnner's behaviour.
   */
  relTol?: number;
  /** Robust mode: Anderson-accelerate the fixed-point iteration (anderson.ts). */
  accelerate?: boolean;
  /**
   * Robust mode: sweeps far from the fixed point ask the hidden layers for reduced accuracy (`ConvergenceMonitor.sweepAccuracy`);
   * the sweeps that decide convergence run at full accuracy. Off (dnner mode, capped runs): every sweep is exact,
   * so that the iterate after n sweeps is dnner's.
   */
  inexact?: boolean;
  /** Layers whose V stays at its start value (dnner `fixed_v`, φ as a function of V). */
  fixedV: readonly boolean[];
  /**
   * Robust mode: fixed points already found. Once the relative step is below MERGE_TOL, a run whose state is
   * within MERGE_TOL of one of them stops and takes it over (the iteration is deterministic and that fixed point
   * attracted another start: the remaining sweeps would only reproduce it).
   */
  known?: readonly FixedPoint[];
}

/** A sweep accepts errors in the hidden-layer averages of this fraction of the last relative step. */
const ACCURACY_PER_STEP = 1e-3;

/** Relative distance (and relative step) under which a run is merged into a known fixed point. */
export const MERGE_TOL = 1e-4;

/** The run that stopped after `iterations` sweeps because it reached `opts.known[merged]`. */
export function mergedRun(
  solver: SolverName,
  opts: SolverOptions,
  merged: number,
  iterations: number,
  step: number,
): SolverRun {
  const state = copyFixedPoint((opts.known as readonly FixedPoint[])[merged]);
  return { solver, state, iterations, step, converged: true, merged };
}

/** The index of the known fixed point `s` is within MERGE_TOL of (V on the scale of ρ, A relatively), or −1. */
export function nearKnown(
  s: FixedPoint,
  known: readonly FixedPoint[] | undefined,
  rho: readonly number[],
): number {
  if (known === undefined) return -1;
  outer: for (let k = 0; k < known.length; k++) {
    const f = known[k];
    for (let i = 0; i < s.v.length; i++) {
      if (Math.abs(s.v[i] - f.v[i]) > MERGE_TOL * Math.max(Math.abs(f.v[i]), 1e-3 * rho[i])) continue outer;
      if (Math.abs(s.a[i] - f.a[i]) > MERGE_TOL * Math.abs(f.a[i])) continue outer;
    }
    return k;
  }
  return -1;
}

export interface SolverRun {
  solver: SolverName;
  /** The order parameters at the end (ML-VAMP's converted by dnner's `convert`). */
  state: FixedPoint;
  /** ML-VAMP's own variables (to resume it exactly). */
  vamp?: VampState;
  iterations: number;
  /** Σ_ℓ |ΔV_ℓ| of the last sweep. */
  step: number;
  converged: boolean;
  /** Why the run has no usable state (NaN, θ-equation without root). */
  failure?: string;
  /** Why a usable run stopped before converging (iteration cap, predicted too slow). */
  stopped?: string;
  /** Index in `opts.known` of the fixed point this run was merged into. */
  merged?: number;
}

/** Sweeps over which the contraction rate is measured. */
const RATE_WINDOW = 10;
const MIN_SWEEPS_BEFORE_PREDICTION = 30;
/** Cap of the contraction-rate estimate in the convergence test (at most a 100× stricter relative step). */
const MAX_RATE = 0.99;

/** The per-sweep contraction rate of a ratio over RATE_WINDOW sweeps. */
function perSweep(windowRatio: number): number {
  return windowRatio ** (1 / RATE_WINDOW);
}

/** Convergence bookkeeping shared by both solvers. */
export class ConvergenceMonitor {
  private readonly history: number[] = [];
  step = Number.POSITIVE_INFINITY;
  /** max_ℓ |ΔV_ℓ|/V_ℓ of the last sweep. */
  relStep = Number.POSITIVE_INFINITY;
  /** Smallest positive tracked value of the last sweep (turns relTol into a step size). */
  private smallest = 1;

  /** `resumed`: the run starts from a state near its fixed point, so its first sweep is exact. */
  constructor(
    private readonly opts: SolverOptions,
    resumed = false,
  ) {
    if (resumed) this.relStep = 0;
  }

  /**
   * The accuracy (relative) the next sweep of an inexact run asks of `Channel.hidden`: SCREENING_ACCURACY while
   * the last relative step is at least SCREENING_ACCURACY/ACCURACY_PER_STEP = 1e−2 (errors of 1e−3 of the step do
   * not change where the iteration goes; before the first sweep of a run from start vectors the step is ∞), else
   * undefined — full accuracy. Only exact sweeps can be recorded as converged.
   */
  sweepAccuracy(): number | undefined {
    return this.opts.inexact && ACCURACY_PER_STEP * this.relStep >= SCREENING_ACCURACY
      ? SCREENING_ACCURACY
      : undefined;
  }

  /**
   * Record one sweep (old → now tracked values); true when converged. `exact`: the sweep ran at full accuracy
   * (an inexact sweep's step may be the quadrature's error: never converged).
   */
  record(old: readonly number[], now: readonly number[], exact = true): boolean {
    let step = 0;
    let rel = 0;
    let smallest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < now.length; i++) {
      const d = Math.abs(now[i] - old[i]);
      step += d;
      if (d > 0) rel = Math.max(rel, d / Math.abs(now[i]));
      if (now[i] > 0) smallest = Math.min(smallest, now[i]);
    }
    this.step = step;
    this.relStep = rel;
    this.smallest = Number.isFinite(smallest) ? smallest : 1;
    const h = this.history;
    h.push(step);
    if (!exact) return false;
    if (this.opts.relTol === undefined) return step < this.opts.tol;
    // distance to the fixed point ≈ step·r/(1 − r) for contraction rate r: near a critical point (r → 1) a
    // small step is far from converged, so the relative test is scaled by 1/(1 − r̂), r̂ from the last 3 sweeps
    // (1/(1 − r̂) ≥ 1: the cube root is only taken when the unscaled tests pass)
    if (!(step < this.opts.tol && rel < this.opts.relTol)) return false;
    const t = h.length;
    const ratio = t > 3 && h[t - 4] > 0 ? (h[t - 1] / h[t - 4]) ** (1 / 3) : 0;
    const rate = Number.isFinite(ratio) ? Math.min(MAX_RATE, Math.max(0, ratio)) : 0;
    return rel / (1 - rate) < this.opts.relTol;
  }

  /** Robust mode: a reason to give up now, because the remaining sweeps would exceed maxIter. */
  tooSlow(): string | undefined {
    const { relTol, maxIter, tol } = this.opts;
    const t = this.history.length;
    if (relTol === undefined || t < MIN_SWEEPS_BEFORE_PREDICTION) return undefined;
    // contraction over the window, rate^RATE_WINDOW (the per-sweep rate's root is only taken for the message)
    const windowRatio = this.history[t - 1] / this.history[t - 1 - RATE_WINDOW];
    if (!(windowRatio < 1)) {
      return t >= 3 * MIN_SWEEPS_BEFORE_PREDICTION
        ? `not contracting (rate ${perSweep(windowRatio).toPrecision(3)}/sweep)`
        : undefined;
    }
    const needed =
      (RATE_WINDOW * Math.log(Math.min(tol, relTol * this.smallest) / this.step)) / Math.log(windowRatio);
    if (t + needed <= maxIter) return undefined;
    return `converging too slowly (rate ${perSweep(windowRatio).toPrecision(4)}/sweep, ~${Math.ceil(t + needed)} sweeps needed > maxIter ${maxIter})`;
  }
}
