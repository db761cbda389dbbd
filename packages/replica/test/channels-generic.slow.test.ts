/**
 * Generic channel vs the specialised Linear, ReLU, HardTanh and Probit channels in the hidden role at m > 0
 * (the full outer integral over ω), to 1e−7 (issue 3). Slow: several seconds per generic call. SLOW=1.
 */
import { describe, expect, it } from "vitest";
import { createChannel } from "../src/channels";
import { PAIRS } from "./channels-generic-pairs";

const close = (got: number, want: number) =>
  expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-7 * Math.abs(want));

describe("generic channel = specialised channel (hidden role, m > 0)", () => {
  for (const [name, params, activation] of PAIRS) {
    for (const [A, Vt, rho] of [
      [2, 0.3, 1],
      [10, 0.25, 0.5],
    ]) {
      it(`${activation} vs ${name} at (${A}, ${Vt}, ${rho})`, () => {
        const a = createChannel({ name, params }).hidden(A, Vt, rho);
        const g = createChannel({
          name: "Generic",
          params: { activation, var_noise: params.var_noise },
        }).hidden(A, Vt, rho);
        close(g.Psi, a.Psi);
        close(g.V, a.V);
        close(g.A, a.A);
      });
    }
  }
});
