/**
 * Shared by the kNN tests (and the kNN benchmark): seeded Gaussian pairs with a closed-form MI, and
 * NPEET's two conventions emulated with our kernels — 1e-10·U[0,1) noise from numpy's legacy stream
 * (numerics' createRng reproduces np.random.seed(s); random_sample) and marginal counts with
 * `≤ radius − 1e-15`, the point itself included (NPEET `mi`, gregversteeg/NPEET@8b0d948).
 */
import { createRng, digamma } from "@infoflow/numerics";
import type { Samples } from "../src/interface";
import { countingSpace, countSearchKind, countWithin, kNearest, rawSpace } from "../src/kernels/neighbours";
import type { KnnJob } from "../src/kernels/neighbours-jobs";
import { sharedFloat64, sharedInt32 } from "../src/kernels/shared-memory";
import { jointRows } from "../src/knn/ksg";

/** Gaussian pair X ~ N(0, I_d), Y = ρX + √(1−ρ²)E; I(X;Y) = −d/2·ln(1 − ρ²). */
export function gaussianPair(n: number, d: number, rho: number, seed: number): { x: Samples; y: Samples } {
  const rng = createRng(seed);
  const x = new Float64Array(n * d);
  const y = new Float64Array(n * d);
  for (let i = 0; i < n * d; i++) {
    x[i] = rng.normal();
    y[i] = rho * x[i] + Math.sqrt(1 - rho * rho) * rng.normal();
  }
  return { x: { data: x, n, d }, y: { data: y, n, d } };
}

/** A brute-force k-nearest job (max-norm, exact tie order) on fresh shared outputs, for `runNeighbourJob`. */
export function bruteKnnJob(data: Float64Array, n: number, d: number, k: number): KnnJob {
  return {
    kind: "knn",
    space: rawSpace(data, n, d),
    k,
    metric: 0,
    exactTies: true,
    dist: sharedFloat64(n * k),
    ids: sharedInt32(n * k),
  };
}

/** |a − b| relative to max(1, |b|). */
export function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(1, Math.abs(b));
}

/** NPEET's add_noise: x + 1e-10·U[0,1), drawn row-major from the given stream. */
export function npeetNoise(s: Samples, rng: ReturnType<typeof createRng>): Samples {
  const u = rng.fillUniform(new Float64Array(s.data.length));
  return { data: s.data.map((v, i) => v + 1e-10 * u[i]), n: s.n, d: s.d };
}

/**
 * NPEET's `mi(x, y, k, base=e)`: noise on x then y (np.random.seed(seed)), k-th joint max-norm
 * distance, counts `≤ dist − 1e-15` including the point itself, I = ψ(k) + ψ(N) − ⟨ψ(c_x)⟩ − ⟨ψ(c_y)⟩.
 */
export function npeetMi(x: Samples, y: Samples, k: number, seed: number): number {
  const rng = createRng(seed);
  const xn = npeetNoise(x, rng);
  const yn = npeetNoise(y, rng);
  const { n } = x;
  const nb = kNearest(rawSpace(jointRows(xn, yn), n, x.d + y.d), k);
  const radius = sharedFloat64(n);
  for (let i = 0; i < n; i++) radius[i] = nb.dist[i * k + k - 1] - 1e-15;
  let acc = 0;
  for (const s of [xn, yn]) {
    const counts = countWithin(
      countingSpace(rawSpace(s.data, n, s.d), countSearchKind(s.d)),
      radius,
      false,
      1,
    );
    for (let i = 0; i < n; i++) acc += digamma(counts[i] + 1) / n; // +1: NPEET counts the point itself
  }
  return digamma(k) + digamma(n) - acc;
}
