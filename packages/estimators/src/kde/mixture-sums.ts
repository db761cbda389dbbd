/**
 * One pass over all pairs for the Kolchinsky–Tracey bounds (shared/docs/estimators-math.md §3.2–3.3,
 * §13.2): for every row i of the centred activations,
 *   low_i = Σ_j exp(−D_ij/(8σ²))   (Bhattacharyya kernel, lower bound)
 *   up_i  = Σ_j exp(−D_ij/(2σ²)) = Σ_j low-term⁴   (KL kernel, upper bound; the 4th power saves an exp)
 * and, with labels, the same sums restricted to j in i's class (class-conditional mixtures, §3.3).
 * D_ii = 0 so every sum is ≥ 1 and no max-shift is needed (§3.7); terms below e^−40 of that are
 * dropped (see NEGLIGIBLE).
 *
 * D is symmetric, so only tiles (K, L ≥ K) are computed; a tile adds its row sums to rows of block K
 * and its column sums to rows of block L. Stripes K are grouped into a fixed number of chunks
 * (independent of the thread count); each chunk accumulates its column sums in its own buffer and the
 * final reduction adds the chunk buffers in chunk order, so the result is bit-identical whether one
 * thread or many computed the chunks.
 */
import { EXP_NEG_MAX, expNeg } from "../kernels/lse-exp";
import { gramTile } from "../kernels/pairwise";

export interface MixtureSumsLayout {
  readonly n: number;
  readonly d: number;
  /** rows per block */
  readonly block: number;
  /** number of blocks ⌈n / block⌉ */
  readonly blocks: number;
  /** fixed number of stripe chunks (the unit of parallel work) */
  readonly chunks: number;
  /** accumulators per row: 2 (low, up) or 4 (low, up, lowSame, upSame) */
  readonly sums: number;
}

/** Largest useful chunk count; more chunks balance threads better but cost chunks·n·sums memory. */
const MAX_CHUNKS = 8;

export function mixtureSumsLayout(n: number, d: number, withLabels: boolean): MixtureSumsLayout {
  const block = n <= 8192 ? 128 : 256;
  const blocks = Math.ceil(n / block);
  return { n, d, block, blocks, chunks: Math.min(MAX_CHUNKS, blocks), sums: withLabels ? 4 : 2 };
}

/**
 * Chunk c holds the stripes K with min(K, blocks−1−K) ≡ c (mod chunks): pairing a long stripe with a
 * short one keeps the chunks' work nearly equal.
 */
export function chunkOfStripe(k: number, layout: MixtureSumsLayout): number {
  return Math.min(k, layout.blocks - 1 - k) % layout.chunks;
}

export interface MixtureSumsBuffers {
  /** centred activations n×d */
  readonly x: Float64Array;
  /** ‖x_i‖² */
  readonly norms: Float64Array;
  /** class ids (only read when layout.sums = 4) */
  readonly labels: Int32Array;
  /** row sums from each row's own stripe, n×sums */
  readonly rowSums: Float64Array;
  /** column sums per chunk, chunks×n×sums */
  readonly chunkSums: Float64Array;
}

/** 1/(8σ²): the exponent scale of the Bhattacharyya kernel. */
export function lowScale(variance: number): number {
  return 1 / (8 * variance);
}

/**
 * Pairs whose lower-bound exponent D/(8σ²) exceeds this are dropped: each term is below e^−40 ≈ 4e−18
 * of its row sum (≥ 1, the diagonal term), so dropping them changes a sum by less than n·4e−18
 * relative (< 1e−12 for n < 2·10⁵) while saving the exp for far-apart pairs (most pairs at small σ²).
 */
const NEGLIGIBLE = EXP_NEG_MAX;

/**
 * One tile: low and up sums for every row i of the tile and column j (stride 2), and with `labels`
 * also the same sums over i's class (stride 4). The class test is a loop-invariant branch.
 */
function tileSums(
  tile: Float64Array,
  norms: Float64Array,
  labels: Int32Array | undefined,
  scale: number,
  i0: number,
  i1: number,
  j0: number,
  tc: number,
  diagonal: boolean,
  rowSums: Float64Array,
  target: Float64Array,
): void {
  const stride = labels ? 4 : 2;
  for (let i = i0; i < i1; i++) {
    const r = (i - i0) * tc;
    const ni = norms[i];
    const li = labels ? labels[i] : 0;
    // the diagonal term exp(0) = 1 enters every sum of row i once, in its own diagonal tile
    let lo = diagonal ? 1 : 0;
    let up = lo;
    let loS = lo;
    let upS = lo;
    for (let cj = diagonal ? i - i0 + 1 : 0; cj < tc; cj++) {
      const j = j0 + cj;
      const t = Math.max(ni + norms[j] - 2 * tile[r + cj], 0) * scale;
      if (t > NEGLIGIBLE) continue;
      const e = expNeg(t);
      const e2 = e * e;
      const e4 = e2 * e2;
      lo += e;
      up += e4;
      const o = stride * j;
      target[o] += e;
      target[o + 1] += e4;
      if (labels && labels[j] === li) {
        loS += e;
        upS += e4;
        target[o + 2] += e;
        target[o + 3] += e4;
      }
    }
    const o = stride * i;
    rowSums[o] += lo;
    rowSums[o + 1] += up;
    if (labels) {
      rowSums[o + 2] += loS;
      rowSums[o + 3] += upS;
    }
  }
}

/** Compute every stripe of chunk `c` (ascending K), writing `rowSums` for those stripes and `chunkSums[c]`. */
export function mixtureSumsChunk(
  buf: MixtureSumsBuffers,
  layout: MixtureSumsLayout,
  scale: number,
  c: number,
): void {
  const { x, norms, labels, rowSums, chunkSums } = buf;
  const { n, d, block, blocks, sums } = layout;
  const tile = new Float64Array(block * block);
  const col = chunkSums.subarray(c * n * sums, (c + 1) * n * sums);
  for (let k = 0; k < blocks; k++) {
    if (chunkOfStripe(k, layout) !== c) continue;
    const i0 = k * block;
    const i1 = Math.min(i0 + block, n);
    for (let l = k; l < blocks; l++) {
      const j0 = l * block;
      const j1 = Math.min(j0 + block, n);
      gramTile(x, i0, i1, x, j0, j1, d, tile);
      const diagonal = k === l;
      // columns of a diagonal tile are rows of the same block: they go to rowSums, not to the chunk
      const target = diagonal ? rowSums : col;
      const classes = sums === 4 ? labels : undefined;
      tileSums(tile, norms, classes, scale, i0, i1, j0, j1 - j0, diagonal, rowSums, target);
    }
  }
}

/** Final per-row sums: own-stripe sums plus the chunks' column sums, added in chunk order. */
export function reduceMixtureSums(buf: MixtureSumsBuffers, layout: MixtureSumsLayout): Float64Array {
  const { n, chunks, sums } = layout;
  const total = new Float64Array(n * sums);
  const stride = n * sums;
  for (let q = 0; q < stride; q++) {
    let s = buf.rowSums[q];
    for (let c = 0; c < chunks; c++) s += buf.chunkSums[c * stride + q];
    total[q] = s;
  }
  return total;
}
