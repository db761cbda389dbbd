/** Small builders for network specs in the table tests, and a tolerance check that says what differed. */
import type { NetworkSpec } from "../src";
import { EXPLICIT_SPECTRA } from "./spectra";

type Prior = NetworkSpec["layers"][0];
type Act = NetworkSpec["layers"][1];
type Weight = NetworkSpec["weights"][number];

export const layer = {
  normal: (mean: number, variance: number): Prior => ({
    kind: "prior",
    name: "Normal",
    params: { mean, var: variance },
  }),
  bimodal: (prob: number): Prior => ({ kind: "prior", name: "Bimodal", params: { prob } }),
  spikeSlab: (prob: number, mean: number, variance: number): Prior => ({
    kind: "prior",
    name: "SpikeSlab",
    params: { prob, mean, var: variance },
  }),
  act: (name: string, varNoise: number, extra: Record<string, number> = {}): Act =>
    ({ kind: "activation", name, params: { var_noise: varNoise, ...extra } }) as Act,
  gauss: (alpha: number): Weight => ({ ensemble: "Gaussian", alpha }),
  explicit: (k: keyof typeof EXPLICIT_SPECTRA): Weight => ({
    ensemble: "Empirical",
    alpha: EXPLICIT_SPECTRA[k].alpha,
    eigvals: [...EXPLICIT_SPECTRA[k].eigvals],
  }),
};

export function near(got: number, want: number, tol: number, what: string): void {
  if (!(Math.abs(got - want) <= tol)) {
    throw new Error(
      `${what}: got ${got}, want ${want}, |Δ| = ${Math.abs(got - want).toExponential(2)} > ${tol}`,
    );
  }
}
