/**
 * Output-role functions for a pointwise activation φ that is non-decreasing and piecewise smooth between
 * given breakpoints (replica-math §2.2, §4.2, generic form): given ω, h ~ N(ω, v) and t = φ(h) has an atom of
 * mass P_j on every flat segment and the density N(h; ω, v)/φ'(h) on every strictly increasing one, so
 *   H(t | ω) = −Σ_atoms P log P + Σ_strict ∫_seg N(h; ω, v)[½log(2πv) + (h − ω)²/(2v) + log φ'(h)] dh,
 *   Fisher(ω) = Σ_atoms (∂_ω P)²/P + Σ_strict ∫_seg N(h; ω, v)(h − ω)²/v² dh,
 * and Ψ_out = −E_ω H, 𝒜_out = E_ω Fisher over ω ~ N(0, m). The Gaussian parts are closed forms (truncated
 * normal moments); log φ' is integrated numerically when φ' is not constant on the segment.
 */
import { gaussKronrod, gaussKronrodVector, normalCdf, normalPdf } from "@infoflow/numerics";
import { GradedPartition } from "./graded-partition";

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const L = 10;

export interface Segment {
  lo: number;
  hi: number;
  /** Constant value on a flat segment; undefined on a strictly increasing one. */
  value?: number;
}

export interface MonotoneActivation {
  segments: readonly Segment[];
  /** φ'(h) on strictly increasing segments. */
  dphi(h: number): number;
  /** Whether log φ' is identically 0 on the strict segments (φ' = 1, e.g. ReLU, HardTanh, linear). */
  unitSlope: boolean;
}

/** [Fisher, H] at ω (v > 0). */
function pointwise(act: MonotoneActivation, omega: number, v: number, out: Float64Array): void {
  const sv = Math.sqrt(v);
  let fisher = 0;
  let entropy = 0;
  for (const seg of act.segments) {
    const a = (seg.lo - omega) / sv;
    const b = (seg.hi - omega) / sv;
    // Mass computed on the side where it is small, so tiny atoms keep their relative accuracy.
    const mass = a > 0 ? normalCdf(-a) - normalCdf(-b) : normalCdf(b) - normalCdf(a);
    if (!(mass > 0)) continue;
    const pa = Number.isFinite(a) ? normalPdf(a) : 0;
    const pb = Number.isFinite(b) ? normalPdf(b) : 0;
    if (seg.value !== undefined) {
      const dP = (pa - pb) / sv;
      fisher += (dP * dP) / mass;
      entropy -= mass * Math.log(mass);
    } else {
      // E[z² 1{a < z < b}] for z ~ N(0, 1).
      const m2 = mass - ((Number.isFinite(b) ? b * pb : 0) - (Number.isFinite(a) ? a * pa : 0));
      fisher += m2 / v;
      entropy += 0.5 * Math.log(2 * Math.PI * v) * mass + 0.5 * m2;
      if (!act.unitSlope) {
        const lo = Math.max(seg.lo, omega - 12 * sv);
        const hi = Math.min(seg.hi, omega + 12 * sv);
        if (hi > lo) {
          entropy += gaussKronrod(
            (h) => (INV_SQRT_2PI / sv) * Math.exp(-0.5 * ((h - omega) / sv) ** 2) * Math.log(act.dphi(h)),
            lo,
            hi,
            { epsRel: 1e-12, epsAbs: 1e-300, throwOnFailure: false },
          ).value;
        }
      }
    }
  }
  out[0] = fisher;
  out[1] = entropy;
}

/** [𝒜_out, Ψ_out] at (v > 0, m). */
export function genericOutput(act: MonotoneActivation, v: number, m: number): [number, number] {
  const tmp = new Float64Array(2);
  if (m === 0) {
    pointwise(act, 0, v, tmp);
    return [tmp[0], -tmp[1]];
  }
  const sm = Math.sqrt(m);
  const gp = new GradedPartition(2 * act.segments.length, 2, 4, 4);
  gp.reset();
  for (const seg of act.segments) {
    if (Number.isFinite(seg.lo)) gp.feature(seg.lo / sm, Math.sqrt(v / m));
  }
  gp.build(-L, L);
  const r = gaussKronrodVector(
    (s, out) => {
      gp.map(s);
      const w = gp.x;
      pointwise(act, sm * w, v, out);
      const g = INV_SQRT_2PI * Math.exp(-0.5 * w * w) * gp.jac;
      out[0] *= g;
      out[1] *= g;
    },
    2,
    0,
    gp.n,
    {
      epsRel: 1e-12,
      epsAbs: 1e-300,
      maxSubdivisions: 400,
      breakpoints: gp.breakpoints,
      throwOnFailure: false,
    },
  );
  return [r.value[0], -r.value[1]];
}
