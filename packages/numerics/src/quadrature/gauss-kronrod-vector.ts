/**
 * Adaptive G7–K15 quadrature of a vector-valued integrand: several integrals sharing one evaluation
 * per node (the replica package integrates Ψ, 𝒱 and 𝒜 of an interface together; replica-math.md §4.5
 * item 4, "integrate the 3-vector with one adaptive pass using the max of the scaled errors").
 *
 * Same partition, rule, error estimate and infinite-interval maps as src/quadrature/gauss-kronrod.ts.
 * Component k has tolerance τ_k = max(epsAbs_k, epsRel·|I_k|); the pass stops when Σ error_k ≤ τ_k for
 * every k, and otherwise bisects the subinterval with the largest max_k error_k/τ_k.
 * Work arrays are preallocated per nesting depth; the integrand writes into a reused Float64Array.
 *
 * Reference: Piessens et al., "QUADPACK", Springer (1983), QK15/QAG; the vector form follows the
 * "integration of vector functions" variant (e.g. cubature's hcubature, S. G. Johnson).
 */
import { ConvergenceError, InvalidInputError } from "../errors";
import type { GaussKronrodVectorOptions, QuadVectorResult } from "../interface";
import {
  allocatePartition,
  describeInterval,
  EPMACH,
  fillPartition,
  K15,
  type PartitionArrays,
  readCommonOptions,
  UFLOW,
} from "./kronrod15";

const { XK, WK, WG, mapX, jacobian, qk15Error, checkIntegrand } = K15;

interface VectorWorkspace extends PartitionArrays {
  /** Largest dim the arrays hold; `dim` is the stride of the current call. */
  dimCap: number;
  dim: number;
  /** res[s·dim + k], err[s·dim + k]. */
  res: Float64Array;
  err: Float64Array;
  /** fv[node·dim + k] for the 15 nodes (node 14 is the centre). */
  fv: Float64Array;
  out: Float64Array;
  /** out buffers by length, so alternating dims do not allocate. */
  outs: Float64Array[];
  area: Float64Array;
  errsum: Float64Array;
  tol: Float64Array;
  epsAbs: Float64Array;
  resk: Float64Array;
  resg: Float64Array;
  resabs: Float64Array;
}

const pool: VectorWorkspace[] = [];
let depth = 0;

function acquire(d: number, cap: number, dim: number): VectorWorkspace {
  const old = pool[d];
  if (old !== undefined && old.cap >= cap && old.dimCap >= dim) {
    if (old.dim !== dim) {
      old.dim = dim;
      old.out = outBuffer(old, dim); // the integrand sees exactly dim entries
    }
    return old;
  }
  const c = Math.max(cap, old === undefined ? 0 : old.cap);
  const dc = Math.max(dim, old === undefined ? 0 : old.dimCap);
  const ws: VectorWorkspace = {
    ...allocatePartition(c),
    dimCap: dc,
    dim,
    res: new Float64Array(c * dc),
    err: new Float64Array(c * dc),
    fv: new Float64Array(15 * dc),
    out: new Float64Array(dim),
    outs: [],
    area: new Float64Array(dc),
    errsum: new Float64Array(dc),
    tol: new Float64Array(dc),
    epsAbs: new Float64Array(dc),
    resk: new Float64Array(dc),
    resg: new Float64Array(dc),
    resabs: new Float64Array(dc),
  };
  ws.outs[dim] = ws.out;
  pool[d] = ws;
  return ws;
}

function outBuffer(ws: VectorWorkspace, dim: number): Float64Array {
  let o = ws.outs[dim];
  if (o === undefined) {
    o = new Float64Array(dim);
    ws.outs[dim] = o;
  }
  return o;
}

/** Evaluates f at node `node` (t-value t) into fv[node·dim ..]. */
function evalNode(
  f: (x: number, out: Float64Array) => void,
  kind: number,
  off: number,
  t: number,
  node: number,
  ws: VectorWorkspace,
  label: string,
): void {
  const { out, fv, dim } = ws;
  const x = mapX(kind, off, t);
  const jac = jacobian(kind, t);
  f(x, out);
  const base = node * dim;
  for (let k = 0; k < dim; k++) {
    const v = out[k] * jac;
    if (v - v !== 0) {
      throw new InvalidInputError(`${label}: integrand component ${k} is not finite (${out[k]}) at x = ${x}`);
    }
    fv[base + k] = v;
  }
}

