/**
 * The `binning` estimator: `binning-mi.ts` behind the Estimator interface. `entropy(t)` = H(T̃), which is
 * I(X;T̃) for X uniform over the rows of a deterministic layer; `estimate(t, y)` = I(T̃;Y) with y labels,
 * or y = the inputs for I(X;T̃) = H(T̃) − H(T̃|X) when inputs repeat. Modes (§2.2): "width" (default,
 * ⌊t/w⌋, w = 0.07 as in ibsgd's SZT notebook), "idnns" (Shwartz-Ziv & Tishby's float32 edges, bins =
 * number of edges, default range [−1, 1]), "range" (bins intervals over the data's range or `range`),
 * "adaptive" / "adaptive-all" (equal-mass over distinct / all values, Chelombiev et al. 2019).
 */
import { negativeMINote } from "../diagnostics";
import { buildEstimate, secondsSince } from "../estimate";
import type { Estimate, MIAndEntropyEstimator, Params, Samples, Target } from "../interface";
import { type Classes, targetClasses } from "../labels";
import { checkKnownParams, readSeed, readShuffles } from "../params";
import { permutationNull } from "../shuffle-null";
import { fromNats, unitFromBase } from "../units";
import { checkSamples } from "../validate";
import { type BinningOptions, type BinningResult, computeBinning } from "./binning-mi";
import { resolveBinningOptions } from "./binning-options";

const KNOWN = ["mode", "bins", "width", "range", "low", "base", "shuffles", "seed"] as const;

function summary(r: BinningResult, unit: "nats" | "bits"): Params {
  return {
    occupiedBins: r.occupied,
    occupiedPerUnit: r.occupiedPerUnit,
    clippedValues: r.clipped,
    ...(r.wrapped !== undefined ? { wrappedBelowFirstEdge: r.wrapped, aboveLastEdge: r.aboveLastEdge } : {}),
    ...(r.edges !== undefined ? { edges: r.edges } : {}),
    ...(r.range !== undefined ? { range: r.range } : {}),
    entropy: fromNats(r.entropy, unit),
  };
}

export function createBinningEstimator(params: Params = {}): MIAndEntropyEstimator {
  checkKnownParams("binning", params, KNOWN);
  const base = resolveBinningOptions(params);
  const { mode, bins, width, range, low } = base;
  const unit = unitFromBase(params.base);
  const shuffles = readShuffles(params.shuffles);
  const seed = readSeed(params.seed);
  const resolved: Params = {
    mode,
    bins,
    width,
    ...(range !== undefined ? { range } : mode === "idnns" ? { range: [-1, 1] } : {}),
    ...(low !== undefined ? { low } : {}),
    base: unit === "bits" ? 2 : "e",
    shuffles,
    seed,
  };
  const options = (classes?: Classes): BinningOptions => ({
    ...base,
    ...(classes !== undefined ? { classes } : {}),
  });

  function entropy(x: Samples): Estimate {
    const t0 = performance.now();
    const t = checkSamples(x, "x");
    const r = computeBinning(t, options());
    return buildEstimate({
      nats: r.entropy,
      unit,
      params: resolved,
      diagnostics: {
        quantity: "H(Bin(T)) = I(X; Bin(T)) for X uniform over the rows",
        n: t.n,
        d: t.d,
        ceiling: fromNats(Math.log(t.n), unit),
        ...summary(r, unit),
        seconds: secondsSince(t0),
      },
    });
  }

  function estimate(x: Samples, y: Target): Estimate {
    const t0 = performance.now();
    const t = checkSamples(x, "x");
    const classes = targetClasses(y, t.n, "y");
    const r = computeBinning(t, options(classes));
    const value = r.mutualInformationY ?? Number.NaN;
    const nullDist =
      shuffles > 0
        ? permutationNull(t.n, fromNats(value, unit), shuffles, seed, (perm) => {
            const ids = classes.ids.map((_, i) => classes.ids[perm[i]]);
            const mi = computeBinning(t, options({ ids, counts: classes.counts })).mutualInformationY;
            return fromNats(mi ?? Number.NaN, unit);
          })
        : undefined;
    return buildEstimate({
      nats: value,
      unit,
      params: resolved,
      diagnostics: {
        quantity: "I(Bin(T); Y) = H(Bin(T)) − H(Bin(T) | Y)",
        n: t.n,
        d: t.d,
        classes: classes.counts.length,
        ...summary(r, unit),
        conditionalEntropy: fromNats(r.conditionalEntropyY ?? Number.NaN, unit),
        seconds: secondsSince(t0),
        ...(nullDist ? { shuffleNull: nullDist } : {}),
        ...(negativeMINote(value) ? { negative: negativeMINote(value) } : {}),
      },
    });
  }

  return { id: "binning", kind: "both", parameters: () => resolved, entropy, estimate };
}
