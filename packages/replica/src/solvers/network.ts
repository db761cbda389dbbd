/**
 * A chain prior → channel_1 → … → channel_L with one weight ensemble per channel, and the second moments the
 * solvers need (replica-math §1.2, dnner `precompute`): α_ℓ, α̃_ℓ = Π_{k≤ℓ} α_k, ρ_ℓ = E[t_{ℓ−1}²] and
 * ρ̃_ℓ = E[λ_ℓ]·ρ_ℓ/α_ℓ. Index i (0-based) is layer ℓ = i + 1, as in dnner's arrays.
 */
import type { Channel, Ensemble, HiddenValues, Prior } from "../interface";

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
 * Remembers the last two calls of `hidden` (the expensive 2-D integrals): the fixed-point sweep asks for 𝒜 and
 * 𝒱 at the same point, φ and the stationarity check ask again at the final state, and ML-VAMP alternates
 * between two points per iteration.
 */
/** (A linear channel's closed form costs less than the lookup: it is not wrapped.) */
function memoizeHidden(channel: Channel): Channel {
  const keys = new Float64Array(6).fill(Number.NaN);
  // the accuracy each value was asked at (0: full); a value serves requests at least as loose
  const accuracies = new Float64Array(2);
  const vals: HiddenValues[] = [
    { Psi: 0, V: 0, A: 0 },
    { Psi: 0, V: 0, A: 0 },
  ];
  let next = 0;
  const hidden = (A: number, Vt: number, rhoT: number, accuracy?: number): HiddenValues => {
    const asked = accuracy ?? 0;
    for (let k = 0; k < 2; k++) {
      if (keys[3 * k] === A && keys[3 * k + 1] === Vt && keys[3 * k + 2] === rhoT && accuracies[k] <= asked) {
        return vals[k];
      }
    }
    const r = channel.hidden(A, Vt, rhoT, accuracy);
    keys[3 * next] = A;
    keys[3 * next + 1] = Vt;
    keys[3 * next + 2] = rhoT;
    accuracies[next] = asked;
    vals[next] = r;
    next = 1 - next;
    return r;
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
