/**
 * A slow hard case (replica-math §3.5 item 3): Bimodal(0.5) → HardTanh(0) → Linear(0.01), α = (2, 1). dnner's
 * ML-VAMP converges to a degenerate frozen state with MI ≈ 0 (its φ is bogus: the saddle-point equations do not
 * hold there); its FP iteration gives MI = ln 2 (X is recovered: H(T) = ln 2 + ln(2πe·0.01) exactly). The
 * robust driver rejects degenerate states by their stationarity residual and impossible FP states (MI > ln 2)
 * by the information bound.
 */
import { describe, expect, it } from "vitest";
import { computeEntropy, type NetworkSpec } from "../src";
import { layer, near } from "./table-helpers";

describe("ML-VAMP's degenerate fixed point", () => {
  it("Bimodal(0.5) → HardTanh(0) → Linear(0.01): dnner-mode VAMP MI ≈ 0, robust MI = ln 2", () => {
    const spec: NetworkSpec = {
      layers: [layer.bimodal(0.5), layer.act("HardTanh", 0), layer.act("Linear", 0.01)],
      weights: [layer.gauss(2), layer.gauss(1)],
    };
    const dnner = computeEntropy(spec, { mode: "dnner", useVamp: true });
    expect(dnner.mi).toBeLessThan(1e-6);
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
