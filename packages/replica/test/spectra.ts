/** The explicit spectra S1, S2, S3, SC of replica-math §6.1 (used by the ensemble and solver tests). */
export const EXPLICIT_SPECTRA = {
  S1: { alpha: 1.5, eigvals: Array.from({ length: 12 }, (_, k) => 0.2 + 0.25 * k) },
  S2: { alpha: 0.5, eigvals: [0, 0, 0, 0, 0, 0, 0.3, 0.6, 0.9, 1.2, 1.5, 1.8] },
  S3: { alpha: 2.0, eigvals: [0.6, 1.0, 1.5, 2.0, 2.6, 3.3] },
  SC: { alpha: 1.0, eigvals: [0.05, 0.2, 0.4, 0.7, 1.0, 1.3, 1.7, 2.6] },
} as const;
