/**
 * The prior / output / interface entries of shared/reference/replica-components.json (dnner's iter_v, iter_a,
 * eval_i, eval_rho; copied into test/fixtures/components.json), reproduced to 1e-9 relative. The ensemble
 * entries are tested with the ensembles. Argument order (dnner): prior (A); output (Ṽ, ρ̃); interface
 * (A, Ṽ, ρ̃); interface eval_rho (ρ̃). Where dnner is wrong the expected value is the correct one, with the
 * reason and the proof next to it (test/components-brute-force.test.ts recomputes those values from the
 * definitions by a separate code path).
 */
import { describe, expect, it } from "vitest";
import { createChannel } from "../src/channels";
import type { HiddenValues } from "../src/interface";
import { createPrior } from "../src/priors";
import { DNNER_CORRECTIONS } from "./components-corrections";
import { type ComponentEntry, componentEntries, describeEntry } from "./components-fixture";

const REL = 1e-9;

const hiddenCache = new Map<string, HiddenValues>();

/** Our value for a component entry (one hidden() pass serves iter_v, iter_a and eval_i). */
function evaluate(e: ComponentEntry): number {
  const spec = { kind: e.spec.kind, name: e.spec.name ?? "", params: e.spec.params };
  const a = e.args as number[];
  if (e.kind === "prior") {
    const prior = createPrior(spec);
    if (e.method === "iter_v") return prior.V(a[0]);
    if (e.method === "eval_i") return prior.Psi(a[0]);
    if (e.method === "eval_rho") return prior.rho;
  } else if (e.kind === "output") {
    const ch = createChannel(spec);
    if (e.method === "iter_a") return ch.outA(a[0], a[1]);
    if (e.method === "eval_i") return ch.outPsi(a[0], a[1]);
  } else if (e.kind === "interface") {
    const ch = createChannel(spec);
    if (e.method === "eval_rho") return ch.rhoNext(a[0]);
    const key = JSON.stringify([e.spec, a]);
    let h = hiddenCache.get(key);
    if (h === undefined) {
      h = ch.hidden(a[0], a[1], a[2]);
      hiddenCache.set(key, h);
    }
    if (e.method === "iter_a") return h.A;
    if (e.method === "iter_v") return h.V;
    if (e.method === "eval_i") return h.Psi;
  }
  throw new Error(`unmapped component entry ${describeEntry(e)}`);
}

/** dnner's value, or the correct one where dnner is wrong (replica-math §8). */
function expected(e: ComponentEntry): number {
  const p = e.spec.params ?? {};
  // §8.1: dnner's Normal.eval_i returns Ψ_0 + μ²/(2s²); the normalised E log Z_0 lacks that constant
  // (closed form ½Aρ − ½log(1+As²); SpikeSlab with p = 1 gives the same).
  if (e.kind === "prior" && e.spec.name === "Normal" && e.method === "eval_i") {
    return e.result - (p.mean * p.mean) / (2 * p.var);
  }
  const fix = DNNER_CORRECTIONS.find((c) => c.matches(e));
  return fix === undefined ? e.result : fix.correct;
}

const mine = componentEntries.filter((e) => e.kind !== "ensemble");

describe("replica-components.json: priors, outputs, interfaces", { timeout: 60_000 }, () => {
  it("covers every non-ensemble entry", () => {
    expect(mine.length).toBe(245);
    expect(DNNER_CORRECTIONS.every((c) => mine.filter((e) => c.matches(e)).length === 1)).toBe(true);
  });
  for (const e of mine) {
    it(describeEntry(e), () => {
      const want = expected(e);
      const got = evaluate(e);
      expect(Math.abs(got - want)).toBeLessThanOrEqual(REL * Math.abs(want));
    });
  }
});
