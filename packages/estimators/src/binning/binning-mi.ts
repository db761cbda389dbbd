/**
 * Binning estimator of I(X;T) and I(T;Y) (shared/docs/estimators-math.md §2.1, §13.1). The layer is
 * quantised unit by unit and the JOINT pattern of a row is one discrete value of T̃. With X uniform
 * over the rows and a deterministic layer, H(T̃|X) = 0, so
 *   I(X;T̃) = H(T̃),   I(T̃;Y) = H(T̃) − Σ_y p(y)·H(T̃|Y=y),
 * all plug-in entropies (§1.6: H = ln n − (1/n)·Σ c ln c). The same subtraction with Y = the inputs
 * (classes of repeated input rows) is the general I(X;T̃) = H(T̃) − H(T̃|X) of ibsgd's
 * `bin_calc_information` and IDNNs' `calc_information_from_mat`. Nats; the value is the exact
 * I(X; Bin(T)) for X uniform over the rows, not an estimate of the continuous I(X;T) (§2.6).
 */
import type { Samples } from "../interface";
import { type Classes, type LabelsInput, targetClasses } from "../labels";
import { checkSamples, rowGroups } from "../validate";
import { type BinningParams, resolveBinningOptions } from "./binning-options";
import {
  type BinningMode,
  type Quantised,
  quantiseAdaptive,
  quantiseIdnns,
  quantiseRange,
  quantiseWidth,
} from "./quantisers";

export interface BinningOptions {
  readonly mode: BinningMode;
  /** "idnns": number of EDGES (IDNNs `num_of_bins`, B − 1 intervals); "range": intervals; adaptive: quantiles */
  readonly bins: number;
  /** bin width for "width" */
  readonly width: number;
  /** [lo, hi] for "idnns" (default [−1, 1]) and "range" (default: the data's min and max) */
  readonly range?: readonly [number, number];
  /** first edge of the adaptive modes (default: the smallest value, so nothing falls below it) */
  readonly low?: number;
  /** classes of Y (labels, or distinct input rows for I(X;T) with repeated inputs) */
  readonly classes?: Classes;
}

export interface BinningResult {
  /** H(T̃) = I(X;T̃) for X uniform over the rows, nats */
  readonly entropy: number;
  /** I(T̃;Y) when classes were given, nats */
  readonly mutualInformationY?: number;
  /** H(T̃|Y) when classes were given, nats */
  readonly conditionalEntropyY?: number;
  /** distinct joint bin patterns (occupied joint bins) */
  readonly occupied: number;
  /** the occupied bins of each unit */
  readonly occupiedPerUnit: number[];
  /** values (of n·d) forced into an end bin */
  readonly clipped: number;
  readonly wrapped?: number;
  readonly aboveLastEdge?: number;
  readonly edges?: number[];
  readonly range?: readonly [number, number];
}

/** Plug-in entropy ln n − (1/n)·Σ c·ln c of group sizes given group ids. */
function groupEntropy(ids: Int32Array, groups: number): number {
  const counts = new Float64Array(groups);
  for (let i = 0; i < ids.length; i++) counts[ids[i]]++;
  const n = ids.length;
  let s = 0;
  for (let g = 0; g < groups; g++) if (counts[g] > 0) s += counts[g] * Math.log(counts[g]);
  return Math.log(n) - s / n;
}

/** H(T̃|Y) = (1/n)·Σ_y [n_y ln n_y − Σ_g c_gy ln c_gy] from pattern ids and class ids. */
function conditionalEntropy(patterns: Int32Array, classes: Classes): number {
  const n = patterns.length;
  const c = classes.counts.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = patterns[i] * c + classes.ids[i];
  keys.sort();
  let s = 0;
  let run = 1;
  for (let i = 1; i <= n; i++) {
    if (i < n && keys[i] === keys[i - 1]) {
      run++;
      continue;
    }
    s += run * Math.log(run);
    run = 1;
  }
  let classTerm = 0;
  for (let y = 0; y < c; y++)
    if (classes.counts[y] > 0) classTerm += classes.counts[y] * Math.log(classes.counts[y]);
  return (classTerm - s) / n;
}

function dataRange(values: Float64Array): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

function quantise(t: Samples, opts: BinningOptions): { q: Quantised; range?: readonly [number, number] } {
  const values = t.data;
  switch (opts.mode) {
    case "width":
      return { q: quantiseWidth(values, opts.width) };
    case "idnns": {
      const range = opts.range ?? [-1, 1];
      return { q: quantiseIdnns(values, opts.bins, range[0], range[1]), range };
    }
    case "range": {
      const range = opts.range ?? dataRange(values);
      // a constant layer has zero width: every value sits in one bin
      const hi = range[1] > range[0] ? range[1] : range[0] + 1;
      return { q: quantiseRange(values, opts.bins, range[0], hi), range };
    }
    case "adaptive":
    case "adaptive-all": {
      const low = opts.low ?? dataRange(values)[0];
      return { q: quantiseAdaptive(values, opts.bins, low, opts.mode === "adaptive") };
    }
  }
}

/**
 * Bin every unit and compute H(T̃) (= I(X;T̃)) and, with labels (or rows of inputs), I(T̃;Y), after
 * validating the inputs. Defaults: mode "width", width 0.07, bins 30.
 */
export function binningMI(
  t: Samples,
  opts: BinningParams & { readonly labels?: LabelsInput } = {},
): BinningResult {
  const x = checkSamples(t, "t");
  const options = resolveBinningOptions(opts);
  return computeBinning(x, {
    ...options,
    ...(opts.labels !== undefined ? { classes: targetClasses(opts.labels, x.n, "labels") } : {}),
  });
}

/** Bin every unit and compute H(T̃) (= I(X;T̃)) and, with classes, I(T̃;Y). Inputs assumed valid. */
export function computeBinning(t: Samples, opts: BinningOptions): BinningResult {
  const { q, range } = quantise(t, opts);
  const codes: Samples = { data: q.codes, n: t.n, d: t.d };
  const { ids, groups } = rowGroups(codes);
  const entropy = groupEntropy(ids, groups);
  const occupiedPerUnit: number[] = [];
  for (let u = 0; u < t.d; u++) {
    const seen = new Set<number>();
    for (let i = 0; i < t.n; i++) seen.add(q.codes[i * t.d + u]);
    occupiedPerUnit.push(seen.size);
  }
  const result: BinningResult = {
    entropy,
    occupied: groups,
    occupiedPerUnit,
    clipped: q.clipped,
    ...(q.wrapped !== undefined ? { wrapped: q.wrapped, aboveLastEdge: q.aboveLastEdge } : {}),
    ...(q.edges !== undefined ? { edges: Array.from(q.edges) } : {}),
    ...(range !== undefined ? { range } : {}),
  };
  if (opts.classes === undefined) return result;
  const cond = conditionalEntropy(ids, opts.classes);
  return { ...result, conditionalEntropyY: cond, mutualInformationY: entropy - cond };
}
