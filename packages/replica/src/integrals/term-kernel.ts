/**
 * The integrand of the interface averages at a batch of nodes (replica-math §4.3(b)): for term k (piece k's
 * share of the teacher's h), M_k(B_k, ω)·(f_Ψ, f_𝒱, f_𝒜)(B_k, ω) with ω = √m·w, B_k = A(κ_k ω + c_k) + S_k·b.
 * The quadrature (interface-quadrature.ts) owns the nodes; a kernel only evaluates, in a tight loop over a
 * batch, so that each activation can supply its own specialised code without a call per node.
 */
export interface TermKernel {
  /** Precomputes what depends on (A, v = σ² + Ṽ, m) only. */
  setPoint(A: number, v: number, m: number): void;
  /** vals[3i..3i+3) = M_k·(f_Ψ, f_𝒱, f_𝒜) at (b, w = w[i]) for i in [from, from + count). */
  evalOverW(k: number, b: number, w: Float64Array, from: number, count: number, vals: Float64Array): void;
  /** The same at (b = b[i], w) for i in [from, from + count). */
  evalOverB(k: number, w: number, b: Float64Array, from: number, count: number, vals: Float64Array): void;
  /** log M_j of a flat piece j (κ_j = 0: a function of ω only). */
  logFlatMass(j: number, omega: number): number;
}
