/**
 * The scalar building blocks of the replica formula (Gabrié et al., NeurIPS 2018; the notation and
 * every formula are in shared/docs/replica-math.md §2–§5). Priors, channels and ensembles implement
 * these; the solvers only see these interfaces. This file imports nothing from the package.
 */

/** Prior P_0 on the i.i.d. input components (replica-math §4.1). */
export interface Prior {
  readonly name: string;
  /** True for a Gaussian prior (with linear-Gaussian channels the whole network is jointly Gaussian). */
  readonly gaussian?: boolean;
  /** ρ_1 = E[x²]. */
  readonly rho: number;
  /** Shannon entropy of P_0 in nats when it is discrete (an upper bound on I(X;T) per unit), else undefined. */
  readonly discreteEntropy?: number;
  /** 𝒱_0(A): scalar MMSE at SNR A ("iter_v", eq. 55). */
  V(A: number): number;
  /** Ψ_0(A) = E log Z_0 with the correct normalisation ("eval_i", eq. 34a; dnner's μ²/(2s²) offset removed). */
  Psi(A: number): number;
  /**
   * Optional: I(x; √A x + η) = ½Aρ − Ψ_0(A) computed without the cancellation of two O(A) terms (replica-math
   * §2.2 identity). φ uses it when present: at A ~ 1e8 (noise 1e−8) the difference loses ~8 digits.
   */
  mutualInformation?(A: number): number;
}

/** The three averages of a hidden ("interface") layer at one point (replica-math §4.3). */
export interface HiddenValues {
  /** Ψ_ℓ(A, Ṽ; ρ̃) ("eval_i", eq. 33) */
  Psi: number;
  /** 𝒱_ℓ(A, Ṽ; ρ̃) ("iter_v", eq. 54) */
  V: number;
  /** 𝒜_ℓ(A, Ṽ; ρ̃) ("iter_a", eq. 51) */
  A: number;
  /**
   * Optional: ½A·ρ_{ℓ+1} − Ψ_ℓ (= 𝓗(t + η/√A | ξ) − ½log(2πe/A), replica-math §2.4 dictionary) computed
   * without cancelling O(A) terms; φ uses it when present (see Prior.mutualInformation).
   */
  I?: number;
}

/**
 * The accuracy (relative error of Ψ, 𝒱, 𝒜) at which `Channel.hidden` may switch to a cheaper integration: what a
 * solver asks for while its relative step is above 1e−2 (solvers/run.ts `ConvergenceMonitor.sweepAccuracy`).
 */
export const SCREENING_ACCURACY = 1e-5;

