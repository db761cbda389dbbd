/**
 * Per-value quantisers of the binning estimator (shared/docs/estimators-math.md §2.2). Each maps every
 * activation to an integer code (stored in a Float64Array so codes of any size stay exact) and counts
 * the values it had to clip. Codes, never floating-point bin representatives, are what get grouped
 * (§1.7, §2.7).
 */

export type BinningMode = "width" | "idnns" | "range" | "adaptive" | "adaptive-all";

export interface Quantised {
  /** integer code per value, same layout as the input */
  readonly codes: Float64Array;
  /** the bin edges used (absent for fixed width, which has no range) */
  readonly edges?: Float64Array;
  /** values outside the quantiser's range, forced into an end bin */
  readonly clipped: number;
  /** IDNNs only: values below the first edge, merged with the top bin by NumPy's index −1 wrap */
  readonly wrapped?: number;
  /** IDNNs only: values ≥ the last edge, which get their own extra bin */
  readonly aboveLastEdge?: number;
}

/** Fixed bin width, unbounded range: q(t) = ⌊t / w⌋ (ibsgd `bin_calc_information2`). Never clips. */
export function quantiseWidth(values: Float64Array, width: number): Quantised {
  const codes = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) codes[i] = Math.floor(values[i] / width);
  return { codes, clipped: 0 };
}

/**
 * IDNNs / ibsgd edges: `np.linspace(lo, hi, B)` computed in float64 as k·step + lo with the last edge set
 * to hi, then stored as float32 (IDNNs `bins.astype(np.float32)`; ibsgd `dtype='float32'`). B edges,
 * B − 1 intervals.
 */
export function idnnsEdges(bins: number, lo: number, hi: number): Float64Array {
  const edges = new Float64Array(bins);
  const step = (hi - lo) / (bins - 1);
  for (let k = 0; k < bins; k++) edges[k] = Math.fround(k * step + lo);
  edges[bins - 1] = Math.fround(hi);
  return edges;
}

/** `np.digitize(v, edges)` for increasing edges: the number of edges ≤ v (binary search). */
export function digitize(v: number, edges: Float64Array): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Shwartz-Ziv & Tishby's quantiser, bit for bit (IDNNs `processInputIter`, ibsgd `bin_calc_information`):
 * the value is replaced by `edges[digitize(v) − 1]`. Values ≥ the last edge get index B and so the
 * representative edges[B − 1]; values below the first edge get index 0 and NumPy reads edges[−1], the
 * LAST edge, so they are merged with the values ≥ the last edge (§2.2). The code (idx − 1) mod B
 * groups exactly as the float32 representatives do. Both quirks are counted, not corrected.
 */
export function quantiseIdnns(values: Float64Array, bins: number, lo: number, hi: number): Quantised {
  const edges = idnnsEdges(bins, lo, hi);
  const codes = new Float64Array(values.length);
  let wrapped = 0;
  let above = 0;
  for (let i = 0; i < values.length; i++) {
    const idx = digitize(values[i], edges);
    if (idx === 0) wrapped++;
    else if (idx === bins) above++;
    codes[i] = (idx - 1 + bins) % bins;
  }
  return { codes, edges, clipped: wrapped + above, wrapped, aboveLastEdge: above };
}

/**
 * Range-aware fixed count: B equal intervals over [lo, hi] (by default the data's own min and max, so
 * ReLU layers are not clipped to [−1, 1] as in IDNNs issue #12). The last interval is closed; values
 * outside [lo, hi] go to the end bins and are counted as clipped (§2.2 recommendation).
 */
export function quantiseRange(values: Float64Array, bins: number, lo: number, hi: number): Quantised {
  const codes = new Float64Array(values.length);
  const width = (hi - lo) / bins;
  let clipped = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo || v > hi) clipped++;
    codes[i] = Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / width)));
  }
  const edges = new Float64Array(bins + 1);
  for (let k = 0; k <= bins; k++) edges[k] = k === bins ? hi : lo + k * width;
  return { codes, edges, clipped };
}

/**
 * Adaptive equal-mass edges (Chelombiev, Houghton & O'Donnell 2019, `set_up_bins`): pool every value
 * of the layer, sort (distinct values for "adaptive", all values for "adaptive-all"), u_0 ≤ … ≤ u_{U−1};
 * edges = [low, u_⌊kU/B⌋ for k = 0..B−1, u_{U−1}]; digitise with `np.digitize` (index = number of edges
 * ≤ v, so the maximum value gets its own bin as in the original). Values below `low` are counted as clipped.
 */
export function quantiseAdaptive(
  values: Float64Array,
  bins: number,
  low: number,
  distinct: boolean,
): Quantised {
  const sorted = Float64Array.from(values).sort();
  let u = sorted;
  if (distinct) {
    let m = 0;
    for (let i = 0; i < sorted.length; i++)
      if (i === 0 || sorted[i] !== sorted[m - 1]) sorted[m++] = sorted[i];
    u = sorted.subarray(0, m);
  }
  const count = u.length;
  const edges = new Float64Array(bins + 2);
  edges[0] = low;
  for (let k = 0; k < bins; k++) edges[k + 1] = u[Math.floor((k * count) / bins)];
  edges[bins + 1] = u[count - 1];
  const codes = new Float64Array(values.length);
  let clipped = 0;
  for (let i = 0; i < values.length; i++) {
    const idx = digitize(values[i], edges);
    if (idx === 0) clipped++;
    codes[i] = idx;
  }
  return { codes, edges, clipped };
}
