import { describe, expect, it } from "vitest";
import { listExperiments, resolveExperiment } from "../src/commands/experiment";

describe("infoflow experiment", () => {
  const names = ["01-random-network-entropy", "04-szt-noisy-tanh", "05-szt-orthonormal-linear"];

  it("resolves a directory, its number or a unique part of its name", () => {
    expect(resolveExperiment("04-szt-noisy-tanh", names)).toBe("04-szt-noisy-tanh");
    expect(resolveExperiment("4", names)).toBe("04-szt-noisy-tanh");
    expect(resolveExperiment("1", names)).toBe("01-random-network-entropy");
    expect(resolveExperiment("orthonormal", names)).toBe("05-szt-orthonormal-linear");
  });

  it("names ambiguous and unknown experiments in one line", () => {
    expect(() => resolveExperiment("szt", names)).toThrow(
      /ambiguous: 04-szt-noisy-tanh, 05-szt-orthonormal-linear/,
    );
    expect(() => resolveExperiment("9", names)).toThrow(/experiment "9" not found \(known: 01-random/);
  });

  it("lists the committed experiments, each with a runner", () => {
    const found = listExperiments();
    expect(found.length).toBeGreaterThanOrEqual(8);
    expect(found).toContain("06-single-tanh-unit");
  });
});
