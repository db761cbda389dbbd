/**
 * Spread-scaled jitter for breaking exact ties (shared/docs/estimators-math.md §4.5, §10 item 7;
 * users-ask.md §1 item 4). Column c gets independent N(0, a_c²) noise with
 *
 *   a_c = max(relative · std_c, 256 · ulp(max_i |x_ic|))   when std_c > 0, else 0.
 *
 * - relative to the column's *spread* (standard deviation): NPEET's absolute 1e-10 is lost on
 *   large-magnitude data, and scikit-learn's mean-relative scale is what its open issue #30772 traces
 *   back to;
 * - floored at 256 ulps of the column's largest magnitude, so the noise survives rounding when the
 *   mean is huge relative to the spread;
 * - constant columns stay constant (a dead unit carries no information, noise would invent some).
 * Seeded: the same seed gives the same jitter (numerics `createRng`).
 */
import { createRng } from "@infoflow/numerics";

/** Default relative jitter, in units of each column's standard deviation. */
export const DEFAULT_JITTER = 1e-10;

/** Unit in the last place of |v| (v finite, non-zero). */
function ulp(v: number): number {
  return 2 ** (Math.floor(Math.log2(Math.abs(v))) - 52);
}

/** Per-column noise amplitudes a_c (see the header). */
export function jitterAmplitudes(data: Float64Array, n: number, d: number, relative: number): Float64Array {
  const amp = new Float64Array(d);
  for (let c = 0; c < d; c++) {
    let mean = 0;
    let largest = 0;
    for (let i = 0; i < n; i++) {
      const v = data[i * d + c];
      mean += v;
      if (Math.abs(v) > largest) largest = Math.abs(v);
    }
    mean /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (data[i * d + c] - mean) ** 2;
    const std = Math.sqrt(ss / n);
    amp[c] = std > 0 ? Math.max(relative * std, 256 * ulp(largest)) : 0;
  }
  return amp;
}

/**
 * Add the jitter to `data` in place (the caller's private copy), drawing row by row from one stream of
 * `createRng(seed)`; returns the amplitudes used.
 */
export function addJitter(
  data: Float64Array,
  n: number,
  d: number,
  relative: number,
  seed: number,
): Float64Array {
  const amp = jitterAmplitudes(data, n, d, relative);
  const rng = createRng(seed);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < d; c++) {
      const z = rng.normal();
      data[i * d + c] += amp[c] * z;
    }
  }
  return amp;
}
