/**
 * Independent recomputation, straight from the definitions of replica-math §2.2 and §4.1–4.2, of the values
 * where we differ from dnner (test/components-corrections.ts) and of the HardTanh-output values of §6.4.
 * Nothing here uses src/integrals: the outputs integrate E_ω[Σ_atoms P log P + ∫ N log N] and
 * E_ω[Σ_atoms (∂_ω P)²/P + ∫ (∂_ω N)²/N] over ω ~ N(0, m) with numerics' adaptive gaussKronrod, the atom masses
 * P± = Φ((±ω − T)/√v) and the Gaussian part on |t| < T in closed form; the Bimodal 𝒱_0 integrates sech² against
 * the Gaussian directly. Agreement to 1e−10 relative.
 */
import { gaussKronrod, normalCdf, normalPdf } from "@infoflow/numerics";
import { describe, expect, it } from "vitest";
import { createChannel } from "../src/channels";
import { createPrior } from "../src/priors";
import { DNNER_CORRECTIONS } from "./components-corrections";
import { componentEntries } from "./components-fixture";

const REL = 1e-10;
const quad = (f: (x: number) => number, a: number, b: number, breakpoints: number[]) =>
  gaussKronrod(f, a, b, { epsRel: 1e-13, epsAbs: 1e-300, maxSubdivisions: 2000, breakpoints }).value;

/** HardTanh(σ², T) output at (Ṽ, ρ̃) from the definitions: [𝒜_out, Ψ_out]. */
function hardTanhOutput(s2: number, T: number, Vt: number, rho: number): [number, number] {
  const v = s2 + Vt;
  const m = rho - Vt;
  const sv = Math.sqrt(v);
  const pointwise = (om: number): [number, number] => {
    const zp = (om - T) / sv;
    const zm = (-T - om) / sv;
    const pp = normalCdf(zp);
    const pm = normalCdf(zm);
    let psi = (pp > 0 ? pp * Math.log(pp) : 0) + (pm > 0 ? pm * Math.log(pm) : 0);
    let fa = (pp > 0 ? normalPdf(zp) ** 2 / pp : 0) + (pm > 0 ? normalPdf(zm) ** 2 / pm : 0);
    fa /= v;
    // Gaussian part: h ~ N(ω, v) on (−T, T), z = (h − ω)/√v on (a, b).
    const a = zm;
    const b = (T - om) / sv;
    const mass = normalCdf(b) - normalCdf(a);
    const secondMoment = mass - (b * normalPdf(b) - a * normalPdf(a));
    psi += -0.5 * Math.log(2 * Math.PI * v) * mass - 0.5 * secondMoment;
    fa += secondMoment / v;
    return [fa, psi];
  };
  const sm = Math.sqrt(m);
  const bp = [-T / sm, 0, T / sm].filter((x) => Math.abs(x) < 12);
  const A = quad((w) => pointwise(sm * w)[0] * normalPdf(w), -12, 12, bp);
  const P = quad((w) => pointwise(sm * w)[1] * normalPdf(w), -12, 12, bp);
  return [A, P];
}

/** 𝒱_0(A) of Bimodal(p) from E sech²(b₀ ± A + √A η). */
function bimodalV(p: number, A: number): number {
  const b0 = 0.5 * Math.log(p / (1 - p));
  const s = Math.sqrt(A);
  const term = (c: number) =>
    quad(
      (x) => normalPdf((x - c) / s) / s / Math.cosh(x) ** 2,
      c - 12 * s,
      c + 12 * s,
      [-10, -2, 0, 2, 10].filter((x) => x > c - 12 * s && x < c + 12 * s),
    );
  return p * term(b0 + A) + (1 - p) * term(b0 - A);
}

const close = (got: number, want: number, rel = REL) =>
  expect(Math.abs(got - want)).toBeLessThanOrEqual(rel * Math.abs(want));

describe("values where dnner is wrong, recomputed from the definitions", () => {
  for (const c of DNNER_CORRECTIONS) {
    const e = componentEntries.find((x) => c.matches(x));
    if (e === undefined) throw new Error(`correction without entry: ${c.why}`);
    it(`${e.kind} ${e.spec.name}${JSON.stringify(e.spec.params)} ${e.method}(${e.args.join(", ")}): ${c.correct} (dnner ${c.dnner})`, () => {
      const p = e.spec.params ?? {};
      let independent: number;
      let ours: number;
      if (e.kind === "prior") {
        independent = bimodalV(p.prob, e.args[0] as number);
        ours = createPrior({ name: "Bimodal", params: p }).V(e.args[0] as number);
      } else {
        const [Vt, rho] = e.args as number[];
        const [A, P] = hardTanhOutput(p.var_noise, p.thres, Vt, rho);
        independent = e.method === "iter_a" ? A : P;
        const ch = createChannel({ name: "HardTanh", params: p });
        ours = e.method === "iter_a" ? ch.outA(Vt, rho) : ch.outPsi(Vt, rho);
      }
      close(independent, c.correct);
      close(ours, c.correct);
      // and dnner really is off, by more than our tolerance
      expect(Math.abs(c.dnner - c.correct)).toBeGreaterThan(1e-7 * Math.abs(c.correct));
    });
  }
});

describe("HardTanh outputs of replica-math §6.4 (small noise: dnner's window too narrow)", () => {
  // [σ², Ṽ, ρ̃, 𝒜_out, Ψ_out] (§6.4, 10 digits, confirmed there by brute force); T = 1.
  const rows: Array<[number, number, number, number, number]> = [
    [0.01, 0.1, 1, 7.309411119, -0.3488251507],
    [0.01, 0.01, 0.5, 44.28470183, 0.4000812156],
    [1e-5, 0.1, 1, 8.013637984, -0.3112199771],
    [1e-5, 0.01, 0.5, 87.60566641, 0.7083653703],
    [1e-5, 1e-4, 1, 6247.725763, 2.138092121], // dnner 6205.762176, 2.142692262
    [1e-3, 0.00174467, 0.5, 313.7131718, 1.269583498], // dnner 306.0512107, 1.289927112
  ];
  for (const [s2, Vt, rho, A, P] of rows) {
    it(`HardTanh(${s2}) at Ṽ = ${Vt}, ρ̃ = ${rho}`, () => {
      const ch = createChannel({ name: "HardTanh", params: { var_noise: s2, thres: 1 } });
      const [bA, bP] = hardTanhOutput(s2, 1, Vt, rho);
      close(ch.outA(Vt, rho), bA);
      close(ch.outPsi(Vt, rho), bP);
      close(ch.outA(Vt, rho), A, 1e-9);
      close(ch.outPsi(Vt, rho), P, 1e-9);
    });
  }
});
