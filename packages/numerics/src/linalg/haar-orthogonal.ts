/**
 * A Haar-distributed (uniform on O(n)) random orthogonal matrix: QR of an n × n matrix of i.i.d. N(0, 1)
 * entries, then each column of Q multiplied by the sign of the matching diagonal entry of R, which
 * makes the factorisation unique and the law of Q exactly Haar.
 * Reference: F. Mezzadri, "How to generate random matrices from the classical compact groups",
 * Notices AMS 54 (2007) 592–604, §5. QR by ml-matrix's Householder QrDecomposition.
 */
import { type Matrix, QrDecomposition } from "ml-matrix";
import type { Rng } from "../interface";
import { requireInteger } from "../validate";
import { gaussianMatrix } from "./gaussian-matrix";

/** An n × n Haar orthogonal matrix drawn from rng (n² normals, row-major order). */
export function haarOrthogonal(n: number, rng: Rng): Matrix {
  requireInteger("haarOrthogonal", "n", n, 1, 100_000);
  const z = gaussianMatrix(n, n, rng, 1);
  const qr = new QrDecomposition(z);
  const q = qr.orthogonalMatrix;
  const r = qr.upperTriangularMatrix;
  for (let j = 0; j < n; j++) {
    if (r.get(j, j) < 0) for (let i = 0; i < n; i++) q.set(i, j, -q.get(i, j));
  }
  return q;
}
