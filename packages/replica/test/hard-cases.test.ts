/**
 * Where dnner crashes, returns NaN or a wrong number (issue 3 "beyond dnner", replica-math §3.5): infoflow
 * returns the correct finite value where one exists, or a one-line error saying why. Values from §6.5.
 */
import { describe, expect, it } from "vitest";
import { computeEntropy, ReplicaError } from "../src";
import { layer, near } from "./table-helpers";

const N = layer.normal(0, 1);
const a = layer.act;

describe("hard cases", () => {
  it("a noiseless sign (Probit(0)) output has a finite discrete entropy, equal to the MI", () => {
    const r = computeEntropy({ layers: [N, a("Probit", 0)], weights: [layer.gauss(2)] });
    expect(Number.isFinite(r.entropy)).toBe(true);
    // H(T | Z) = 0 for t = sign(z): mi = entropy, and 0 < H ≤ α ln 2
    near(r.mi, r.entropy, 1e-15, "mi = entropy");
    expect(r.entropy).toBeGreaterThan(0);
    expect(r.entropy).toBeLessThanOrEqual(2 * Math.LN2);
    // the noiseless limit: 1e−8 of output noise changes the entropy by ~1e−8 (the MI by more: H(T|Z) > 0)
    const eps = computeEntropy({ layers: [N, a("Probit", 1e-8)], weights: [layer.gauss(2)] });
    near(eps.entropy, r.entropy, 1e-7, "continuity at σ² → 0");
  });
  it("noiseless continuous outputs: a one-line error saying the conditional entropy is −∞", () => {
    for (const name of ["Linear", "ReLU"]) {
      let message = "";
      try {
        computeEntropy({ layers: [N, a(name, 0)], weights: [layer.gauss(0.5)] });
      } catch (e) {
        expect(e).toBeInstanceOf(ReplicaError);
        message = (e as Error).message;
      }
      expect(message).toMatch(/infinite .*conditional differential entropy −∞.*no finite fixed point/);
      expect(message.split("\n").length).toBe(1);
    }
  });
  it("ML-VAMP's NaN (Probit hidden layer, α = (2, 0.5)) and divergence (ReLU → Probit): rejected runs, right value", () => {
    // §6.5: dnner's VAMP gives NaN here; its FP gives 0.1568695609
    const p = computeEntropy(
      { layers: [N, a("Probit", 0.01), a("Linear", 0.01)], weights: [layer.gauss(2), layer.gauss(0.5)] },
      { useVamp: true },
    );
    near(p.entropy, 0.1568695609, 1e-9, "Probit → Linear entropy");
    // §6.5: VAMP diverges; FP gives 0.4671430200
    const r = computeEntropy(
      { layers: [N, a("ReLU", 0.01), a("Probit", 0.01)], weights: [layer.gauss(1), layer.gauss(1)] },
      { useVamp: true },
    );
    near(r.entropy, 0.46714302, 1e-9, "ReLU → Probit entropy");
    const failed = r.diagnostics.starts.filter((s) => !s.accepted);
    expect(failed.length).toBeGreaterThan(0);
    for (const s of failed)
      expect(s.reason).toMatch(/ML-VAMP diverging: .* \(must be positive\) at layer \d/);
  });
});
