/**
 * Kozachenko–Leonenko differential entropy (Kozachenko & Leonenko, Probl. Inf. Transm. 23 (1987) 95;
 * in Kraskov et al. 2004's form; shared/docs/estimators-math.md §4.1):
 *
 *   H = ψ(N) − ψ(k) + ln V_d + (d/N) Σ_i ln r_i,
 *
 * r_i the distance from row i to its k-th nearest other row, V_d the unit-ball volume of the metric
 * (max-norm: 2^d, NPEET's choice and the default; Euclidean: π^{d/2}/Γ(d/2 + 1)). Exact neighbours, no
 * noise (NPEET adds 1e-10·U(0,1), which moves its value by ~1e-10), ties by `ties.ts`.
 */
import { digamma } from "@infoflow/numerics";
import { negativeEntropyNote } from "../diagnostics";
import { buildEstimate, secondsSince } from "../estimate";
import type { Estimate, Samples } from "../interface";
import { kNearest, rawSpace, searchThreads } from "../kernels/neighbours";
import { checkNoConstantColumns, checkRowsForK, checkSamples } from "../validate";
import { type KnnMetric, logUnitBallVolume } from "./ball-volume";
import { compensatedMean } from "./compensated-mean";
import { type KnnOptions, resolveKnnOptions, resolveMetric } from "./options";
import { withTiePolicy, zeroDistances } from "./ties";

export interface KlOptions extends KnnOptions {
  /** "chebyshev" (alias "max", default) or "euclidean" */
  readonly metric?: KnnMetric | "max";
}

/** Validated options and the parameter record every KL result echoes (defaults filled in). */
export function resolveKlOptions(opts: KlOptions) {
  const o = resolveKnnOptions(opts);
  const metric = resolveMetric(opts.metric);
  const params = {
    k: o.k,
    metric,
    ties: o.ties,
    jitter: o.jitter,
    seed: o.seed,
    base: o.unit === "bits" ? 2 : "e",
  };
  return { o, metric, params };
}

/** Kozachenko–Leonenko estimate of the differential entropy of the rows of x. */
export function klEntropy(x: Samples, opts: KlOptions = {}): Estimate {
  const started = performance.now();
  const { o, metric, params } = resolveKlOptions(opts);
  checkSamples(x, "x");
  checkRowsForK(x.n, o.k, "x");
  checkNoConstantColumns(x, "x");
  const { n, d } = x;
  const { k } = o;
  const threads = o.threads ?? searchThreads(n, d);
  const space = rawSpace(x.data, n, d);
  const run = withTiePolicy(space.data, n, d, o, "x", [x], (rows) => {
    const nb = kNearest(rawSpace(rows, n, d), k, { metric: metric === "chebyshev" ? 0 : 1, threads });
    return { ...nb, zero: zeroDistances(nb.dist, n, k) };
  });
  const { dist, search } = run.result;
  const meanLog = compensatedMean(n, (i) => Math.log(dist[i * k + k - 1]));
  const valueNats = digamma(n) - digamma(k) + logUnitBallVolume(d, metric) + d * meanLog;
  const diagnostics: Record<string, unknown> = { n, d, search, ties: run.ties };
  const note = negativeEntropyNote(valueNats);
  if (note !== undefined) diagnostics.negative = { note };
  diagnostics.seconds = secondsSince(started);
  return buildEstimate({
    nats: valueNats,
    unit: o.unit,
    params,
    diagnostics,
  });
}
