/**
 * The one distance every neighbour path computes (shared/docs/estimators-math.md §1.5): max-norm
 * (metric 0) or squared Euclidean (metric 1) between row a[ao ..] and row b[bo ..], accumulated
 * coordinate by coordinate in the same order everywhere, so the k-d tree, brute force and the tests
 * see bit-identical values. Accumulation stops as soon as the partial value exceeds `limit` (the
 * caller's current k-th distance or count radius): the value returned is then above `limit` but not the
 * full distance — which is all a caller comparing with `limit` needs, and in high dimension saves most
 * of the coordinates.
 */
export function distanceUpTo(
  a: Float64Array,
  ao: number,
  b: Float64Array,
  bo: number,
  d: number,
  metric: number,
  limit: number,
): number {
  let acc = 0;
  if (metric === 0) {
    for (let c = 0; c < d; c++) {
      const v = Math.abs(a[ao + c] - b[bo + c]);
      if (v > acc) {
        acc = v;
        if (acc > limit) return acc;
      }
    }
  } else {
    for (let c = 0; c < d; c++) {
      const v = a[ao + c] - b[bo + c];
      acc += v * v;
      if (acc > limit) return acc;
    }
  }
  return acc;
}

/** Whether rows a[ao ..] and b[bo ..] are at max-norm distance < r (stops at the first coordinate ≥ r). */
export function isWithin(
  a: Float64Array,
  ao: number,
  b: Float64Array,
  bo: number,
  d: number,
  r: number,
): boolean {
  for (let c = 0; c < d; c++) if (Math.abs(a[ao + c] - b[bo + c]) >= r) return false;
  return true;
}