/** A noisy channel t = φ(z + √σ² ξ), usable as hidden layer and as output layer (replica-math §1.1, §4.2–4.3). */
export interface Channel {
  readonly name: string;
  /** True for the linear channel t = z + noise (with a Gaussian prior the whole network is jointly Gaussian). */
  readonly gaussian?: boolean;
  /** σ², the variance of the Gaussian noise added before φ. */
  readonly varNoise: number;
  /** The same channel with another noise variance (compute_all gives each sub-chain's last layer the output noise). */
  withNoise(varNoise: number): Channel;
  /** ρ_{ℓ+1} = E[t²] for z ~ N(0, ρ̃) ("eval_rho"). */
  rhoNext(rhoTilde: number): number;
  /**
   * Hidden-layer averages Ψ, 𝒱, 𝒜 at (A, Ṽ, ρ̃) — one pass computes all three. `accuracy`: the relative error
   * the caller accepts (a solver far from its fixed point needs the averages only to a fraction of its step); at
   * SCREENING_ACCURACY or looser a channel may integrate more cheaply. Omitted: the channel's full accuracy.
   */
  hidden(A: number, Vt: number, rhoTilde: number, accuracy?: number): HiddenValues;
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
  /**
   * h(θ; γ) = (1−θ)·E_λ[1/(γλ + (1−θ)(1−αθ))] − 1, whose zeros are the stationary points of F in θ (eq. 50a).
   * Used to check a fixed point found by ML-VAMP (which never solves the θ-equation) is stationary.
   */
  thetaEquation(theta: number, gamma: number): number;
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

/** Options of the drivers (dnner's keyword arguments in camelCase; replica-math §3.4, issue 3). */
export interface ReplicaOptions {
  /**
   * Start(s) of V: a number (the same for every layer), one vector (`null` entries expand into δ and ρ_ℓ as in
   * dnner), or a list of vectors. Default: dnner's L+1 cumulative starts [δ…], [ρ_1, δ…], …, [ρ_1…ρ_L].
   */
  v0?: number | Array<number | null> | number[][];
  /** Keep V_ℓ at its start value (φ as a function of V); needs `v0`. Uses the fixed-point iteration. */
  fixedV?: boolean | boolean[];
  /** ML-VAMP as the first solver instead of the fixed-point iteration. */
  useVamp?: boolean;
  /** Sweeps per run (dnner 250; robust mode default 1000). */
  maxIter?: number;
  /** Convergence threshold on Σ|ΔV| per sweep (default 1e−11). */
  tol?: number;
  /** dnner mode only: tolerance of the screening runs of the multi-start (default 1e−3). */
  tolTest?: number;
  /** dnner mode only: screen the starts and continue the one with the smallest φ (default true). */
  computeMinimum?: boolean;
  /** Warm start: run once from this fixed point (computeAllLayers: one per sub-network). */
  startAt?: FixedPoint | FixedPoint[];
  /** "robust" (default): every start to full convergence, guards, fallback solver. "dnner": dnner's driver. */
  mode?: "robust" | "dnner";
  /**
   * Robust mode: integrate every sweep at full accuracy (default false: while a run's relative step is above
   * 1e−2 its sweeps take the channels' cheaper screening integrals; the result is the same fixed point).
   */
  exactSweeps?: boolean;
}

/** One run of one solver from one start, as judged by the driver. */
export interface StartTrace {
  solver: "fp" | "vamp";
  /** Start vector of V, or null for a warm start. */
  v0: number[] | null;
  /**
   * dnner mode: "screen" (run at tolTest) or "final"; robust mode: "start", "final" (an unconverged result
   * re-run without acceleration), "polish" (the other solver finishing the selected fixed point).
   */
  role: "start" | "screen" | "final" | "polish";
  iterations: number;
  /** Σ|ΔV| of the last sweep. */
  step: number;
  /** Largest relative violation of the saddle-point equations (replica-math §2.5) at the end state. */
  residual: number;
  converged: boolean;
  /** φ (the entropy) at the end state; NaN when it could not be evaluated. */
  phi: number;
  /** Whether the run passed every guard (robust mode) / was used (dnner mode). */
  accepted: boolean;
  /** Why it was rejected. */
  reason?: string;
  /** Remarks on an accepted run (e.g. merged into an earlier start's fixed point). */
  note?: string;
}

export interface ReplicaDiagnostics {
  /** Solver that produced the selected fixed point. */
  scheme: "fp" | "vamp";
  /** Sweeps of the selected run. */
  iterations: number;
  /** Stationarity residual of the selected fixed point. */
  residual: number;
  converged: boolean;
  starts: StartTrace[];
  warnings: string[];
}

/** Result of one network: every quantity per input unit n₀, in nats. */
export interface ReplicaResult {
  /** H(T_L)/n₀. */
  entropy: number;
  /** [H(T_L) − H(T_L | T_{L−1})]/n₀ = I(X; T_L)/n₀ when the hidden layers are noiseless (dnner's "mi"). */
  mi: number;
  /** V_1: asymptotic per-component MMSE of X given T_L. */
  mmse: number;
  /** The selected fixed point (pass as `startAt` to warm-start). */
  fixedPoint: FixedPoint;
  /** Every distinct fixed point found (accepted runs), smallest φ first. */
  fixedPoints: Array<{ fixedPoint: FixedPoint; phi: number; solver: "fp" | "vamp" }>;
  diagnostics: ReplicaDiagnostics;
}
