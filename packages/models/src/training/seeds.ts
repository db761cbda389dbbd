/**
 * Counter-based seed derivation: every random draw of a run gets its own 31-bit seed, a pure
 * function of the run seed and the draw's coordinates (stream, epoch, step, layer, …). The state of
 * all random streams at any point is therefore just the position (epoch, step), which is what makes
 * a resumed run reproduce an uninterrupted one bit for bit.
 *
 * The mixer is MurmurHash3's 32-bit finaliser (fmix32) applied in a chain; hand-written because it
 * is six lines and no library exposes it as a function of integers.
 */

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A seed in [0, 2³¹) determined by `seed` and the integer path (each element taken modulo 2³²). */
export function deriveSeed(seed: number, ...path: number[]): number {
  let h = fmix32((seed >>> 0) ^ 0x9e3779b9);
  for (const p of path) h = fmix32((h ^ (p >>> 0)) + 0x9e3779b9 + (h << 6) + (h >>> 2));
  return h & 0x7fffffff;
}

/** Named streams, so that two uses of the same (epoch, step) never share a seed. */
export const STREAM = {
  init: 1,
  data: 2,
  shuffle: 3,
  trainNoise: 4,
  evalNoise: 5,
  measures: 6,
} as const;
