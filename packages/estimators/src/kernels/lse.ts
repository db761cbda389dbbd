/**
 * Tiled streaming log-sum-exp over rows (shared/docs/estimators-math.md §1.1, §5.3):
 * out_i = LSE_j(−scale·‖q_i − c_j‖²) over ALL centres j, for a range of query rows. Distances come from
 * the Gram-trick tiles of `pairwise.ts`; each row keeps a running maximum M and a sum S of exp(term − M),
 * rescaled when the maximum grows, so memory is O(query block × centre tile), never O(N²).
 * With labels, a second LSE per row runs over the centres that share the query's label (the
 * class-conditional mixtures of §5.4 / §3.3) in the same pass.
 * Every row's result depends only on that row and the fixed centre tiling, never on which query block
 * or thread computed it.
 */
import { gramTile, rowSquaredNorms } from "./pairwise";

export interface GaussianLseProblem {
  /** query rows, row-major nq×d, shifted by the same vector as `centres` */
  readonly queries: Float64Array;
  readonly nq: number;
  /** centre rows, row-major nc×d */
  readonly centres: Float64Array;
  readonly nc: number;
  readonly d: number;
  /** terms are −scale·‖q − c‖² (scale = 1/(2β²) for a Gaussian of variance β²) */
  readonly scale: number;
  /** optional labels: also compute the LSE over centres with the query's label */
  readonly queryLabels?: Int32Array;
  readonly centreLabels?: Int32Array;
}

/** Query rows per block and centres per tile: a 64×512 Float64 tile is 256 KiB (fits in L2). */
export const LSE_QUERY_BLOCK = 64;
export const LSE_CENTRE_TILE = 512;

/**
 * Fill `out[i − q0]` (and `outSame[i − q0]` when labels are given) for query rows i in [q0, q1).
 * A row with no same-label centre gets −Infinity in `outSame`.
 */
export function gaussianLogSumExp(
  p: GaussianLseProblem,
  q0: number,
  q1: number,
  out: Float64Array,
  outSame?: Float64Array,
): void {
  const { queries, centres, nc, d, scale, queryLabels, centreLabels } = p;
  const same = outSame !== undefined && queryLabels !== undefined && centreLabels !== undefined;
  const qNorms = rowSquaredNorms(queries.subarray(q0 * d, q1 * d), q1 - q0, d);
  const cNorms = rowSquaredNorms(centres, nc, d);
  const tile = new Float64Array(LSE_QUERY_BLOCK * LSE_CENTRE_TILE);
  const maxAll = new Float64Array(LSE_QUERY_BLOCK);
  const sumAll = new Float64Array(LSE_QUERY_BLOCK);
  const maxSame = new Float64Array(LSE_QUERY_BLOCK);
  const sumSame = new Float64Array(LSE_QUERY_BLOCK);
  for (let b0 = q0; b0 < q1; b0 += LSE_QUERY_BLOCK) {
    const b1 = Math.min(b0 + LSE_QUERY_BLOCK, q1);
    maxAll.fill(Number.NEGATIVE_INFINITY);
    sumAll.fill(0);
    maxSame.fill(Number.NEGATIVE_INFINITY);
    sumSame.fill(0);
    for (let c0 = 0; c0 < nc; c0 += LSE_CENTRE_TILE) {
      const c1 = Math.min(c0 + LSE_CENTRE_TILE, nc);
      const tc = c1 - c0;
      gramTile(queries, b0, b1, centres, c0, c1, d, tile);
      for (let i = b0; i < b1; i++) {
        const r = (i - b0) * tc;
        const qi = i - b0;
        const nq = qNorms[i - q0];
        // terms in place: −scale·max(D, 0); first pass finds the tile maximum
        let m = Number.NEGATIVE_INFINITY;
        for (let c = 0; c < tc; c++) {
          const dist = nq + cNorms[c0 + c] - 2 * tile[r + c];
          const t = -scale * Math.max(dist, 0);
          tile[r + c] = t;
          if (t > m) m = t;
        }
        let mAll = maxAll[qi];
        let s = sumAll[qi];
        if (m > mAll) {
          s *= Math.exp(mAll - m);
          mAll = m;
        }
        for (let c = 0; c < tc; c++) s += Math.exp(tile[r + c] - mAll);
        maxAll[qi] = mAll;
        sumAll[qi] = s;
        if (same) {
          const li = queryLabels[i];
          let ms = Number.NEGATIVE_INFINITY;
          for (let c = 0; c < tc; c++) {
            if (centreLabels[c0 + c] === li && tile[r + c] > ms) ms = tile[r + c];
          }
          if (ms === Number.NEGATIVE_INFINITY) continue;
          let mS = maxSame[qi];
          let ss = sumSame[qi];
          if (ms > mS) {
            ss *= Math.exp(mS - ms);
            mS = ms;
          }
          for (let c = 0; c < tc; c++) {
            if (centreLabels[c0 + c] === li) ss += Math.exp(tile[r + c] - mS);
          }
          maxSame[qi] = mS;
          sumSame[qi] = ss;
        }
      }
    }
    for (let i = b0; i < b1; i++) {
      const qi = i - b0;
      out[i - q0] = maxAll[qi] + Math.log(sumAll[qi]);
      if (same)
        outSame[i - q0] = sumSame[qi] > 0 ? maxSame[qi] + Math.log(sumSame[qi]) : Number.NEGATIVE_INFINITY;
    }
  }
}
