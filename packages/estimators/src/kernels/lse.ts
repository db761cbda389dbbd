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
import * as lseExp from "./lse-exp";
import { gramTile, rowSquaredNorms } from "./pairwise";

// Bound once: under tsx a named import is a getter read per call (expNeg runs once per kernel term).
const { EXP_NEG_MAX, expNeg } = lseExp;

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
 * Terms more than this below the running maximum are dropped: each is < e^−40 ≈ 4e−18 of the row sum,
 * so a row of nc centres changes by less than nc·4e−18 relative — far below any Monte-Carlo error —
 * while far-away centres (most of them at small noise) cost no exp.
 */
const NEGLIGIBLE = EXP_NEG_MAX;

/**
 * Same-label sums are kept relative to the all-centre maximum M and drop the same terms (below
 * M − 40). That is exact to < e^−(40−SAME_GAP) per term as long as the best same-label term is within
 * SAME_GAP of M; rows where it is not (another class's centre much closer than any of the query's own
 * class — rare, since queries are drawn around a centre of their class) are recomputed exactly.
 */
const SAME_GAP = 5;

/**
 * LSE over the same-label centres for one query row, by explicit differences: the fallback for the
 * rare row whose best same-label term sits more than SAME_GAP below the overall maximum.
 */
function sameLabelLogSumExp(p: GaussianLseProblem, i: number, label: number, labels: Int32Array): number {
  const { queries, centres, nc, d, scale } = p;
  let m = Number.NEGATIVE_INFINITY;
  const terms = new Float64Array(nc);
  for (let j = 0; j < nc; j++) {
    if (labels[j] !== label) {
      terms[j] = Number.NEGATIVE_INFINITY;
      continue;
    }
    let s = 0;
    for (let k = 0; k < d; k++) s += (queries[i * d + k] - centres[j * d + k]) ** 2;
    terms[j] = -scale * s;
    if (terms[j] > m) m = terms[j];
  }
  if (m === Number.NEGATIVE_INFINITY) return m;
  let sum = 0;
  for (let j = 0; j < nc; j++) sum += Math.exp(terms[j] - m);
  return m + Math.log(sum);
}

/**
 * Fill `out[i − q0]` (and `outSame[i − q0]` when labels are given) for query rows i in [q0, q1).
 * One pass per tile: a term above the running maximum M rescales the sums by exp(M_old − M_new)
 * (rare after the first few centres); the same-label sum is kept relative to the same M, so it costs
 * no extra exp (see SAME_GAP). A row with no same-label centre gets −Infinity in `outSame`.
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
  const tile = new Float64Array(Math.min(LSE_QUERY_BLOCK, q1 - q0) * Math.min(LSE_CENTRE_TILE, nc));
  const maxAll = new Float64Array(LSE_QUERY_BLOCK);
  const sumAll = new Float64Array(LSE_QUERY_BLOCK);
  const sumSame = new Float64Array(LSE_QUERY_BLOCK);
  const maxSame = new Float64Array(LSE_QUERY_BLOCK);
  for (let b0 = q0; b0 < q1; b0 += LSE_QUERY_BLOCK) {
    const b1 = Math.min(b0 + LSE_QUERY_BLOCK, q1);
    maxAll.fill(Number.NEGATIVE_INFINITY);
    sumAll.fill(0);
    sumSame.fill(0);
    maxSame.fill(Number.NEGATIVE_INFINITY);
    for (let c0 = 0; c0 < nc; c0 += LSE_CENTRE_TILE) {
      const c1 = Math.min(c0 + LSE_CENTRE_TILE, nc);
      const tc = c1 - c0;
      gramTile(queries, b0, b1, centres, c0, c1, d, tile);
      for (let i = b0; i < b1; i++) {
        const r = (i - b0) * tc;
        const qi = i - b0;
        const nq = qNorms[i - q0];
        let m = maxAll[qi];
        let s = sumAll[qi];
        if (!same) {
          for (let c = 0; c < tc; c++) {
            const t = -scale * Math.max(nq + cNorms[c0 + c] - 2 * tile[r + c], 0);
            if (t > m) {
              s = s * Math.exp(m - t) + 1;
              m = t;
            } else if (m - t < NEGLIGIBLE) {
              s += expNeg(m - t);
            }
          }
        } else {
          const li = queryLabels[i];
          let ss = sumSame[qi];
          let ms = maxSame[qi];
          for (let c = 0; c < tc; c++) {
            const t = -scale * Math.max(nq + cNorms[c0 + c] - 2 * tile[r + c], 0);
            const isSame = centreLabels[c0 + c] === li;
            if (t > m) {
              const f = Math.exp(m - t);
              s = s * f + 1;
              ss = ss * f + (isSame ? 1 : 0);
              m = t;
            } else if (m - t < NEGLIGIBLE) {
              const e = expNeg(m - t);
              s += e;
              if (isSame) ss += e;
            }
            if (isSame && t > ms) ms = t;
          }
          sumSame[qi] = ss;
          maxSame[qi] = ms;
        }
        maxAll[qi] = m;
        sumAll[qi] = s;
      }
    }
    for (let i = b0; i < b1; i++) {
      const qi = i - b0;
      out[i - q0] = maxAll[qi] + Math.log(sumAll[qi]);
      if (!same) continue;
      if (maxSame[qi] === Number.NEGATIVE_INFINITY) outSame[i - q0] = Number.NEGATIVE_INFINITY;
      else if (maxSame[qi] - maxAll[qi] < -SAME_GAP)
        outSame[i - q0] = sameLabelLogSumExp(p, i, queryLabels[i], centreLabels);
      else outSame[i - q0] = maxAll[qi] + Math.log(sumSame[qi]);
    }
  }
}
