/**
 * Where dnner crashes, returns NaN or a wrong number (issue 3 "beyond dnner", replica-math §3.5): infoflow
 * returns the correct finite value where one exists, or a one-line error saying why. Values from §6.5.
 */
import { describe, expect, it } from "vitest";
import { computeEntropy, type NetworkSpec, ReplicaError } from "../src";
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

/**
 * A hard case (replica-math §3.5 item 3): Bimodal(0.5) → HardTanh(0) → Linear(0.01), α = (2, 1). dnner's
 * ML-VAMP converges to a degenerate frozen state with MI ≈ 6.5e−7 (its φ is bogus: the saddle-point equations do not
 * hold there); its FP iteration gives MI = ln 2 (X is recovered: H(T) = ln 2 + ln(2πe·0.01) exactly). The
 * robust driver rejects degenerate states by their stationarity residual and impossible FP states (MI > ln 2)
 * by the information bound. dnner mode resumes its best screening run, frozen layers included.
 */
describe("ML-VAMP's degenerate fixed point", () => {
  it("Bimodal(0.5) → HardTanh(0) → Linear(0.01): dnner-mode ML-VAMP degenerate, robust MI = ln 2", () => {
    const spec: NetworkSpec = {
      layers: [layer.bimodal(0.5), layer.act("HardTanh", 0), layer.act("Linear", 0.01)],
      weights: [layer.gauss(2), layer.gauss(1)],
    };
    // dnner mode follows dnner into a degenerate frozen ML-VAMP state that fails the stationarity check. Which one
    // depends on the values at the sweep where layer 1 freezes (V ~ 1e−10, A ~ 1e10): dnner's has MI ≈ 6.5e−7
    // (replica-math §3.5 item 3), ours MI ≈ 0.48; both are bogus (the true MI is ln 2).
    const dnner = computeEntropy(spec, { mode: "dnner", useVamp: true });
    expect(Math.abs(dnner.mi - Math.LN2)).toBeGreaterThan(0.1);
    const final = dnner.diagnostics.starts.filter((s) => s.role === "final");
    expect(final.length).toBe(1);
    expect(final[0].reason ?? "").toMatch(/stationarity residual/);
    const robust = computeEntropy(spec, { useVamp: true });
    near(robust.mi, Math.LN2, 1e-9, "mi");
    near(robust.entropy, Math.LN2 + Math.log(2 * Math.PI * Math.E * 0.01), 1e-9, "entropy (exact)");
    expect(robust.diagnostics.scheme).toBe("fp");
    const vamp = robust.diagnostics.starts.filter((s) => s.solver === "vamp");
    // a degenerate ML-VAMP state is rejected by its stationarity residual; the accepted ones froze layer 1
    // (V = 0, precisions 1e10: φ off by ~1e−8) and the fixed-point iteration finished the selected one exactly
    expect(vamp.some((s) => !s.accepted && /stationarity residual/.test(s.reason ?? ""))).toBe(true);
    expect(
      robust.diagnostics.starts.some((s) => s.role === "polish" && s.solver === "fp" && s.accepted),
    ).toBe(true);
  });
});
