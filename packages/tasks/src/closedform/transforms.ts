/**
 * Injective maps applied to X and Y after sampling; they leave I(X;Y) unchanged
 * (estimators-math §7.1 and §8 item 4). Per-coordinate maps are strictly increasing; the spiral is a
 * diffeomorphism (x ↦ R(s‖x‖²)x with R a rotation, which preserves ‖x‖, so it is inverted by
 * rotating back by the same angle). Definitions follow bmi (cbg-ethz/bmi `transforms`,
 * `benchmark/tasks/{half_cube,asinh,normal_cdf,wiggly,spiral}.py`).
 */
import { normalCdf } from "@infoflow/numerics";
import type { Samples } from "../interface";
import type { TransformName } from "../spec/taskSpec";

/** x·√|x| (bmi half-cube). */
export function halfCube(x: number): number {
  return x * Math.sqrt(Math.abs(x));
}

/** bmi `wiggly_x`: x + 0.4 sin x + 0.2 sin(1.7x + 1) + 0.03 sin(3.3x − 2.5), strictly increasing. */
export function wigglyX(x: number): number {
  return x + 0.4 * Math.sin(x) + 0.2 * Math.sin(1.7 * x + 1) + 0.03 * Math.sin(3.3 * x - 2.5);
}

/** bmi `wiggly_y`: y − 0.4 sin(0.4y) + 0.17 sin(1.3y + 3.5) + 0.02 sin(4.3y − 2.5), strictly increasing. */
export function wigglyY(y: number): number {
  return y - 0.4 * Math.sin(0.4 * y) + 0.17 * Math.sin(1.3 * y + 3.5) + 0.02 * Math.sin(4.3 * y - 2.5);
}

function mapInPlace(s: Samples, f: (v: number) => number): void {
  const a = s.data;
  for (let i = 0; i < a.length; i++) a[i] = f(a[i]);
}

/**
 * bmi's spiral: rotate every row by θ = speed·‖row‖² in the coordinate plane (i, j) (the so(n)
 * generator A with A[i][j] = −1, A[j][i] = 1; exp(θA) is a Givens rotation, estimators-math §7.1).
 */
export function spiralInPlace(s: Samples, i: number, j: number, speed: number): void {
  const { data, n, d } = s;
  for (let r = 0; r < n; r++) {
    const o = r * d;
    let norm2 = 0;
    for (let k = 0; k < d; k++) norm2 += data[o + k] * data[o + k];
    const theta = speed * norm2;
    const c = Math.cos(theta);
    const sn = Math.sin(theta);
    const xi = data[o + i];
    const xj = data[o + j];
    data[o + i] = c * xi - sn * xj;
    data[o + j] = sn * xi + c * xj;
  }
}

/** Apply `names` in order to both variables (bmi's spiral uses speed 1/dim, planes 1-2 for X, 2-3 for Y). */
export function applyTransforms(names: readonly TransformName[], x: Samples, y: Samples): void {
  for (const name of names) {
    switch (name) {
      case "normalCdf":
        mapInPlace(x, normalCdf);
        mapInPlace(y, normalCdf);
        break;
      case "halfCube":
        mapInPlace(x, halfCube);
        mapInPlace(y, halfCube);
        break;
      case "asinh":
        mapInPlace(x, Math.asinh);
        mapInPlace(y, Math.asinh);
        break;
      case "wiggly":
        mapInPlace(x, wigglyX);
        mapInPlace(y, wigglyY);
        break;
      case "spiral":
        spiralInPlace(x, 0, 1, 1 / x.d);
        spiralInPlace(y, 1, 2, 1 / y.d);
        break;
    }
  }
}
