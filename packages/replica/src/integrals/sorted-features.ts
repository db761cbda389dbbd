/**
 * The features of a graded mesh (points p_i of width δ_i, replica-math §4.5(4)) that lie inside (lo, hi) and are
 * narrower than `maxWidth`, sorted by position into `order`; of two closer than the larger width only the narrower
 * is kept (its graded panels resolve the wider one too). Returns how many are kept. No allocation.
 */
export function sortedFeatures(
  pos: Float64Array,
  width: Float64Array,
  count: number,
  lo: number,
  hi: number,
  maxWidth: number,
  order: Int32Array,
): number {
  let m = 0;
  for (let i = 0; i < count; i++) if (pos[i] > lo && pos[i] < hi && width[i] < maxWidth) order[m++] = i;
  for (let i = 1; i < m; i++) {
    const oi = order[i];
    let j = i - 1;
    while (j >= 0 && pos[order[j]] > pos[oi]) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = oi;
  }
  let kept = 0;
  for (let i = 0; i < m; i++) {
    const oi = order[i];
    if (kept > 0) {
      const prev = order[kept - 1];
      if (pos[oi] - pos[prev] <= Math.max(width[oi], width[prev])) {
        if (width[oi] < width[prev]) order[kept - 1] = oi;
        continue;
      }
    }
    order[kept++] = oi;
  }
  return kept;
}
