/**
 * Linear channel t = z + √σ² ξ — closed forms (replica-math §1.2, §4.2, §4.3), v = σ² + Ṽ:
 *   hidden: Ψ = ½A(ρ̃ + σ²) − ½ log(1 + A v),  𝒱 = v/(1 + A v),  𝒜 = A/(1 + A v);
 *   output: 𝒜_out = 1/v,  Ψ_out = −½ log(2πe v);   ρ_next = σ² + ρ̃.
 * With v = 0 the output is a deterministic continuous function of z: H(t | ω) = −∞, so Ψ_out and 𝒜_out are +∞
 * and we throw rather than let an infinity turn into a NaN downstream (replica-math §4.4; issue 3 "never a NaN").
 */
import type { Channel, HiddenValues } from "../interface";
import { ReplicaError } from "./replica-error";

export function linearChannel(varNoise: number): Channel {
  const name = `Linear(${varNoise})`;
  const zeroVariance = (what: string) =>
    new ReplicaError(
      `${name}: ${what} is infinite at σ² + Ṽ = 0 (a noiseless linear output has conditional differential entropy −∞)`,
    );
  return {
    name,
    gaussian: true,
    varNoise,
    withNoise: (s2) => linearChannel(s2),
    rhoNext: (rhoTilde) => varNoise + rhoTilde,
    hidden(A: number, Vt: number, rhoTilde: number): HiddenValues {
      const v = varNoise + Vt;
      const d = 1 + A * v;
      return { Psi: 0.5 * A * (rhoTilde + varNoise) - 0.5 * Math.log1p(A * v), V: v / d, A: A / d };
    },
    outA(Vt: number): number {
      const v = varNoise + Vt;
      if (v <= 0) throw zeroVariance("𝒜_out");
      return 1 / v;
    },
    outPsi(Vt: number): number {
      const v = varNoise + Vt;
      if (v <= 0) throw zeroVariance("Ψ_out");
      return -0.5 * Math.log(2 * Math.PI * Math.E * v);
    },
  };
}
