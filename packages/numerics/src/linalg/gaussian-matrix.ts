/**
 * A rows × cols matrix of i.i.d. N(0, variance) entries, default variance 1/cols (the Gaussian weight
 * ensemble of replica-math.md §5.1: WᵀW then has the Marchenko–Pastur spectrum with mean α = rows/cols).
 * Entries are drawn in row-major order with rng.normal().
 */
import { Matrix } from "ml-matrix";
import { InvalidInputError } from "../errors";
import type { Rng } from "../interface";
import { requireInteger } from "../validate";

/** A rows × cols Gaussian matrix with entry variance `variance` (default 1/cols). */
export function gaussianMatrix(rows: number, cols: number, rng: Rng, variance?: number): Matrix {
  requireInteger("gaussianMatrix", "rows", rows, 1, 1e8);
  requireInteger("gaussianMatrix", "cols", cols, 1, 1e8);
  if (rng == null || typeof rng.normal !== "function") {
    throw new InvalidInputError("gaussianMatrix: rng must be an Rng (createRng(seed))");
  }
  const v = variance ?? 1 / cols;
  if (!(v >= 0) || !Number.isFinite(v)) {
    throw new InvalidInputError(`gaussianMatrix: variance must be a finite number ≥ 0 (got ${v})`);
  }
  const std = Math.sqrt(v);
  const m = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) m.set(i, j, std * rng.normal());
  }
  return m;
}
