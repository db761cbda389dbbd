/**
 * Gamma(shape, 1) variates by Marsaglia & Tsang (ACM TOMS 26(3), 2000), with the boost
 * Gamma(a) = Gamma(a+1)·U^{1/a} for a < 1. Written here because the numerics `Rng` contract has no
 * gamma draw; it only needs `normal()` and `uniform()`, so it stays seeded and reproducible.
 */
import type { Rng } from "@infoflow/numerics";

export function gammaVariate(rng: Rng, shape: number): number {
  if (shape < 1) {
    // 1 − U lies in (0, 1], so the power is never 0^{1/a} = 0 (which would make 1/√w infinite).
    return gammaVariate(rng, shape + 1) * (1 - rng.uniform()) ** (1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = rng.normal();
    const t = 1 + c * x;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = 1 - rng.uniform();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}
