/**
 * `ksgMI(x, y, opts)`: the public KSG mutual-information estimate (see `ksg.ts` for the formulas) with
 * validation, the tie policy (`ties.ts`), optional spread-scaled jitter, an optional shuffle null, the
 * unit conversion and the diagnostics users ask for (users-ask.md §1: negative values explained, ties
 * reported, parameters echoed).
 */
import { negativeMINote } from "../diagnostics";
import { InvalidInputError } from "../errors";
import { buildEstimate, secondsSince } from "../estimate";
import type { Estimate, Samples, Target } from "../interface";
import { sharedFloat64 } from "../kernels/shared-memory";
import { readShuffles } from "../params";
import { permutationNull } from "../shuffle-null";
import { fromNats } from "../units";
import { checkRowsForK, checkSameRows, checkSamples, constantColumns } from "../validate";
import { jointRows, type KsgVariant, ksgCore } from "./ksg";
import { type KnnOptions, resolveKnnOptions } from "./options";
import { withTiePolicy } from "./ties";

export interface KsgOptions extends KnnOptions {
  /** 1 (default; strict counts at the joint radius) or 2 (non-strict counts at the marginal radii) */
  readonly variant?: KsgVariant;
  /** estimates on shuffled pairings for a permutation null; default 0 (none) */
  readonly shuffles?: number;
}

function resolveVariant(v: unknown): KsgVariant {
  if (v === undefined) return 1;
  if (v !== 1 && v !== 2) throw new InvalidInputError(`variant must be 1 or 2, got ${JSON.stringify(v)}`);
  return v;
}

/** Joint rows with the y columns of row π(i) next to the x columns of row i. */
function permutedRows(z: Float64Array, n: number, dx: number, dy: number, perm: Int32Array): Float64Array {
  const D = dx + dy;
  const out = sharedFloat64(n * D);
  for (let i = 0; i < n; i++) {
    const o = i * D;
    const p = perm[i] * D + dx;
    for (let c = 0; c < dx; c++) out[o + c] = z[o + c];
    for (let c = 0; c < dy; c++) out[o + dx + c] = z[p + c];
  }
  return out;
}

/** Validated options and the parameter record every KSG result echoes (defaults filled in). */
export function resolveKsgOptions(opts: KsgOptions) {
  const o = resolveKnnOptions(opts);
  const variant = resolveVariant(opts.variant);
  const shuffles = readShuffles(opts.shuffles);
  const params = {
    k: o.k,
    variant,
    metric: "chebyshev",
    ties: o.ties,
    jitter: o.jitter,
    seed: o.seed,
    shuffles,
    base: o.unit === "bits" ? 2 : "e",
  };
  return { o, variant, shuffles, params };
}

/** KSG estimate of I(X;Y) for continuous multivariate x and y (rows paired). */
export function ksgMI(x: Samples, y: Target, opts: KsgOptions = {}): Estimate {
  const started = performance.now();
  const { o, variant, shuffles, params } = resolveKsgOptions(opts);
  checkSamples(x, "x");
  if (y instanceof Int32Array || Array.isArray(y)) {
    throw new InvalidInputError(
      "y: KSG needs continuous samples {data, n, d}, got class labels; use a label-aware estimator for I(X;labels)",
    );
  }
  checkSamples(y, "y");
  checkSameRows(x.n, y.n, "x", "y");
  checkRowsForK(x.n, o.k, "x");
  const { n } = x;
  const dx = x.d;
  const dy = y.d;
  const core = { k: o.k, variant, threads: o.threads };
  const run = withTiePolicy(jointRows(x, y), n, dx + dy, o, "(x, y)", [x, y], (rows) =>
    ksgCore(rows, n, dx, dy, core),
  );
  const valueNats = run.result.value;
  const diagnostics: Record<string, unknown> = { n, dx, dy, search: run.result.search, ties: run.ties };
  const constant = { x: constantColumns(x), y: constantColumns(y) };
  if (constant.x.length + constant.y.length > 0) {
    diagnostics.constantColumns = {
      ...constant,
      note: "constant columns add nothing to max-norm distances; they are kept as is",
    };
  }
  const note = negativeMINote(valueNats);
  if (note !== undefined) diagnostics.negative = { clipped: 0, note };
  if (shuffles > 0) {
    // null estimates on the same (possibly jittered) rows, y re-paired by each permutation
    const nullValue = (perm: Int32Array) =>
      fromNats(ksgCore(permutedRows(run.rows, n, dx, dy, perm), n, dx, dy, core).value, o.unit);
    diagnostics.null = permutationNull(n, fromNats(valueNats, o.unit), shuffles, o.seed, nullValue);
  }
  diagnostics.seconds = secondsSince(started);
  return buildEstimate({
    nats: valueNats,
    unit: o.unit,
    params,
    diagnostics,
  });
}
