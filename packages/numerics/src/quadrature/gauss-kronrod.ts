/**
 * Adaptive Gauss–Kronrod G7–K15 quadrature of a scalar function on a finite, half-infinite or infinite
 * interval (QUADPACK QAG/QAGI without extrapolation).
 *
 * Algorithm (replica-math.md §4.5 item 1): the initial partition is [a, b] split at the breakpoints;
 * each subinterval carries its K15 estimate and QUADPACK's error estimate (src/quadrature/kronrod15.ts);
 * the subinterval with the largest error is bisected until Σ error ≤ max(epsAbs, epsRel·|Σ estimate|)
 * or the subdivision cap is reached (ConvergenceError naming the routine and the worst subinterval).
 * Infinite ends use QUADPACK's map x = a + (1 − t)/t.
 *
 * Performance: work arrays are preallocated per nesting depth (the replica package nests this routine
 * for 2-D integrals) and reused across calls, so the adaptive loop allocates nothing; no closure is
 * created per node.
 *
 * References: R. Piessens, E. de Doncker-Kapenga, C. W. Überhuber, D. K. Kahaner, "QUADPACK: a
 * subroutine package for automatic integration", Springer (1983), routines QK15, QAG, QAGI.
 */
import { ConvergenceError, InvalidInputError } from "../errors";
import type { GaussKronrodOptions, QuadResult } from "../interface";
import {
  allocatePartition,
  describeInterval,
  EPMACH,
  fillPartition,
  K15,
  KIND_FINITE,
  type PartitionArrays,
  readCommonOptions,
} from "./kronrod15";

const { XK, WK, WG, mapX, jacobian, qk15Error, checkIntegrand } = K15;

interface Workspace extends PartitionArrays {
  res: Float64Array;
  err: Float64Array;
  fv: Float64Array;
  /** Error of the last rule application (second return value of applyRule). */
  lastErr: number;
}

const pool: Workspace[] = [];
let depth = 0;

function acquire(d: number, cap: number): Workspace {
  const old = pool[d];
  if (old !== undefined && old.cap >= cap) return old;
  const c = Math.max(cap, old === undefined ? 0 : 2 * old.cap);
  const ws: Workspace = {
    ...allocatePartition(c),
    res: new Float64Array(c),
    err: new Float64Array(c),
    fv: new Float64Array(15),
    lastErr: 0,
  };
  pool[d] = ws;
  return ws;
}

/** f at the point t of a segment (mapped and multiplied by dx/dt for infinite segments). */
function evalPoint(f: (x: number) => number, kind: number, off: number, t: number): number {
  if (kind === KIND_FINITE) return f(t);
  return f(mapX(kind, off, t)) * jacobian(kind, t);
}

/** K15 estimate on [lo, hi]; its error estimate goes to ws.lastErr. fv[0..14] keeps the values. */
function applyRule(
  f: (x: number) => number,
  kind: number,
  off: number,
  lo: number,
  hi: number,
  ws: Workspace,
  label: string,
): number {
  const fv = ws.fv;
  const centr = 0.5 * (lo + hi);
  const hlgth = 0.5 * (hi - lo);
  const fc = evalPoint(f, kind, off, centr);
  fv[14] = fc;
  let resg = fc * WG[3];
  let resk = fc * WK[7];
  let resabs = Math.abs(resk);
  for (let j = 0; j < 7; j++) {
    const absc = hlgth * XK[j];
    const f1 = evalPoint(f, kind, off, centr - absc);
    const f2 = evalPoint(f, kind, off, centr + absc);
    fv[2 * j] = f1;
    fv[2 * j + 1] = f2;
    const fsum = f1 + f2;
    resk += WK[j] * fsum;
    resabs += WK[j] * (Math.abs(f1) + Math.abs(f2));
    if ((j & 1) === 1) resg += WG[j >> 1] * fsum;
  }
  if (resk - resk !== 0) throwNotFinite(kind, off, lo, hi, fv, label);
  const reskh = 0.5 * resk;
  let resasc = WK[7] * Math.abs(fc - reskh);
  for (let j = 0; j < 7; j++)
    resasc += WK[j] * (Math.abs(fv[2 * j] - reskh) + Math.abs(fv[2 * j + 1] - reskh));
  const dh = Math.abs(hlgth);
  ws.lastErr = qk15Error((resk - resg) * hlgth, resabs * dh, resasc * dh);
  return resk * hlgth;
}

