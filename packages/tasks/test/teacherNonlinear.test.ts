/**
 * Teacher truth for nonlinear channels and discrete priors (replica solves of a few seconds each):
 * information bounds (replica-math §6.2), data processing, the conditional-entropy identity through a
 * nonlinear hidden layer, and the listed example.
 */
import { describe, expect, it } from "vitest";
import { createTask, listTaskFamilies, teacherNetwork } from "../src/index";

describe("nonlinear teachers", () => {
  it("ReLU hidden, Linear output: H(T_L) − I(X;T_L) = n_L · ½ ln(2πeσ²) (1e-8)", () => {
    const t = teacherNetwork({
      n0: 50,
      seed: 3,
      layers: [
        { activation: "ReLU", alpha: 1.4 },
        { activation: "Linear", alpha: 0.6, varNoise: 0.05 },
      ],
    });
    expect(t.entropy() - t.mutualInformation()).toBeCloseTo(
      0.5 * 42 * Math.log(2 * Math.PI * Math.E * 0.05),
      8,
    );
  });
});

describe("information bounds (replica-math §6.2)", () => {
  it("Bimodal(½) prior, Probit(0.01) output, α = 2: 0 < I(X;T) ≤ min(n0 ln 2, H(T)), H(T) ≤ n1 ln 2", () => {
    const t = teacherNetwork({
      n0: 40,
      seed: 5,
      prior: { name: "Bimodal", prob: 0.5 },
      layers: [{ activation: "Probit", alpha: 2, varNoise: 0.01 }],
    });
    const mi = t.mutualInformation();
    const h = t.entropy();
    expect(mi).toBeGreaterThan(0);
    expect(mi).toBeLessThanOrEqual(40 * Math.LN2 + 1e-9);
    expect(mi).toBeLessThanOrEqual(h + 1e-9);
    expect(h).toBeLessThanOrEqual(80 * Math.LN2 + 1e-9);
  });

  it("more output noise, less information (data processing), same drawn weights", () => {
    const base = { n0: 40, seed: 8, prior: { name: "SpikeSlab" as const, prob: 0.3 } };
    const mi = [0.01, 0.1, 1].map((v) =>
      teacherNetwork({
        ...base,
        layers: [{ activation: "HardTanh" as const, varNoise: v }],
      }).mutualInformation(),
    );
    expect(mi[0]).toBeGreaterThan(mi[1]);
    expect(mi[1]).toBeGreaterThan(mi[2]);
  });

  it("the listed teacher example builds and has a finite positive truth", () => {
    const example = listTaskFamilies().find((f) => f.family === "teacher")!.example;
    const task = createTask(example);
    expect(task.mutualInformation()).toBeGreaterThan(0);
    expect(Number.isFinite(task.mutualInformation())).toBe(true);
  });
});
