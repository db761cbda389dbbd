/**
 * Seeded random numbers: MT19937 (pure-rand's `mersenne`), 53-bit uniform doubles, normals by
 * Marsaglia's polar method — the same algorithms, in the same order, as numpy's legacy
 * `RandomState`, so `createRng(42)` reproduces `np.random.RandomState(42).random_sample()` and
 * `.standard_normal()` (the tests check the first draws against numpy's values).
 *
 * - Seeding: 0 ≤ seed < 2³² uses init_genrand(seed) (numpy's integer seeding); larger safe integers
 *   use init_by_array([lo32, hi32]).
 * - uniform(): genrand_res53, (a·2²⁶ + b)/2⁵³ with a = next >>> 5, b = next >>> 6 (53 random bits,
 *   [0, 1)).
 * - normal(): Marsaglia polar (numpy legacy_gauss): draw x₁, x₂ uniform on (−1, 1) until
 *   0 < r² = x₁² + x₂² < 1, return x₂·√(−2 ln r²/r²) and cache x₁·√(…) for the next call. Only +, ×,
 *   √ (correctly rounded) and Math.log (V8's fdlibm port, the same on every machine) are used, so the
 *   same seed gives the same bits on every machine running Node.
 * - int(n): rejection on masked 32-bit words (unbiased). shuffle: Fisher–Yates with int().
 * - fork(stream): a new MT19937 seeded by init_by_array([0x464f524b, seedLo, seedHi, s₁, …, s_k]) for
 *   the stream path s₁..s_k; a pure function of (seed, path), not of how much the parent has drawn.
 *   Distinct keys give unrelated states (period 2¹⁹⁹³⁷ − 1; no provable non-overlap, as with numpy's
 *   array seeds).
 *
 * References: M. Matsumoto & T. Nishimura, ACM TOMACS 8 (1998) 3–30; G. Marsaglia & T. A. Bray,
 * "A convenient method for generating normal variables", SIAM Review 6 (1964) 260–264;
 * R. A. Fisher & F. Yates (1938) / R. Durstenfeld, CACM 7 (1964) 420 (shuffle).
 */
import { mersenne, mersenneFromState } from "pure-rand/generator/mersenne";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";
import { InvalidInputError } from "../errors";
import type { Rng } from "../interface";
import { mt19937StateFromKey } from "./mt19937-init-by-array";

const FORK_TAG = 0x464f524b; // "FORK"
const TWO_POW_32 = 4294967296;
const INV_TWO_POW_53 = 1 / 9007199254740992;

class MersenneRng implements Rng {
  private readonly gen: RandomGenerator;
  /** [seedLo, seedHi, s₁, …, s_k]: the identity of this stream. */
  private readonly path: number[];
  private hasSpare = false;
  private spare = 0;

  constructor(gen: RandomGenerator, path: number[]) {
    this.gen = gen;
    this.path = path;
  }

  uniform(): number {
    const a = this.gen.next() >>> 5;
    const b = this.gen.next() >>> 6;
    return (a * 67108864 + b) * INV_TWO_POW_53;
  }

  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.uniform() - 1;
      x2 = 2 * this.uniform() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.spare = f * x1;
    this.hasSpare = true;
    return f * x2;
  }

  fillUniform(out: Float64Array, lo = 0, hi = 1): Float64Array {
    checkArray("fillUniform", "out", out, Float64Array);
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(lo <= hi)) {
      throw new InvalidInputError(`fillUniform: need finite lo ≤ hi (got lo = ${lo}, hi = ${hi})`);
    }
    const w = hi - lo;
    for (let i = 0; i < out.length; i++) out[i] = lo + w * this.uniform();
    return out;
  }

  fillNormal(out: Float64Array, mean = 0, std = 1): Float64Array {
    checkArray("fillNormal", "out", out, Float64Array);
    if (!Number.isFinite(mean)) throw new InvalidInputError(`fillNormal: mean must be finite (got ${mean})`);
    if (!(std >= 0) || !Number.isFinite(std)) {
      throw new InvalidInputError(`fillNormal: std must be a finite number ≥ 0 (got ${std})`);
    }
    for (let i = 0; i < out.length; i++) out[i] = mean + std * this.normal();
    return out;
  }

  fillBernoulli(out: Float64Array, p: number): Float64Array {
    checkArray("fillBernoulli", "out", out, Float64Array);
    if (!(p >= 0 && p <= 1)) throw new InvalidInputError(`fillBernoulli: p must be in [0, 1] (got ${p})`);
    for (let i = 0; i < out.length; i++) out[i] = this.uniform() < p ? 1 : 0;
    return out;
  }

  fillCategorical(out: Int32Array, probs: ArrayLike<number>): Int32Array {
    checkArray("fillCategorical", "out", out, Int32Array);
    if (probs == null || typeof probs.length !== "number" || probs.length === 0) {
      throw new InvalidInputError("fillCategorical: probs must be a non-empty array of numbers");
    }
    const k = probs.length;
    const cdf = new Float64Array(k);
    let total = 0;
    for (let i = 0; i < k; i++) {
      const p = probs[i];
      if (!(p >= 0) || !Number.isFinite(p)) {
        throw new InvalidInputError(`fillCategorical: probs[${i}] must be a finite number ≥ 0 (got ${p})`);
      }
      total += p;
      cdf[i] = total;
    }
    if (!(total > 0)) throw new InvalidInputError("fillCategorical: probs must not all be 0");
    for (let i = 0; i < k; i++) cdf[i] /= total;
    cdf[k - 1] = 1;
    for (let i = 0; i < out.length; i++) {
      const u = this.uniform();
      // first index with u < cdf[index] (categories of probability 0 are never drawn)
      let lo = 0;
      let hi = k - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (u < cdf[mid]) hi = mid;
        else lo = mid + 1;
      }
      out[i] = lo;
    }
    return out;
  }

  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32) {
      throw new InvalidInputError(`int: n must be an integer in [1, 2^32] (got ${n})`);
    }
    return this.intUnchecked(n);
  }

  private intUnchecked(n: number): number {
    const max = n - 1;
    if (max === 0) return 0;
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    let v: number;
    do v = (this.gen.next() & mask) >>> 0;
    while (v > max);
    return v;
  }

  shuffle<T>(a: T[] | Int32Array | Float64Array): void {
    if (a == null || typeof a.length !== "number") {
      throw new InvalidInputError("shuffle: a must be an array or typed array");
    }
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.intUnchecked(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  fork(stream: number): Rng {
    if (!Number.isInteger(stream) || stream < 0 || stream >= TWO_POW_32) {
      throw new InvalidInputError(`fork: stream must be an integer in [0, 2^32) (got ${stream})`);
    }
    const path = [...this.path, stream];
    return new MersenneRng(mersenneFromState(mt19937StateFromKey([FORK_TAG, ...path])), path);
  }
}

function checkArray(
  routine: string,
  name: string,
  a: unknown,
  ctor: typeof Float64Array | typeof Int32Array,
): void {
  if (!(a instanceof ctor)) throw new InvalidInputError(`${routine}: ${name} must be a ${ctor.name}`);
}

/** A seeded generator; seed is an integer in [0, 2⁵³). */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new InvalidInputError(`createRng: seed must be an integer in [0, 2^53) (got ${String(seed)})`);
  }
  const lo = seed % TWO_POW_32;
  const hi = Math.floor(seed / TWO_POW_32);
  const gen = hi === 0 ? mersenne(lo) : mersenneFromState(mt19937StateFromKey([lo, hi]));
  return new MersenneRng(gen, [lo, hi]);
}
