/**
 * A channel t = φ(z + √σ² ξ) with piecewise-linear φ: hidden-layer averages by the unified formulation of
 * replica-math §4.3(a)(b) (src/integrals/interface-quadrature.ts, with the activation's own term kernel),
 * output-role functions and ρ_next supplied by each activation's module (closed forms of §1.2 and §4.2).
 *
 * Edge cases (§4.4): m = max(ρ̃ − Ṽ, 0) (Ṽ > ρ̃ clips m); A = 0 gives Ψ = 𝒜 = 0 exactly and 𝒱 = E Var(φ(h) | ω);
 * v = σ² + Ṽ = 0 is the deterministic limit: Ψ = A·E[φ(ω)²]/2, 𝒱 = 0, 𝒜 = A·E[φ'(ω)²] when φ is
 * continuous; for a discontinuous φ (sign) 𝒜 diverges like v^{−1/2} and we throw.
 *
 * Accuracy: a solver far from its fixed point asks for SCREENING_ACCURACY (or looser) and gets the engine's
 * SCREENING_QUADRATURE, 2–3× fewer integrand evaluations; every other call is integrated to full accuracy.
 */

import {
  InterfaceQuadrature,
  type InterfaceQuadratureOptions,
  SCREENING_QUADRATURE,
} from "../integrals/interface-quadrature";
import { normalCdfDifference } from "../integrals/normal-mass";
import type { Pieces } from "../integrals/piecewise-posterior";
import type { TermKernel } from "../integrals/term-kernel";
import { type Channel, type HiddenValues, SCREENING_ACCURACY } from "../interface";
import { ReplicaError } from "./replica-error";

export interface PiecewiseActivation {
  /** Display name at noise σ², in dnner's parameter order, e.g. "ReLU(0.01)", "HardTanh(0.01, 1)". */
  name(varNoise: number): string;
  readonly pieces: Pieces;
  /** Multiplicity of each piece's integral: odd φ integrates one piece of each mirror pair twice (default 1s). */
  readonly pieceWeight?: readonly number[];
  /** The integrand of the interface averages at a batch of nodes (a specialised kernel per activation). */
  kernel(): TermKernel;
  /** Integration options of the interface engine (e.g. the w-outer order for sign). */
  readonly quadrature?: Partial<InterfaceQuadratureOptions>;
  /** Whether φ is continuous (the v → 0 limit of 𝒜 is finite). */
  readonly continuous: boolean;
  /** E[φ(h)²] for h ~ N(0, τ²) (ρ_next with τ² = σ² + ρ̃). */
  secondMoment(tau2: number): number;
  /** 𝒜_out at (v, m), v > 0. */
  outA(v: number, m: number): number;
  /** Ψ_out at (v, m); v = 0 (noiseless output) either returns the finite limit or throws saying why not. */
  outPsi(v: number, m: number): number;
}

export function piecewiseChannel(act: PiecewiseActivation, varNoise: number): Channel {
  const name = act.name(varNoise);
  // full accuracy, and the screening settings a solver far from its fixed point asks for (built when first used)
  const engine = (options: Partial<InterfaceQuadratureOptions>) =>
    new InterfaceQuadrature(act.pieces, act.kernel(), act.pieceWeight, { ...act.quadrature, ...options });
  let full: InterfaceQuadrature | undefined;
  let screening: InterfaceQuadrature | undefined;
  const scale = new Float64Array(3);
  const { lo, hi, kappa } = act.pieces;

  return {
    name,
    varNoise,
    withNoise: (s2) => piecewiseChannel(act, s2),
    rhoNext: (rhoTilde) => act.secondMoment(varNoise + rhoTilde),
    hidden(A: number, Vt: number, rhoTilde: number, accuracy?: number): HiddenValues {
      const v = varNoise + Vt;
      const m = Math.max(rhoTilde - Vt, 0);
      if (v === 0) {
        if (!act.continuous && A > 0) {
          throw new ReplicaError(
            `${name}: 𝒜 is infinite at σ² + Ṽ = 0 (a discontinuous activation without noise has infinite Fisher information)`,
          );
        }
        // Deterministic limit: h = ω ~ N(0, m), Z = e^{−Aφ(ω)²/2 + Bφ(ω)}.
        let slope2 = 0;
        for (let k = 0; k < kappa.length; k++) {
          if (kappa[k] !== 0) slope2 += kappa[k] * kappa[k] * normalCdfDifference(lo[k], hi[k], Math.sqrt(m));
        }
        return { Psi: 0.5 * A * act.secondMoment(m), V: 0, A: A * slope2 };
      }
      const quadrature =
        accuracy !== undefined && accuracy >= SCREENING_ACCURACY
          ? (screening ??= engine(SCREENING_QUADRATURE))
          : (full ??= engine({}));
      const rhoNext = act.secondMoment(v + m);
      scale[0] = 1 + 0.5 * A * rhoNext;
      scale[1] = rhoNext;
      scale[2] = 1 + A;
      const r = quadrature.compute(A, v, m, scale);
      return A === 0 ? { Psi: 0, V: r[1], A: 0 } : { Psi: r[0], V: r[1], A: r[2] };
    },
    outA(Vt: number, rhoTilde: number): number {
      const v = varNoise + Vt;
      if (v === 0) {
        throw new ReplicaError(
          `${name}: 𝒜_out is infinite at σ² + Ṽ = 0 (a noiseless output determines z exactly where φ is not flat)`,
        );
      }
      return act.outA(v, Math.max(rhoTilde - Vt, 0));
    },
    outPsi(Vt: number, rhoTilde: number): number {
      const v = varNoise + Vt;
      return act.outPsi(v, Math.max(rhoTilde - Vt, 0));
    },
  };
}
