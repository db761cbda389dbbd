/**
 * Bimodal prior P_0 = p δ(x − 1) + (1 − p) δ(x + 1) (replica-math §1.1, §4.1). With b₀ = ½log(p/(1−p)) and
 * x_± = b₀ ± A + √A η:
 *   Ψ_0(A) = −A/2 + ½log(p(1−p)) + p E log2cosh(x₊) + (1−p) E log2cosh(x₋),
 *   𝒱_0(A) = p E sech²(x₊) + (1−p) E sech²(x₋).
 * log2cosh(x) = |x| + r(x), r(x) = log(1 + e^{−2|x|}): E|x| is closed form, r and sech² live in |x| ≲ 20, so
 * only localized integrals remain (their window follows x = 0 wherever the Gaussian puts it — for A ≳ 30 it is
 * 7 standard deviations out, where dnner's fixed window still happens to work but a GH rule would not).
 * We compute I = ½A − Ψ_0 = I(x; √A x + η) first, as
 *   I = H(p) − p(2E(−x₊)₊ + E r(x₊)) − (1 − p)(2E(x₋)₊ + E r(x₋)),
 * so that no O(A) terms cancel (H(p) the binary entropy; (·)₊ = max(·, 0)).
 */
import { erfc } from "@infoflow/numerics";
import { localizedAverage } from "../integrals/localized-average";
import type { Prior } from "../interface";

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
/** r(x) and sech²(x) are below 4e−35 beyond |x| = 40. */
const X_MAX = 40;

const r = (x: number) => Math.log1p(Math.exp(-2 * Math.abs(x)));
function sech2(x: number): number {
  const e = Math.exp(-2 * Math.abs(x));
  return (4 * e) / ((1 + e) * (1 + e));
}

/** E[max(x, 0)] for x ~ N(c, σ²). */
function positivePart(c: number, sigma: number): number {
  const z = c / sigma;
  return sigma * INV_SQRT_2PI * Math.exp(-0.5 * z * z) + c * 0.5 * erfc(-z * Math.SQRT1_2);
}

export function bimodalPrior(p: number): Prior {
  const entropy = p === 0 || p === 1 ? 0 : -p * Math.log(p) - (1 - p) * Math.log1p(-p);
  const name = `Bimodal(${p})`;
  if (p === 0 || p === 1) {
    // A point mass: nothing to learn, I = 0, 𝒱_0 = 0.
    return { name, rho: 1, discreteEntropy: 0, V: () => 0, Psi: (A) => 0.5 * A, mutualInformation: () => 0 };
  }
  const b0 = 0.5 * Math.log(p / (1 - p));
  const mutualInformation = (A: number): number => {
    if (A === 0) return 0;
    const s = Math.sqrt(A);
    const cp = b0 + A;
    const cm = b0 - A;
    const plus = 2 * positivePart(-cp, s) + localizedAverage(r, cp, s, X_MAX);
    const minus = 2 * positivePart(cm, s) + localizedAverage(r, cm, s, X_MAX);
    return entropy - p * plus - (1 - p) * minus;
  };
  return {
    name,
    rho: 1,
    discreteEntropy: entropy,
    V(A: number): number {
      if (A === 0) return 1 - (2 * p - 1) ** 2;
      const s = Math.sqrt(A);
      return (
        p * localizedAverage(sech2, b0 + A, s, X_MAX) + (1 - p) * localizedAverage(sech2, b0 - A, s, X_MAX)
      );
    },
    Psi: (A) => 0.5 * A - mutualInformation(A),
    mutualInformation,
  };
}
