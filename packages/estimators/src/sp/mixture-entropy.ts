/**
 * Differential entropy of the Gaussian mixture ĝ = (1/n)·Σ_j N(μ_j, β²I) by Monte Carlo, the
 * sample-propagation plug-in of Goldfeld et al. (ICML 2019; Goldfeld, Greenewald & Polyanskiy,
 * arXiv:1810.11589) for h(S + Z), Z ~ N(0, β²I). shared/docs/estimators-math.md §5.3, §13.4:
 *   queries q = μ_c + β·ξ, each centre c repeated nMC times (a uniformly random subset of that list when
 *   it exceeds maxQueries), ξ ~ N(0, I) from the seeded generator;
 *   ln ĝ(q) = LSE_j(−‖q − μ_j‖²/(2β²)) − ln n − d/2·ln(2πβ²) over ALL centres (dropping centres while
 *   sampling from all of them would give a cross-entropy, which overstates the entropy);
 *   ĥ = −mean ln ĝ(q), standard error = sample std / √Q (conservative: queries are stratified by centre).
 * With classes, the class-conditional mixtures (centres of class y only, §5.4 [I] extension) are
 * evaluated on the same queries in the same pass, giving Î(T;Y) = ĥ(T) − Σ_y p(y)·ĥ(T|Y=y) as a mean of
 * per-query differences (common random numbers), with its own standard error.
 * Given the centres, ĥ is unbiased for h(ĝ); by concavity E[h(ĝ)] ≤ h(P_S ∗ N), so as an estimate of
 * h(S + Z) from n samples the plug-in is biased downward (§5.3).
 */
import { createRng, type Rng } from "@infoflow/numerics";
import type { Samples } from "../interface";
import { LSE_QUERY_BLOCK } from "../kernels/lse";
import { columnMeans, shiftedCopy } from "../kernels/pairwise";
import { sharedFloat64, toShared } from "../kernels/shared-memory";
import { autoThreads, runChunks } from "../kernels/worker-pool";
import { type Classes, type LabelsInput, targetClasses } from "../labels";
import { checkInteger, checkPositive, checkSamples } from "../validate";

export interface MixtureEntropyOptions {
  /** noise standard deviation β (> 0) — a STANDARD DEVIATION, unlike the pairwise bounds' variance */
  readonly noiseStd: number;
  /** noise draws per centre (default 4) */
  readonly nMC?: number;
  /** cap on the number of queries (default: no cap) */
  readonly maxQueries?: number;
  /** seed of the generator (ignored when `rng` is given) */
  readonly seed?: number;
  readonly rng?: Rng;
  /** classes of the centres, for the class-conditional mixtures */
  readonly classes?: Classes;
  /** threads (the result does not depend on it); default: by problem size (`autoThreads`) */
  readonly threads?: number;
}

export interface MixtureEntropyResult {
  /** ĥ(T) in nats */
  readonly entropy: number;
  /** Monte-Carlo standard error of ĥ, nats */
  readonly stdError: number;
  /** number of queries Q */
  readonly queries: number;
  readonly centres: number;
  /** with classes: ĥ(T|Y), Î(T;Y) = ĥ(T) − ĥ(T|Y), and the standard error of Î */
  readonly conditionalEntropyY?: number;
  readonly mutualInformationY?: number;
  readonly mutualInformationYStdError?: number;
}

/** Queries per parallel chunk (fixed, so chunking does not depend on the thread count). */
const CHUNK_QUERIES = 4 * LSE_QUERY_BLOCK;

/** Centre index of every query: each centre nMC times, or a uniform subset of that list of size cap. */
function queryCentres(n: number, nMC: number, cap: number, rng: Rng): Int32Array {
  const total = n * nMC;
  if (total <= cap) {
    const out = new Int32Array(total);
    for (let q = 0; q < total; q++) out[q] = Math.floor(q / nMC);
    return out;
  }
  // partial Fisher–Yates over the list positions; position p is centre ⌊p / nMC⌋
  const pos = new Int32Array(total);
  for (let p = 0; p < total; p++) pos[p] = p;
  const out = new Int32Array(cap);
  for (let q = 0; q < cap; q++) {
    const r = q + rng.int(total - q);
    const t = pos[q];
    pos[q] = pos[r];
    pos[r] = t;
    out[q] = Math.floor(pos[q] / nMC);
  }
  return out;
}

function meanAndStdError(v: Float64Array): { mean: number; se: number } {
  const q = v.length;
  let mean = 0;
  for (let i = 0; i < q; i++) mean += v[i];
  mean /= q;
  let ss = 0;
  for (let i = 0; i < q; i++) ss += (v[i] - mean) ** 2;
  return { mean, se: q > 1 ? Math.sqrt(ss / (q - 1) / q) : 0 };
}

