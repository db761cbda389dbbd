/**
 * The scalar building blocks of the replica formula (Gabrié et al., NeurIPS 2018; the notation and
 * every formula are in shared/docs/replica-math.md §2–§5). Priors, channels and ensembles implement
 * these; the solvers only see these interfaces. This file imports nothing from the package.
 */

/** Prior P_0 on the i.i.d. input components (replica-math §4.1). */
export interface Prior {
  readonly name: string;
  /** ρ_1 = E[x²]. */
  readonly rho: number;
  /** Shannon entropy of P_0 in nats when it is discrete (an upper bound on I(X;T) per unit), else undefined. */
  readonly discreteEntropy?: number;
  /** 𝒱_0(A): scalar MMSE at SNR A ("iter_v", eq. 55). */
  V(A: number): number;
  /** Ψ_0(A) = E log Z_0 with the correct normalisation ("eval_i", eq. 34a; dnner's μ²/(2s²) offset removed). */
  Psi(A: number): number;
}

/** The three averages of a hidden ("interface") layer at one point (replica-math §4.3). */
export interface HiddenValues {
  /** Ψ_ℓ(A, Ṽ; ρ̃) ("eval_i", eq. 33) */
  Psi: number;
  /** 𝒱_ℓ(A, Ṽ; ρ̃) ("iter_v", eq. 54) */
  V: number;
  /** 𝒜_ℓ(A, Ṽ; ρ̃) ("iter_a", eq. 51) */
  A: number;
}

/** A noisy channel t = φ(z + √σ² ξ), usable as hidden layer and as output layer (replica-math §1.1, §4.2–4.3). */
export interface Channel {
  readonly name: string;
  /** σ², the variance of the Gaussian noise added before φ. */
  readonly varNoise: number;
  /** The same channel with another noise variance (compute_all gives each sub-chain's last layer the output noise). */
  withNoise(varNoise: number): Channel;
  /** ρ_{ℓ+1} = E[t²] for z ~ N(0, ρ̃) ("eval_rho"). */
  rhoNext(rhoTilde: number): number;
  /** Hidden-layer averages Ψ, 𝒱, 𝒜 at (A, Ṽ, ρ̃) — one pass computes all three. */
  hidden(A: number, Vt: number, rhoTilde: number): HiddenValues;
  /** 𝒜_out(Ṽ; ρ̃) ("iter_a", eq. 52). */
  outA(Vt: number, rhoTilde: number): number;
  /** Ψ_out(Ṽ; ρ̃) = −E_ω H(t | ω) ("eval_i", eq. 34b). Ψ_out(0; ρ̃) = −H(T_L | Z_L) per output unit. */
  outPsi(Vt: number, rhoTilde: number): number;
}

/** Orthogonally invariant weight ensemble of one layer (replica-math §2.3, §5). */
export interface Ensemble {
  readonly name: string;
  /** α = n_ℓ / n_{ℓ−1}. */
  readonly alpha: number;
  /** E[λ] = tr(WᵀW)/n_{ℓ−1}. */
  readonly eigMean: number;
  /** Smallest positive root θ* of the θ-equation at γ = A·V (eq. 50a); ok = false when none exists. */
  theta(gamma: number): { theta: number; ok: boolean };
  /** F(A·V, θ) of eq. 6. */
  F(A: number, V: number, theta: number): number;
  /** LMMSE variance q·E_λ[1/(λ + p q)] (eq. 60), used by ML-VAMP. */
  llmse(p: number, q: number): number;
}

/** The fixed-point order parameters per layer (dnner's v, a, v_in, a_in, theta). */
export interface FixedPoint {
  v: number[];
  a: number[];
  vIn: number[];
  aIn: number[];
  theta: number[];
}
