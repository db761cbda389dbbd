/**
 * Solver states. `FixedPoint` (interface.ts) holds the order parameters of replica-math §2.1 per layer;
 * `VampState` the ML-VAMP state-evolution variables of §3.2 (dnner `extremize_vamp`), with the conversions
 * between them (dnner `convert`, and its inverse used to warm-start ML-VAMP from a fixed point).
 */
import type { FixedPoint } from "../interface";
import type { Network } from "./network";

export interface VampState {
  v1x: number[];
  v2x: number[];
  a1x: number[];
  a2x: number[];
  v1z: number[];
  v2z: number[];
  /** dnner's `a1z_i`: the variance q of the message from the channel to z. */
  q: number[];
  a2z: number[];
  g: number[];
}

/** V below this counts as zero (dnner uses numpy's spacing(1) = 2.22e−16). */
export const ZERO_VARIANCE = 2.220446049250313e-16;

export function copyFixedPoint(s: FixedPoint): FixedPoint {
  return { v: s.v.slice(), a: s.a.slice(), vIn: s.vIn.slice(), aIn: s.aIn.slice(), theta: s.theta.slice() };
}

/**
 * Ã of a layer whose V is zero ("frozen", replica-math §3.1): the γ → 0 limit of α·θ(γ)/V is E[λ]·A, which is
 * dnner's α·A for Gaussian weights (E λ = α) and the correct limit otherwise (§3.1 remark, §8.5).
 */
export function frozenAIn(net: Network, i: number, a: number): number {
  return net.ensembles[i].eigMean * a;
}

/** ML-VAMP variables → fixed-point order parameters (dnner `convert`, replica-math §3.2). */
export function vampToFixedPoint(net: Network, s: VampState): FixedPoint {
  const L = net.depth;
  const out: FixedPoint = { v: s.v1x.slice(), a: s.g.slice(), vIn: [], aIn: [], theta: [] };
  for (let i = 0; i < L; i++) {
    out.vIn.push(1 / s.a2z[i]);
    if (s.v1x[i] > ZERO_VARIANCE) {
      out.aIn.push(s.a1x[i]);
      out.theta.push(1 / (1 + s.a2z[i] * s.q[i]));
    } else {
      out.aIn.push(frozenAIn(net, i, s.g[i]));
      out.theta.push(0);
    }
  }
  return out;
}

/**
 * Fixed-point order parameters → the ML-VAMP variables it restarts from: a1x = Ã and q = (1−θ)Ṽ/θ (inverting
 * θ = 1/(1 + a2z q), a2z = 1/Ṽ); the forward pass recomputes everything else from these.
 */
export function fixedPointToVamp(net: Network, s: FixedPoint): VampState {
  const L = net.depth;
  const st = emptyVampState(L);
  for (let i = 0; i < L; i++) {
    st.v1x[i] = s.v[i];
    st.a1x[i] = s.aIn[i];
    st.a2z[i] = 1 / s.vIn[i];
    st.g[i] = s.a[i];
    st.q[i] = s.theta[i] > 0 ? ((1 - s.theta[i]) * s.vIn[i]) / s.theta[i] : 1;
  }
  return st;
}

export function emptyVampState(L: number): VampState {
  const z = () => new Array<number>(L).fill(0);
  return { v1x: z(), v2x: z(), a1x: z(), a2x: z(), v1z: z(), v2z: z(), q: z(), a2z: z(), g: z() };
}

export function copyVampState(s: VampState): VampState {
  return {
    v1x: s.v1x.slice(),
    v2x: s.v2x.slice(),
    a1x: s.a1x.slice(),
    a2x: s.a2x.slice(),
    v1z: s.v1z.slice(),
    v2z: s.v2z.slice(),
    q: s.q.slice(),
    a2z: s.a2z.slice(),
    g: s.g.slice(),
  };
}
