/**
 * MT19937 state from a key of 32-bit words (`init_by_array` of the reference implementation), in the
 * layout of pure-rand's `mersenneFromState` ([index, ...624 tempered-ready words], already twisted).
 *
 * Reference: M. Matsumoto & T. Nishimura, "Mersenne Twister: a 623-dimensionally equidistributed
 * uniform pseudo-random number generator", ACM TOMACS 8 (1998); mt19937ar.c (2002), init_genrand and
 * init_by_array. numpy's RandomState seeds with the same routine for array seeds, which is how the
 * tests cross-check it.
 */

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** mt19937ar.c init_genrand(s), as unsigned 32-bit words. */
function initGenrand(s: number, mt: Uint32Array): void {
  mt[0] = s >>> 0;
  for (let i = 1; i < N; i++) {
    const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
    mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
  }
}

/** One full twist of the state (the reference genrand_int32 refill), in place. */
function twist(mt: Uint32Array): void {
  for (let kk = 0; kk < N; kk++) {
    const y = (mt[kk] & UPPER_MASK) | (mt[(kk + 1) % N] & LOWER_MASK);
    mt[kk] = (mt[(kk + M) % N] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0)) >>> 0;
  }
}

/** pure-rand state ([0, ...twisted words]) after init_by_array(key). */
export function mt19937StateFromKey(key: ArrayLike<number>): number[] {
  const mt = new Uint32Array(N);
  initGenrand(19650218, mt);
  const len = key.length;
  let i = 1;
  let j = 0;
  for (let k = Math.max(N, len); k > 0; k--) {
    const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
    mt[i] = ((mt[i] ^ Math.imul(prev, 1664525)) + (key[j] >>> 0) + j) >>> 0;
    i++;
    j++;
    if (i >= N) {
      mt[0] = mt[N - 1];
      i = 1;
    }
    if (j >= len) j = 0;
  }
  for (let k = N - 1; k > 0; k--) {
    const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
    mt[i] = ((mt[i] ^ Math.imul(prev, 1566083941)) - i) >>> 0;
    i++;
    if (i >= N) {
      mt[0] = mt[N - 1];
      i = 1;
    }
  }
  mt[0] = 0x80000000;
  twist(mt);
  const state = new Array<number>(N + 1);
  state[0] = 0;
  for (let k = 0; k < N; k++) state[k + 1] = mt[k] | 0;
  return state;
}
