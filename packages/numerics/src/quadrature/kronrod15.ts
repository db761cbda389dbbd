/**
 * The 7-point Gauss / 15-point Kronrod pair on [−1, 1] and the interval bookkeeping shared by
 * src/quadrature/gauss-kronrod.ts and src/quadrature/gauss-kronrod-vector.ts.
 *
 * Constants: replica-math.md §4.5 (= QUADPACK qk15, Piessens, de Doncker-Kapenga, Überhuber & Kahaner,
 * "QUADPACK", Springer 1983). XK[7] = 0 is the centre; Gauss nodes are XK[1], XK[3], XK[5], 0.
 * K15 is exact to degree 22, G7 to degree 13.
 *
 * Infinite ends are mapped to t ∈ (0, 1] as in QUADPACK qagi:
 *   [a, ∞):  x = a + (1 − t)/t,   dx = dt/t²;      (−∞, b]: x = b − (1 − t)/t,   dx = dt/t².
 * (−∞, ∞) is split at 0 first. Kronrod nodes are interior, so t = 0 is never evaluated.
 */
import { InvalidInputError } from "../errors";

/** Kronrod abscissae (positive half, descending; last is 0). Literals are the shortest decimal forms of
 * the doubles nearest to QUADPACK's 18-digit constants (identical values at runtime). */
export const XK = new Float64Array([
  0.9914553711208126, 0.9491079123427585, 0.8648644233597691, 0.7415311855993945, 0.5860872354676911,
  0.4058451513773972, 0.20778495500789848, 0,
]);
/** Kronrod weights matching XK. */
export const WK = new Float64Array([
  0.022935322010529224, 0.06309209262997856, 0.10479001032225019, 0.14065325971552592, 0.1690047266392679,
  0.19035057806478542, 0.20443294007529889, 0.20948214108472782,
]);
/** Gauss weights for XK[1], XK[3], XK[5], 0. */
export const WG = new Float64Array([
  0.1294849661688697, 0.27970539148927664, 0.3818300505051189, 0.4179591836734694,
]);

/** Machine epsilon and the smallest normal number (QUADPACK's epmach, uflow). */
export const EPMACH = 2.220446049250313e-16;
export const UFLOW = 2.2250738585072014e-308;

/** Interval kinds: identity map, [off, ∞) and (−∞, off] in the t variable. */
export const KIND_FINITE = 0;
export const KIND_UPPER_INF = 1;
export const KIND_LOWER_INF = 2;

/**
 * Writes the initial partition of [min(a,b), max(a,b)] (split at the breakpoints, and at 0 for (−∞, ∞)) into
 * lo/hi/kind/off, in the variable of each segment, and returns the number of segments. The arrays must
 * hold at least breakpoints.length + 2 entries; `scratch` (≥ breakpoints.length entries, overwritten)
 * holds the sorted breakpoints, so nothing is allocated. Breakpoints must be finite and in [a, b]; points
 * equal to a, b or to each other are ignored.
 */
export function fillPartition(
  routine: string,
  a: number,
  b: number,
  breakpoints: ArrayLike<number> | undefined,
  scratch: Float64Array,
  lo: Float64Array,
  hi: Float64Array,
  kind: Int8Array,
  off: Float64Array,
): number {
  if (a > b) {
    const t = a;
    a = b;
    b = t;
  }
  const nbp = breakpoints == null ? 0 : breakpoints.length;
  if (nbp === 0 || breakpoints == null) {
    if (a === Number.NEGATIVE_INFINITY && b === Number.POSITIVE_INFINITY) {
      setSegment(0, a, 0, lo, hi, kind, off);
      setSegment(1, 0, b, lo, hi, kind, off);
      return 2;
    }
    setSegment(0, a, b, lo, hi, kind, off);
    return 1;
  }
  if (typeof nbp !== "number")
    throw new InvalidInputError(`${routine}: breakpoints must be an array of numbers`);
  for (let i = 0; i < nbp; i++) {
    const p = breakpoints[i];
    if (typeof p !== "number" || !Number.isFinite(p) || p < a || p > b) {
      throw new InvalidInputError(
        `${routine}: breakpoints[${i}] = ${String(p)} must be finite and inside [${a}, ${b}]`,
      );
    }
    // insertion sort (breakpoint lists are short)
    let j = i;
    while (j > 0 && scratch[j - 1] > p) {
      scratch[j] = scratch[j - 1];
      j--;
    }
    scratch[j] = p;
  }
  let n = 0;
  let left = a;
  for (let i = 0; i < nbp; i++) {
    const p = scratch[i];
    if (p === left || p === b) continue; // repeated points and the ends themselves add nothing
    setSegment(n++, left, p, lo, hi, kind, off);
    left = p;
  }
  setSegment(n++, left, b, lo, hi, kind, off);
  return n;
}