/** K15 estimates and errors on [lo, hi] written to res/err at slot s. */
function applyRule(
  f: (x: number, out: Float64Array) => void,
  kind: number,
  off: number,
  lo: number,
  hi: number,
  s: number,
  ws: VectorWorkspace,
  label: string,
): void {
  const { dim, fv, resk, resg, resabs, res, err } = ws;
  const centr = 0.5 * (lo + hi);
  const hlgth = 0.5 * (hi - lo);
  const dh = Math.abs(hlgth);
  evalNode(f, kind, off, centr, 14, ws, label);
  for (let j = 0; j < 7; j++) {
    const absc = hlgth * XK[j];
    evalNode(f, kind, off, centr - absc, 2 * j, ws, label);
    evalNode(f, kind, off, centr + absc, 2 * j + 1, ws, label);
  }
  for (let k = 0; k < dim; k++) {
    const fc = fv[14 * dim + k];
    let g = fc * WG[3];
    let r = fc * WK[7];
    let ra = Math.abs(r);
    for (let j = 0; j < 7; j++) {
      const f1 = fv[2 * j * dim + k];
      const f2 = fv[(2 * j + 1) * dim + k];
      r += WK[j] * (f1 + f2);
      ra += WK[j] * (Math.abs(f1) + Math.abs(f2));
      if ((j & 1) === 1) g += WG[j >> 1] * (f1 + f2);
    }
    resk[k] = r;
    resg[k] = g;
    resabs[k] = ra;
  }
  for (let k = 0; k < dim; k++) {
    const reskh = 0.5 * resk[k];
    let resasc = WK[7] * Math.abs(fv[14 * dim + k] - reskh);
    for (let j = 0; j < 7; j++) {
      resasc += WK[j] * (Math.abs(fv[2 * j * dim + k] - reskh) + Math.abs(fv[(2 * j + 1) * dim + k] - reskh));
    }
    res[s * dim + k] = resk[k] * hlgth;
    err[s * dim + k] = qk15Error((resk[k] - resg[k]) * hlgth, resabs[k] * dh, resasc * dh);
  }
}

/**
 * ∫_a^b f(x) dx for a vector-valued f of length `dim` (f(x, out) writes out[0..dim)).
 * Defaults and errors as gaussKronrod; epsAbs may be one number or one per component.
 */
