/** Split row-major n×(dx+dy) rows into the X block and the Y block (row-major each). */
import type { Samples } from "../interface";

export function splitColumns(
  joint: Float64Array,
  n: number,
  dimX: number,
  dimY: number,
): { x: Samples; y: Samples } {
  const d = dimX + dimY;
  const x = new Float64Array(n * dimX);
  const y = new Float64Array(n * dimY);
  for (let r = 0; r < n; r++) {
    x.set(joint.subarray(r * d, r * d + dimX), r * dimX);
    y.set(joint.subarray(r * d + dimX, (r + 1) * d), r * dimY);
  }
  return { x: { data: x, n, d: dimX }, y: { data: y, n, d: dimY } };
}