function throwNotFinite(
  kind: number,
  off: number,
  lo: number,
  hi: number,
  fv: Float64Array,
  label: string,
): never {
  const centr = 0.5 * (lo + hi);
  const hlgth = 0.5 * (hi - lo);
  for (let j = 0; j < 15; j++) {
    const t = j === 14 ? centr : centr + ((j & 1) === 0 ? -1 : 1) * hlgth * XK[j >> 1];
    if (!Number.isFinite(fv[j])) {
      throw new InvalidInputError(
        `${label}: integrand is not finite (${fv[j]}) at x = ${mapX(kind, off, t)}`,
      );
    }
  }
  throw new InvalidInputError(
    `${label}: integrand sum is not finite on ${describeInterval(kind, off, lo, hi)}`,
  );
}

/**
 * ∫_a^b f(x) dx by adaptive G7–K15. a and/or b may be ±Infinity; a > b gives −∫_b^a.
 * Defaults: epsRel 1e-10, epsAbs 1e-14, maxSubdivisions 200.
 * Throws InvalidInputError on bad arguments or a non-finite integrand value, ConvergenceError when the
 * cap is reached without meeting the tolerance (unless throwOnFailure is false).
 */
export function gaussKronrod(
  f: (x: number) => number,
  a: number,
  b: number,
  opts: GaussKronrodOptions = {},
): QuadResult {
  const routine = "gaussKronrod";
  checkIntegrand(routine, f, a, b);
  const { epsRel, maxSubdivisions, throwOnFailure, label } = readCommonOptions(routine, opts);
  const epsAbs = opts.epsAbs ?? 1e-14;
  if (typeof epsAbs !== "number" || !(epsAbs >= 0) || !Number.isFinite(epsAbs)) {
    throw new InvalidInputError(`${label}: epsAbs must be a finite number ≥ 0 (got ${String(epsAbs)})`);
  }
  if (epsAbs === 0 && epsRel < 50 * EPMACH) {
    throw new InvalidInputError(`${label}: epsRel must be ≥ ${50 * EPMACH} when epsAbs is 0 (got ${epsRel})`);
  }
  if (a === b) return { value: 0, error: 0, evaluations: 0, subdivisions: 0, converged: true };
  const sign = a > b ? -1 : 1;
  const nbp = opts.breakpoints?.length ?? 0;
  const ws = acquire(depth, maxSubdivisions + nbp + 2);
  depth++;
  try {
    const { lo, hi, off, kind, res, err } = ws;
    let n = fillPartition(label, a, b, opts.breakpoints, res, lo, hi, kind, off);
    const cap = Math.max(maxSubdivisions, n);
    let area = 0;
    let errsum = 0;
    for (let s = 0; s < n; s++) {
      res[s] = applyRule(f, kind[s], off[s], lo[s], hi[s], ws, label);
      err[s] = ws.lastErr;
      area += res[s];
      errsum += err[s];
    }
    let evaluations = 15 * n;
    let converged = false;
    let worst = 0;
    for (;;) {
      if (errsum <= Math.max(epsAbs, epsRel * Math.abs(area))) {
        converged = true;
        break;
      }
      worst = 0;
      for (let s = 1; s < n; s++) if (err[s] > err[worst]) worst = s;
      if (n >= cap) break;
      const l = lo[worst];
      const h = hi[worst];
      const mid = 0.5 * (l + h);
      if (!(mid > l && mid < h)) break; // the interval cannot be bisected further in double precision
      const k = kind[worst];
      const o = off[worst];
      const r1 = applyRule(f, k, o, l, mid, ws, label);
      const e1 = ws.lastErr;
      const r2 = applyRule(f, k, o, mid, h, ws, label);
      const e2 = ws.lastErr;
      evaluations += 30;
      area += r1 + r2 - res[worst];
      errsum += e1 + e2 - err[worst];
      hi[worst] = mid;
      res[worst] = r1;
      err[worst] = e1;
      lo[n] = mid;
      hi[n] = h;
      kind[n] = k;
      off[n] = o;
      res[n] = r2;
      err[n] = e2;
      n++;
    }
    let value = 0;
    let error = 0;
    for (let s = 0; s < n; s++) {
      value += res[s];
      error += err[s];
    }
    if (!converged && throwOnFailure) {
      throw new ConvergenceError(
        `${label}: tolerance not met on [${a}, ${b}] after ${n} subintervals (cap ${cap}): ` +
          `error estimate ${error.toExponential(3)} > max(epsAbs ${epsAbs}, epsRel ${epsRel} × |${value}|); ` +
          `worst subinterval ${describeInterval(kind[worst], off[worst], lo[worst], hi[worst])}`,
      );
    }
    return { value: sign * value, error, evaluations, subdivisions: n, converged };
  } finally {
    depth--;
  }
}
