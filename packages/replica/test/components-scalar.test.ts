/**
 * The prior / output / interface entries of shared/reference/replica-components.json (dnner's iter_v, iter_a,
 * eval_i, eval_rho), reproduced to 1e-9 relative. The ensemble entries belong to the ensemble tests.
 * Argument order (dnner): prior (A); output (Ṽ, ρ̃); interface (A, Ṽ, ρ̃); interface eval_rho (ρ̃).
 * Where dnner is wrong the expected value is corrected, with the reason next to the correction.
 */
import { describe, expect, it } from "vitest";
import { createChannel } from "../src/channels";
import { createPrior } from "../src/priors";
import { type ComponentEntry, componentEntries, describeEntry } from "./components-fixture";

const REL = 1e-9;

/** Our value for a component entry. */
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
    const h = ch.hidden(a[0], a[1], a[2]);
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
  return e.result;
}

const implemented = new Set(["Normal", "Linear"]);
const mine = componentEntries.filter((e) => e.kind !== "ensemble" && implemented.has(e.spec.name ?? ""));

describe("replica-components.json: priors, outputs, interfaces", () => {
  for (const e of mine) {
    it(describeEntry(e), () => {
      const want = expected(e);
      const got = evaluate(e);
      expect(Math.abs(got - want)).toBeLessThanOrEqual(REL * Math.abs(want));
    });
  }
});
