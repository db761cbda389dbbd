import { describe, expect, it } from "vitest";
import {
  BracketError,
  brentRoot,
  ConvergenceError,
  createRng,
  gaussKronrod,
  InvalidInputError,
  NumericsError,
} from "../src/index";

describe("error classes", () => {
  it("form one hierarchy under NumericsError with their own names and one-line messages", () => {
    const errors: unknown[] = [];
    for (const thunk of [
      () => createRng(-1),
      () => brentRoot((x) => x * x + 1, 0, 1, { name: "theta" }),
      () => gaussKronrod((x) => 1 / Math.sqrt(Math.abs(x - 0.3)), 0, 1, { maxSubdivisions: 3 }),
    ]) {
      try {
        thunk();
      } catch (e) {
        errors.push(e);
      }
    }
    const [bad, bracket, conv] = errors;
    expect(bad).toBeInstanceOf(InvalidInputError);
    expect(bracket).toBeInstanceOf(BracketError);
    expect(bracket).toBeInstanceOf(InvalidInputError);
    expect(conv).toBeInstanceOf(ConvergenceError);
    for (const e of errors) {
      expect(e).toBeInstanceOf(NumericsError);
      expect(e).toBeInstanceOf(Error);
      expect((e as Error).message).not.toContain("\n");
    }
    expect((bad as Error).name).toBe("InvalidInputError");
    expect((bracket as Error).name).toBe("BracketError");
    expect((conv as Error).name).toBe("ConvergenceError");
  });
});
