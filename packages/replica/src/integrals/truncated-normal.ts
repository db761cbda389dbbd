/**
 * Mass and first two moments of a standard normal truncated to (α, β), stably in both tails
 * (replica-math §4.3(a), "Stable truncated-normal pieces"):
 *   M = Φ(β) − Φ(α),  r1 = (φ(α) − φ(β))/M,  r2 = (αφ(α) − βφ(β))/M   (terms at ±∞ are 0),
 * so that the truncated variable has mean r1 and variance 1 + r2 − r1² = 1 − d. Written to
 * `out` = [log M, r1, r2, d] with d = r1² − r2 (the variance reduction, ≥ 0) formed without cancellation in
 * the one-sided cases; no allocation: this runs at every node of the interface quadrature.
 */
import { erfcx as numericsErfcx } from "@infoflow/numerics";

/** Bound once: module-namespace access per call costs ~10% of an interface evaluation under CJS transpilation. */
const erfcx = numericsErfcx;

const SQRT1_2 = Math.SQRT1_2;
const SQRT_2_PI = Math.sqrt(2 / Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** Both bounds finite and 0 ≤ α < β: factor e^{−α²/2} out of M so nothing underflows. */
function positiveInterval(alpha: number, beta: number, out: Float64Array): void {
  const e = Math.exp(0.5 * (alpha - beta) * (alpha + beta));
  const dn = erfcx(alpha * SQRT1_2) - e * erfcx(beta * SQRT1_2);
  out[0] = -0.5 * alpha * alpha + Math.log(0.5 * dn);
  out[1] = (SQRT_2_PI * (1 - e)) / dn;
  out[2] = (SQRT_2_PI * (alpha - beta * e)) / dn;
  out[3] = out[1] * out[1] - out[2];
}

export function truncatedNormal(alpha: number, beta: number, out: Float64Array): void {
  if (beta === Number.POSITIVE_INFINITY) {
    if (alpha === Number.NEGATIVE_INFINITY) {
      out[0] = 0;
      out[1] = 0;
      out[2] = 0;
      out[3] = 0;
      return;
    }
    upperTail(alpha, out);
    return;
  }
  if (alpha === Number.NEGATIVE_INFINITY) {
    // (−∞, β) is the mirror image of (−β, ∞).
    upperTail(-beta, out);
    out[1] = -out[1];
    return;
  }
  if (alpha >= 0) {
    positiveInterval(alpha, beta, out);
    return;
  }
  if (beta <= 0) {
    positiveInterval(-beta, -alpha, out);
    out[1] = -out[1];
    return;
  }
  // α < 0 < β: M = 1 − ½erfc(−α/√2) − ½erfc(β/√2); each erfc and density share one exponential.
  const ya = -alpha * SQRT1_2;
  const yb = beta * SQRT1_2;
  const ea = Math.exp(-ya * ya);
  const eb = Math.exp(-yb * yb);
  const m = 1 - 0.5 * (erfcx(ya) * ea + erfcx(yb) * eb);
  const pa = INV_SQRT_2PI * ea;
  const pb = INV_SQRT_2PI * eb;
  out[0] = Math.log(m);
  out[1] = (pa - pb) / m;
  out[2] = (alpha * pa - beta * pb) / m;
  out[3] = out[1] * out[1] - out[2];
}

/** (α, ∞): one erfcx, one exponential at most, one logarithm. */
function upperTail(alpha: number, out: Float64Array): void {
  const x = alpha * SQRT1_2;
  let lam: number;
  if (x >= 0) {
    const ex = erfcx(x);
    out[0] = Math.log(0.5 * ex) - x * x;
    lam = SQRT_2_PI / ex;
  } else {
    // erfc(x) = 2 − erfcx(−x)·e^{−x²} ∈ (1, 2]: no cancellation, and φ(α) carries the same e^{−x²}.
    const e2 = Math.exp(-x * x);
    const tail = erfcx(-x) * e2;
    out[0] = Math.log1p(-0.5 * tail);
    lam = (SQRT_2_PI * e2) / (2 - tail);
  }
  out[1] = lam;
  out[2] = alpha * lam;
  out[3] = lam * (lam - alpha);
}