export function gaussKronrodVector(
  f: (x: number, out: Float64Array) => void,
  dim: number,
  a: number,
  b: number,
  opts: GaussKronrodVectorOptions = {},
): QuadVectorResult {
  const routine = "gaussKronrodVector";
  if (!Number.isInteger(dim) || dim < 1 || dim > 1_000_000) {
    throw new InvalidInputError(`${routine}: dim must be an integer in [1, 1000000] (got ${String(dim)})`);
  }
  checkIntegrand(routine, f, a, b);
  const { epsRel, maxSubdivisions, throwOnFailure, label } = readCommonOptions(routine, opts);
  const epsAbsOpt = opts.epsAbs ?? 1e-14;
  const nbp = opts.breakpoints?.length ?? 0;
  const ws = acquire(depth, maxSubdivisions + nbp + 2, dim);
  for (let k = 0; k < dim; k++) {
    const e = typeof epsAbsOpt === "number" ? epsAbsOpt : epsAbsOpt[k];
    if (typeof e !== "number" || !(e >= 0) || !Number.isFinite(e)) {
      throw new InvalidInputError(`${label}: epsAbs[${k}] must be a finite number ≥ 0 (got ${String(e)})`);
    }
    if (e === 0 && epsRel < 50 * EPMACH) {
      throw new InvalidInputError(
        `${label}: epsRel must be ≥ ${50 * EPMACH} when epsAbs[${k}] is 0 (got ${epsRel})`,
      );
    }
    ws.epsAbs[k] = e;
  }
  for (const [name, buf] of [
    ["valueOut", opts.valueOut],
    ["errorOut", opts.errorOut],
  ] as const) {
    if (buf !== undefined && (!(buf instanceof Float64Array) || buf.length < dim)) {
      throw new InvalidInputError(`${label}: ${name} must be a Float64Array of length ≥ dim = ${dim}`);
    }
  }
  if (typeof epsAbsOpt !== "number" && epsAbsOpt.length !== dim) {
    throw new InvalidInputError(`${label}: epsAbs has length ${epsAbsOpt.length}, expected dim = ${dim}`);
  }
  if (a === b) {
    const value = opts.valueOut ?? new Float64Array(dim);
    const error = opts.errorOut ?? new Float64Array(dim);
    value.fill(0, 0, dim);
    error.fill(0, 0, dim);
    return { value, error, evaluations: 0, subdivisions: 0, converged: true };
  }
  const sign = a > b ? -1 : 1;
  depth++;
  try {
    const { lo, hi, off, kind, res, err, area, errsum, tol, epsAbs } = ws;
    let n = fillPartition(label, a, b, opts.breakpoints, res, lo, hi, kind, off);
    const cap = Math.max(maxSubdivisions, n);
    area.fill(0, 0, dim);
    errsum.fill(0, 0, dim);
    for (let s = 0; s < n; s++) {
      applyRule(f, kind[s], off[s], lo[s], hi[s], s, ws, label);
      for (let k = 0; k < dim; k++) {
        area[k] += res[s * dim + k];
        errsum[k] += err[s * dim + k];
      }
    }
    let evaluations = 15 * n;
    let converged = false;
    let worst = 0;
    for (;;) {
      let done = true;
      for (let k = 0; k < dim; k++) {
        const t = Math.max(epsAbs[k], epsRel * Math.abs(area[k]));
        tol[k] = t > 0 ? 1 / t : 1 / UFLOW;
        if (errsum[k] > t) done = false;
      }
      if (done) {
        converged = true;
        break;
      }
      worst = 0;
      let worstScore = -1;
      for (let s = 0; s < n; s++) {
        let score = 0;
        for (let k = 0; k < dim; k++) {
          const sc = err[s * dim + k] * tol[k];
          if (sc > score) score = sc;
        }
        if (score > worstScore) {
          worstScore = score;
          worst = s;
        }
      }
      if (n >= cap) break;
      const l = lo[worst];
      const h = hi[worst];
      const mid = 0.5 * (l + h);
      if (!(mid > l && mid < h)) break; // cannot be bisected further in double precision
      for (let k = 0; k < dim; k++) {
        area[k] -= res[worst * dim + k];
        errsum[k] -= err[worst * dim + k];
      }
      lo[n] = mid;
      hi[n] = h;
      kind[n] = kind[worst];
      off[n] = off[worst];
      hi[worst] = mid;
      applyRule(f, kind[worst], off[worst], l, mid, worst, ws, label);
      applyRule(f, kind[n], off[n], mid, h, n, ws, label);
      for (let k = 0; k < dim; k++) {
        area[k] += res[worst * dim + k] + res[n * dim + k];
        errsum[k] += err[worst * dim + k] + err[n * dim + k];
      }
      n++;
      evaluations += 30;
    }
    const value = opts.valueOut ?? new Float64Array(dim);
    const error = opts.errorOut ?? new Float64Array(dim);
    value.fill(0, 0, dim);
    error.fill(0, 0, dim);
    for (let s = 0; s < n; s++) {
      for (let k = 0; k < dim; k++) {
        value[k] += res[s * dim + k];
        error[k] += err[s * dim + k];
      }
    }
    if (!converged && throwOnFailure) {
      throw new ConvergenceError(
        `${label}: tolerance not met on [${a}, ${b}] after ${n} subintervals (cap ${cap}): ` +
          `error estimates [${Array.from(error, (e) => e.toExponential(3)).join(", ")}]; ` +
          `worst subinterval ${describeInterval(kind[worst], off[worst], lo[worst], hi[worst])}`,
      );
    }
    if (sign < 0) for (let k = 0; k < dim; k++) value[k] = -value[k];
    return { value, error, evaluations, subdivisions: n, converged };
  } finally {
    depth--;
  }
}