function setSegment(
  s: number,
  p: number,
  q: number,
  lo: Float64Array,
  hi: Float64Array,
  kind: Int8Array,
  off: Float64Array,
): void {
  if (p === Number.NEGATIVE_INFINITY) {
    kind[s] = KIND_LOWER_INF;
    off[s] = q;
    lo[s] = 0;
    hi[s] = 1;
  } else if (q === Number.POSITIVE_INFINITY) {
    kind[s] = KIND_UPPER_INF;
    off[s] = p;
    lo[s] = 0;
    hi[s] = 1;
  } else {
    kind[s] = KIND_FINITE;
    off[s] = 0;
    lo[s] = p;
    hi[s] = q;
  }
}

/** Maps t of a segment of `kind` and offset `off` to x. */
export function mapX(kind: number, off: number, t: number): number {
  if (kind === KIND_FINITE) return t;
  const u = (1 - t) / t;
  return kind === KIND_UPPER_INF ? off + u : off - u;
}

/** dx/dt of that map (1 for finite segments). */
export function jacobian(kind: number, t: number): number {
  return kind === KIND_FINITE ? 1 : 1 / (t * t);
}

/** The x-interval of a subinterval [lo, hi] of a segment, for error messages. */
export function describeInterval(kind: number, off: number, lo: number, hi: number): string {
  if (kind === KIND_FINITE) return `[${lo}, ${hi}]`;
  const x1 = mapX(kind, off, lo);
  const x2 = mapX(kind, off, hi);
  return x1 < x2 ? `[${x1}, ${x2}]` : `[${x2}, ${x1}]`;
}

/**
 * QUADPACK's error estimate of one K15 application from |K15 − G7|, the integral of |f| (resabs) and of
 * |f − mean| (resasc): err = resasc·min(1, (200|K15 − G7|/resasc)^{3/2}), floored at 50·ε·resabs.
 */
export function qk15Error(diff: number, resabs: number, resasc: number): number {
  let err = Math.abs(diff);
  if (resasc !== 0 && err !== 0) {
    const r = (200 * err) / resasc;
    err = resasc * Math.min(1, r * Math.sqrt(r));
  }
  if (resabs > UFLOW / (50 * EPMACH)) err = Math.max(EPMACH * 50 * resabs, err);
  return err;
}

/** Subinterval storage shared by the scalar and vector workspaces (one slot per subinterval). */
export interface PartitionArrays {
  cap: number;
  lo: Float64Array;
  hi: Float64Array;
  off: Float64Array;
  kind: Int8Array;
}

/** Allocates partition arrays for `cap` subintervals. */
export function allocatePartition(cap: number): PartitionArrays {
  return {
    cap,
    lo: new Float64Array(cap),
    hi: new Float64Array(cap),
    off: new Float64Array(cap),
    kind: new Int8Array(cap),
  };
}

/** Throws unless f is a function and a, b are numbers other than NaN (±Infinity allowed). */
export function checkIntegrand(routine: string, f: unknown, a: number, b: number): void {
  if (typeof f !== "function")
    throw new InvalidInputError(`${routine}: f must be a function (got ${typeof f})`);
  if (typeof a !== "number" || Number.isNaN(a)) {
    throw new InvalidInputError(`${routine}: a must be a number, not NaN (got ${String(a)})`);
  }
  if (typeof b !== "number" || Number.isNaN(b)) {
    throw new InvalidInputError(`${routine}: b must be a number, not NaN (got ${String(b)})`);
  }
}

/** Validated tolerances and cap of the Gauss–Kronrod routines. */
export function readCommonOptions(
  routine: string,
  opts: { epsRel?: number; maxSubdivisions?: number; throwOnFailure?: boolean; name?: string },
): { epsRel: number; maxSubdivisions: number; throwOnFailure: boolean; label: string } {
  const epsRel = opts.epsRel ?? 1e-10;
  if (typeof epsRel !== "number" || !(epsRel >= 0) || !Number.isFinite(epsRel)) {
    throw new InvalidInputError(`${routine}: epsRel must be a finite number ≥ 0 (got ${String(epsRel)})`);
  }
  const maxSubdivisions = opts.maxSubdivisions ?? 200;
  if (!Number.isInteger(maxSubdivisions) || maxSubdivisions < 1 || maxSubdivisions > 1_000_000) {
    throw new InvalidInputError(
      `${routine}: maxSubdivisions must be an integer in [1, 1000000] (got ${String(maxSubdivisions)})`,
    );
  }
  const label = opts.name ? `${routine}(${opts.name})` : routine;
  return { epsRel, maxSubdivisions, throwOnFailure: opts.throwOnFailure ?? true, label };
}

/**
 * The pieces the rules read per node, in one object: an importer destructures it once at module level, so that
 * its hot loops hold plain local bindings (a named import read in a loop costs a getter call per read when
 * transpiled to CommonJS, as tsx does: 10% of a Generic-channel solve).
 */
export const K15 = { XK, WK, WG, mapX, jacobian, qk15Error, checkIntegrand };