/** Options of the public `gaussianMixtureEntropy`: labels (or rows whose repeats are classes). */
export interface MixtureEntropyInput {
  readonly noiseStd: number;
  readonly nMC?: number;
  readonly maxQueries?: number;
  readonly seed?: number;
  readonly labels?: LabelsInput;
  readonly threads?: number;
}

/** ĥ of the mixture centred on the rows of `centres`, after validating the inputs. */
export function gaussianMixtureEntropy(centres: Samples, opts: MixtureEntropyInput): MixtureEntropyResult {
  const c = checkSamples(centres, "centres");
  return computeMixtureEntropy(c, {
    noiseStd: checkPositive(opts.noiseStd, "noiseStd"),
    nMC: checkInteger(opts.nMC ?? 4, "nMC", 1),
    ...(opts.maxQueries !== undefined ? { maxQueries: checkInteger(opts.maxQueries, "maxQueries", 1) } : {}),
    seed: checkInteger(opts.seed ?? 0, "seed", 0),
    ...(opts.labels !== undefined ? { classes: targetClasses(opts.labels, c.n, "labels") } : {}),
    ...(opts.threads !== undefined ? { threads: checkInteger(opts.threads, "threads", 1, 256) } : {}),
  });
}

/** ĥ of the mixture centred on the rows of `centres` (inputs assumed valid). */
export function computeMixtureEntropy(centres: Samples, opts: MixtureEntropyOptions): MixtureEntropyResult {
  const { n, d } = centres;
  const beta = opts.noiseStd;
  const nMC = opts.nMC ?? 4;
  const rng = opts.rng ?? createRng(opts.seed ?? 0);
  const owner = queryCentres(n, nMC, opts.maxQueries ?? Number.POSITIVE_INFINITY, rng);
  const nq = owner.length;
  const mu = toShared(shiftedCopy(centres.data, n, d, columnMeans(centres.data, n, d)));
  const queries = sharedFloat64(nq * d);
  const noise = rng.fillNormal(new Float64Array(nq * d));
  for (let q = 0; q < nq; q++) {
    const c = owner[q] * d;
    for (let k = 0; k < d; k++) queries[q * d + k] = mu[c + k] + beta * noise[q * d + k];
  }
  const classes = opts.classes;
  const queryLabels = classes ? toShared(owner.map((c) => classes.ids[c])) : undefined;
  const problem = {
    queries,
    nq,
    centres: mu,
    nc: n,
    d,
    scale: 1 / (2 * beta * beta),
    ...(classes ? { queryLabels, centreLabels: toShared(classes.ids) } : {}),
  };
  const chunks = Math.ceil(nq / CHUNK_QUERIES);
  const ranges = new Int32Array(3 * chunks);
  for (let c = 0; c < chunks; c++)
    ranges.set([0, c * CHUNK_QUERIES, Math.min(nq, (c + 1) * CHUNK_QUERIES)], 3 * c);
  const lse = sharedFloat64(nq);
  const lseSame = classes ? sharedFloat64(nq) : undefined;
  runChunks(
    "gaussianLse",
    { problems: [problem], ranges, out: [lse], ...(lseSame ? { outSame: [lseSame] } : {}) },
    chunks,
    opts.threads ?? autoThreads(nq * n * (d + 4)),
  );
  // −ln ĝ(q) = −LSE + ln n + d/2·ln(2πβ²)
  const norm = (d / 2) * Math.log(2 * Math.PI * beta * beta);
  const negLog = new Float64Array(nq);
  for (let q = 0; q < nq; q++) negLog[q] = -lse[q] + Math.log(n) + norm;
  const h = meanAndStdError(negLog);
  const result: MixtureEntropyResult = { entropy: h.mean, stdError: h.se, queries: nq, centres: n };
  if (!classes || !lseSame || !queryLabels) return result;
  // Σ_y p(y)·ĥ_y with ĥ_y the mean over class-y queries: weight w = p(y)·Q/Q_y (1 without subsampling)
  const perClass = new Float64Array(classes.counts.length);
  for (let q = 0; q < nq; q++) perClass[queryLabels[q]]++;
  const diff = new Float64Array(nq);
  const cond = new Float64Array(nq);
  for (let q = 0; q < nq; q++) {
    const y = queryLabels[q];
    const w = (classes.counts[y] / n) * (nq / perClass[y]);
    cond[q] = w * (-lseSame[q] + Math.log(classes.counts[y]) + norm);
    diff[q] = negLog[q] - cond[q];
  }
  const hc = meanAndStdError(cond);
  const mi = meanAndStdError(diff);
  return {
    ...result,
    conditionalEntropyY: hc.mean,
    mutualInformationY: mi.mean,
    mutualInformationYStdError: mi.se,
  };
}
