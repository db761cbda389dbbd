/**
 * `ksgMI(x, y, opts)`: the public KSG mutual-information estimate (see `ksg.ts` for the formulas) with
 * validation, the tie policy (`ties.ts`), optional spread-scaled jitter, an optional shuffle null, the
 * unit conversion and the diagnostics users ask for (users-ask.md §1: negative values explained, ties
 * reported, parameters echoed).
 */
import { InvalidInputError } from "../errors";
import type { Estimate, Samples, Target } from "../interface";
import { fromNats } from "../units";
import { checkInteger, checkRowsForK, checkSameRows, checkSamples, constantColumns } from "../validate";
import { jointRows, type KsgVariant, ksgCore } from "./ksg";
import { type KnnOptions, resolveKnnOptions } from "./options";
import { shuffleNull } from "./shuffle-null";
import { withTiePolicy } from "./ties";

export interface KsgOptions extends KnnOptions {
  /** 1 (default; strict counts at the joint radius) or 2 (non-strict counts at the marginal radii) */
  readonly variant?: KsgVariant;
  /** estimates on shuffled pairings for a permutation null; default 0 (none) */
  readonly shuffles?: number;
}

const NEGATIVE_NOTE =
  "KSG is nearly unbiased when X and Y are independent, so a small negative value is sampling noise: " +
  "no dependence is detectable at this N and k. The raw value is kept (for bias analysis); clip at 0 " +
  "only for display, and see the shuffle null (option shuffles) for the spread under independence.";

function resolveVariant(v: unknown): KsgVariant {
  if (v === undefined) return 1;
  if (v !== 1 && v !== 2) throw new InvalidInputError(`variant must be 1 or 2, got ${JSON.stringify(v)}`);
  return v;
}

/** KSG estimate of I(X;Y) for continuous multivariate x and y (rows paired). */
export function ksgMI(x: Samples, y: Target, opts: KsgOptions = {}): Estimate {
  const started = performance.now();
  const o = resolveKnnOptions(opts);
  const variant = resolveVariant(opts.variant);
  const shuffles = checkInteger(opts.shuffles ?? 0, "shuffles", 0, 100000);
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
  const diagnostics: Record<string, unknown> = {
    n,
    dx,
    dy,
    search: run.result.search,
    ties: run.ties,
  };
  const constant = { x: constantColumns(x), y: constantColumns(y) };
  if (constant.x.length + constant.y.length > 0) {
    diagnostics.constantColumns = {
      ...constant,
      note: "constant columns add nothing to max-norm distances; they are kept as is",
    };
  }
  if (valueNats < 0) diagnostics.negative = { clipped: 0, note: NEGATIVE_NOTE };
  if (shuffles > 0) {
    const nul = shuffleNull(
      run.rows,
      n,
      dx,
      dy,
      valueNats,
      shuffles,
      o.seed,
      (rows) => ksgCore(rows, n, dx, dy, core).value,
    );
    diagnostics.null = {
      ...nul,
      values: nul.values.map((v) => fromNats(v, o.unit)),
      mean: fromNats(nul.mean, o.unit),
      std: fromNats(nul.std, o.unit),
      q95: fromNats(nul.q95, o.unit),
    };
  }
  diagnostics.seconds = (performance.now() - started) / 1000;
  return {
    value: fromNats(valueNats, o.unit),
    unit: o.unit,
    params: {
      k: o.k,
      variant,
      metric: "chebyshev",
      ties: o.ties,
      jitter: o.jitter,
      seed: o.seed,
      shuffles,
      base: o.unit === "bits" ? 2 : "e",
    },
    diagnostics,
  };
}
