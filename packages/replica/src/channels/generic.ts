/**
 * Generic channel t = φ(z + √σ² ξ) for any pointwise activation φ (issue 3, "Generic channel"), computed by
 * generic Gaussian integrals (src/integrals/generic-interface.ts, generic-output.ts) instead of the
 * piecewise-linear closed forms — the check the specialised channels are tested against, and the way to use
 * tanh, sigmoid, erf or a user function. Named activations: tanh, sigmoid, erf, sign, relu, linear, hardtanh.
 * Kinks and jumps of a user φ must be given as `breakpoints`; the output role needs φ non-decreasing.
 */
import { erf, gaussKronrod, logistic } from "@infoflow/numerics";
import { GENERIC_FULL, GENERIC_SCREENING, GenericInterface } from "../integrals/generic-interface";
import { genericOutput, type MonotoneActivation, type Segment } from "../integrals/generic-output";
import { type Channel, type HiddenValues, SCREENING_ACCURACY } from "../interface";
import { ReplicaError } from "./replica-error";

export interface GenericChannelSpec {
  phi: (h: number) => number;
  varNoise: number;
  name?: string;
  /** Points where φ has a kink or a jump (default none: φ smooth). */
  breakpoints?: readonly number[];
  /** φ'(h) where φ is smooth (default: central differences). */
  dphi?: (h: number) => number;
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/** The named activations of `createChannel({ name: "Generic", params: { activation } })`. */
export function namedActivation(
  activation: string,
  thres = 1,
): Pick<GenericChannelSpec, "phi" | "dphi" | "breakpoints"> {
  switch (activation) {
    case "tanh":
      return { phi: Math.tanh, dphi: (h) => 1 - Math.tanh(h) ** 2 };
    case "sigmoid":
      return { phi: logistic, dphi: (h) => logistic(h) * logistic(-h) };
    case "erf":
      return { phi: erf, dphi: (h) => TWO_OVER_SQRT_PI * Math.exp(-h * h) };
    case "sign":
      return { phi: (h) => (h > 0 ? 1 : -1), dphi: () => 0, breakpoints: [0] };
    case "relu":
      return { phi: (h) => Math.max(h, 0), dphi: (h) => (h > 0 ? 1 : 0), breakpoints: [0] };
    case "linear":
      return { phi: (h) => h, dphi: () => 1 };
    case "hardtanh":
      return {
        phi: (h) => Math.min(Math.max(h, -thres), thres),
        dphi: (h) => (Math.abs(h) < thres ? 1 : 0),
        breakpoints: [-thres, thres],
      };
    default:
      throw new ReplicaError(
        `Generic: unknown activation "${activation}" (expected tanh, sigmoid, erf, sign, relu, linear or hardtanh)`,
      );
  }
}

/** Segments between breakpoints, flat or strictly increasing (null when φ decreases somewhere: no output role). */
function monotoneSegments(phi: (h: number) => number, bps: readonly number[]): Segment[] | null {
  const edges = [Number.NEGATIVE_INFINITY, ...bps, Number.POSITIVE_INFINITY];
  const segs: Segment[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const lo = edges[i];
    const hi = edges[i + 1];
    const a = Number.isFinite(lo) ? lo : Math.min(hi, 0) - 50;
    const b = Number.isFinite(hi) ? hi : Math.max(lo, 0) + 50;
    const samples: number[] = [];
    for (let k = 1; k < 64; k++) samples.push(phi(a + ((b - a) * k) / 64));
    const flat = samples.every((s) => s === samples[0]);
    if (!flat && samples.some((s, k) => k > 0 && s < samples[k - 1])) return null;
    segs.push(flat ? { lo, hi, value: samples[0] } : { lo, hi });
  }
  return segs;
}

export function genericChannel(spec: GenericChannelSpec): Channel {
  const { phi, varNoise } = spec;
  const name = spec.name ?? "Generic";
  if (typeof phi !== "function") throw new ReplicaError(`${name}: phi must be a function`);
  if (!(varNoise >= 0) || !Number.isFinite(varNoise)) {
    throw new ReplicaError(`${name}: varNoise must be a finite number ≥ 0, got ${varNoise}`);
  }
  const bps = [...(spec.breakpoints ?? [])].sort((a, b) => a - b);
  const dphi =
    spec.dphi ??
    ((h: number) => {
      const e = 1e-5 * (1 + Math.abs(h));
      return (phi(h + e) - phi(h - e)) / (2 * e);
    });
  const jumps = bps.some((p) => {
    const e = 1e-9 * (1 + Math.abs(p));
    return Math.abs(phi(p + e) - phi(p - e)) > 1e-6;
  });
  const segments = monotoneSegments(phi, bps);
  const monotone: MonotoneActivation | null =
    segments === null
      ? null
      : {
          segments,
          dphi,
          unitSlope: segments.every(
            (s) => s.value !== undefined || [0.3, 0.7].every((f) => sampleSlope(s, f) === 1),
          ),
        };
  function sampleSlope(s: Segment, f: number): number {
    const a = Number.isFinite(s.lo) ? s.lo : Math.min(s.hi, 0) - 10;
    const b = Number.isFinite(s.hi) ? s.hi : Math.max(s.lo, 0) + 10;
    return dphi(a + f * (b - a));
  }
  /** E[g(h)], h ~ N(0, τ²). */
  const gaussian = (g: (h: number) => number, tau2: number) => {
    if (tau2 === 0) return g(0);
    const t = Math.sqrt(tau2);
    const bp = bps.filter((p) => Math.abs(p) < 12 * t);
    return gaussKronrod((h) => g(h) * (INV_SQRT_2PI / t) * Math.exp((-0.5 * h * h) / tau2), -12 * t, 12 * t, {
      epsRel: 1e-13,
      epsAbs: 1e-300,
      breakpoints: bp,
      throwOnFailure: false,
    }).value;
  };
  // φ' goes to the interface engine only when given and φ is continuous (its squared-score form of f_𝒜 rests
  // on integrating by parts; a finite-difference φ' would cost it digits)
  const interfaceActivation = {
    phi,
    breakpoints: bps,
    dphi: spec.dphi !== undefined && !jumps ? spec.dphi : undefined,
  };
  // full accuracy, and the screening settings a solver far from its fixed point asks for (interface.ts)
  let engine: GenericInterface | undefined;
  let screening: GenericInterface | undefined;
  const needMonotone = () => {
    if (monotone === null) {
      throw new ReplicaError(
        `${name}: the output role needs a non-decreasing φ (its conditional entropy is a sum over preimages)`,
      );
    }
    return monotone;
  };
  return {
    name,
    varNoise,
    withNoise: (s2) => genericChannel({ ...spec, varNoise: s2 }),
    rhoNext: (rhoTilde) => gaussian((h) => phi(h) ** 2, varNoise + rhoTilde),
    hidden(A: number, Vt: number, rhoTilde: number, accuracy?: number): HiddenValues {
      const v = varNoise + Vt;
      const m = Math.max(rhoTilde - Vt, 0);
      if (v === 0) {
        if (jumps && A > 0) {
          throw new ReplicaError(
            `${name}: 𝒜 is infinite at σ² + Ṽ = 0 (a discontinuous activation without noise has infinite Fisher information)`,
          );
        }
        return {
          Psi: 0.5 * A * gaussian((h) => phi(h) ** 2, m),
          V: 0,
          A: A * gaussian((h) => dphi(h) ** 2, m),
        };
      }
      let r: Float64Array;
      if (accuracy !== undefined && accuracy >= SCREENING_ACCURACY) {
        screening ??= new GenericInterface(interfaceActivation, GENERIC_SCREENING);
        r = screening.compute(A, v, m);
      } else {
        engine ??= new GenericInterface(interfaceActivation, GENERIC_FULL);
        r = engine.compute(A, v, m);
      }
      return A === 0 ? { Psi: 0, V: r[1], A: 0 } : { Psi: r[0], V: r[1], A: r[2] };
    },
    outA(Vt: number, rhoTilde: number): number {
      const act = needMonotone();
      const v = varNoise + Vt;
      if (v === 0) {
        throw new ReplicaError(
          `${name}: 𝒜_out is infinite at σ² + Ṽ = 0 (a noiseless output determines z exactly)`,
        );
      }
      return genericOutput(act, v, Math.max(rhoTilde - Vt, 0))[0];
    },
    outPsi(Vt: number, rhoTilde: number): number {
      const act = needMonotone();
      const v = varNoise + Vt;
      if (v === 0) {
        // t = φ(ω) is a deterministic function of ω: H(t | ω) = 0 if φ only takes discrete values, −∞ otherwise.
        if (act.segments.every((s) => s.value !== undefined)) return 0;
        throw new ReplicaError(
          `${name}: Ψ_out is infinite at σ² + Ṽ = 0 (a noiseless output that is not piecewise constant has H(t | z) = −∞)`,
        );
      }
      return genericOutput(act, v, Math.max(rhoTilde - Vt, 0))[1];
    },
  };
}
