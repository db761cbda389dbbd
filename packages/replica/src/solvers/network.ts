/**
 * A chain prior → channel_1 → … → channel_L with one weight ensemble per channel, and the second moments the
 * solvers need (replica-math §1.2, dnner `precompute`): α_ℓ, α̃_ℓ = Π_{k≤ℓ} α_k, ρ_ℓ = E[t_{ℓ−1}²] and
 * ρ̃_ℓ = E[λ_ℓ]·ρ_ℓ/α_ℓ. Index i (0-based) is layer ℓ = i + 1, as in dnner's arrays.
 */
import type { Channel, Ensemble, HiddenValues, Prior } from "../interface";
import { RecentHidden } from "./recent-hidden";

export interface Network {
  readonly prior: Prior;
  /** channels[i] is layer i+1's activation; channels[L−1] is the output. */
  readonly channels: readonly Channel[];
  readonly ensembles: readonly Ensemble[];
  /** L, the number of weight layers. */
  readonly depth: number;
  readonly alpha: readonly number[];
  /** α̃_0 … α̃_L (length L + 1, α̃_0 = 1). */
  readonly alphaT: readonly number[];
  readonly rho: readonly number[];
  readonly rhoT: readonly number[];
}

/**
 * A non-Gaussian channel's `hidden` behind the network's cache of recent results (recent-hidden.ts). (A linear
 * channel's closed form costs less than the lookup: it is not wrapped.)
 */
function memoizeHidden(channel: Channel): Channel {
  const recent = new RecentHidden();
  const hidden = (A: number, Vt: number, rhoT: number, accuracy?: number): HiddenValues => {
    const known = recent.get(A, Vt, rhoT, accuracy);
    return known ?? recent.put(A, Vt, rhoT, channel.hidden(A, Vt, rhoT, accuracy), accuracy);
  };
  return {
    name: channel.name,
    gaussian: channel.gaussian,
    varNoise: channel.varNoise,
    withNoise: (s2) => channel.withNoise(s2),
    rhoNext: (r) => channel.rhoNext(r),
    hidden,
    outA: (Vt, r) => channel.outA(Vt, r),
    outPsi: (Vt, r) => channel.outPsi(Vt, r),
  };
}

export function buildNetwork(
  prior: Prior,
  channels: readonly Channel[],
  ensembles: readonly Ensemble[],
): Network {
  const depth = channels.length;
  const alpha = ensembles.map((e) => e.alpha);
  const alphaT = [1];
  for (let i = 0; i < depth; i++) alphaT.push(alphaT[i] * alpha[i]);
  const rho: number[] = [];
  const rhoT: number[] = [];
  for (let i = 0; i < depth; i++) {
    rho.push(i === 0 ? prior.rho : channels[i - 1].rhoNext(rhoT[i - 1]));
    rhoT.push((ensembles[i].eigMean * rho[i]) / alpha[i]);
  }
  return {
    prior,
    channels: channels.map((c) => (c.gaussian ? c : memoizeHidden(c))),
    ensembles,
    depth,
    alpha,
    alphaT,
    rho,
    rhoT,
  };
}
