/**
 * E_u[g(u + c)] for u ~ N(0, s²) and a g that is negligible outside [−Y, Y]: integrate ∫ g(y) N(y − c; 0, s²) dy
 * over [c − 10s, c + 10s] ∩ [−Y, Y], with breakpoints at y = c and y = 0 (replica-math §4.5(3)). The window
 * follows g wherever c puts it — dnner's |u| ≤ 10·min(1, s) loses g when |c| is large (§8.2).
 */
import { gaussKronrod } from "@infoflow/numerics";

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

export function localizedAverage(g: (y: number) => number, c: number, s: number, Y: number): number {
  if (s < 1e-9) return g(c); // the Gaussian is narrower than g's resolution at double precision
  const lo = Math.max(c - 10 * s, -Y);
  const hi = Math.min(c + 10 * s, Y);
  if (!(hi > lo)) return 0;
  const inv = 1 / s;
  const f = (y: number) => {
    const z = (y - c) * inv;
    return g(y) * INV_SQRT_2PI * inv * Math.exp(-0.5 * z * z);
  };
  const bp: number[] = [];
  if (c > lo && c < hi) bp.push(c);
  if (0 > lo && 0 < hi && Math.abs(c) > 1e-12 * (1 + s)) bp.push(0);
  bp.sort((x, y) => x - y);
  return gaussKronrod(f, lo, hi, {
    epsRel: 1e-13,
    epsAbs: 1e-300,
    maxSubdivisions: 200,
    breakpoints: bp,
    throwOnFailure: false,
  }).value;
}
