/**
 * Ψ_out and 𝒜_out of a HardTanh(σ², T) output straight from their definitions (replica-math §2.2, §4.2):
 * given ω, t = clip(h, −T, T) with h ~ N(ω, v), v = σ² + Ṽ, has atoms p± = P(h ≷ ±T) and the density N(t; ω, v)
 * on (−T, T), so per ω
 *   −H(t | ω) = Σ± p± log p± + ∫_{−T}^{T} N log N dt,
 *   Fisher(ω) = Σ± (∂_ω p±)²/p± + ∫_{−T}^{T} N ((t−ω)/v)² dt,
 * each in closed form through Φ and φ; then the average over ω ~ N(0, m), m = max(ρ̃ − Ṽ, 0), by adaptive
 * quadrature. Independent of the channel code (no piece engine, no atom window): this is what checks the
 * dnner deviation in the HardTanh output's atoms (§8.2).
 */
import { erfc, erfcx, gaussKronrod, logErfc } from "@infoflow/numerics";

const SQRT2 = Math.SQRT2;
const phi = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

/** p log p and φ(x)²/p for the tail mass p = Φ(−x) = ½erfc(x/√2), stable for large x. */
function tail(x: number): { plogp: number; fisher: number; p: number } {
  const p = 0.5 * erfc(x / SQRT2);
  const logp = logErfc(x / SQRT2) - Math.LN2;
  // φ(x)²/p = e^{−x²}/(2π) / (½ erfcx(x/√2) e^{−x²/2}) = e^{−x²/2}/(π erfcx(x/√2))
  const fisher = x > 0 ? Math.exp(-0.5 * x * x) / (Math.PI * erfcx(x / SQRT2)) : (phi(x) * phi(x)) / p;
  return { plogp: p > 0 ? p * logp : 0, fisher, p };
}

export function hardTanhOutputBrute(
  thres: number,
  varNoise: number,
  Vt: number,
  rhoT: number,
): { psi: number; A: number } {
  const v = varNoise + Vt;
  const sv = Math.sqrt(v);
  const m = Math.max(rhoT - Vt, 0);
  const at = (omega: number): [number, number] => {
    const b = (thres - omega) / sv; // upper atom: h > T  ⇔  standardised h > b
    const a = (-thres - omega) / sv; // lower atom: h < −T ⇔ standardised h < a
    const up = tail(b);
    const lo = tail(-a);
    const inside = 1 - up.p - lo.p;
    const edge = b * phi(b) - a * phi(a);
    const negH = up.plogp + lo.plogp - 0.5 * Math.log(2 * Math.PI * v) * inside - 0.5 * (inside - edge);
    const fisher = (up.fisher + lo.fisher + inside - edge) / v;
    return [negH, fisher];
  };
  if (m === 0) {
    const [psi, A] = at(0);
    return { psi, A };
  }
  const sm = Math.sqrt(m);
  // the atoms switch on within ~√v of ω = ±T: breakpoints at ±T/√m and a few widths around, so that the
  // adaptive rule sees the narrow transitions (a lone breakpoint at the edge of a long interval does not)
  const width = sv / sm;
  const breakpoints: number[] = [];
  for (const c of [-thres / sm, thres / sm]) {
    for (const k of [-30, -10, -3, -1, 0, 1, 3, 10, 30]) {
      const x = c + k * width;
      if (x > -12 && x < 12) breakpoints.push(x);
    }
  }
  breakpoints.sort((x, y) => x - y);
  const opts = { epsRel: 1e-13, epsAbs: 1e-15, breakpoints, maxSubdivisions: 4000 };
  const psi = gaussKronrod((z) => phi(z) * at(sm * z)[0], -12, 12, opts).value;
  const A = gaussKronrod((z) => phi(z) * at(sm * z)[1], -12, 12, opts).value;
  return { psi, A };
}
