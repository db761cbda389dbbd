/**
 * Channels (hidden and output roles) against replica-math §6.3 (derivative identities, central differences),
 * §6.4 (scalar reference values), the special cases LeakyReLU(γ = 1) = Linear and LeakyReLU(γ = 0) = ReLU,
 * and the edge cases of §4.4 (A = 0, Ṽ > ρ̃, v → 0, huge A, noiseless outputs): finite correct values or a
 * one-line ReplicaError, never a NaN.
 */
import { describe, expect, it } from "vitest";
import { createChannel, ReplicaError } from "../src/channels";
import type { Channel } from "../src/interface";

const ch = (name: string, params: Record<string, number>) =>
  createChannel({ kind: "activation", name, params });
const close = (got: number, want: number, rel: number, abs = 0) =>
  expect(Math.abs(got - want)).toBeLessThanOrEqual(rel * Math.abs(want) + abs);

const CHANNELS: Array<[string, Record<string, number>]> = [
  ["Linear", { var_noise: 0.01 }],
  ["ReLU", { var_noise: 0.01 }],
  ["ReLU", { var_noise: 0 }],
  ["LeakyReLU", { var_noise: 0.01, gamma: 0.2 }],
  ["HardTanh", { var_noise: 0.01, thres: 1 }],
  ["HardTanh", { var_noise: 0, thres: 0.5 }],
  ["Probit", { var_noise: 0.01 }],
];

describe("§6.3 hidden role: ∂Ψ/∂A = ½(ρ_next − 𝒱), ∂Ψ/∂Ṽ = −½𝒜 (central differences, step 1e−4)", () => {
  for (const [name, params] of CHANNELS) {
    for (const [A, Vt, rho] of [
      [2, 0.3, 1],
      [10, 0.05, 0.5],
    ]) {
      it(`${name}${JSON.stringify(params)} at (${A}, ${Vt}, ${rho})`, () => {
        const c = ch(name, params);
        const h0 = c.hidden(A, Vt, rho);
        const hA = 1e-4 * A;
        const hV = 1e-4 * Vt;
        const dA = (c.hidden(A + hA, Vt, rho).Psi - c.hidden(A - hA, Vt, rho).Psi) / (2 * hA);
        const dV = (c.hidden(A, Vt + hV, rho).Psi - c.hidden(A, Vt - hV, rho).Psi) / (2 * hV);
        // quadrature accuracy ~1e−12·Ψ over a step 1e−4: differences good to ~1e−7 of the scale.
        close(dA, 0.5 * (c.rhoNext(rho) - h0.V), 0, 1e-6 * (1 + Math.abs(h0.Psi)));
        close(dV, -0.5 * h0.A, 1e-6, 1e-6 * (1 + Math.abs(h0.Psi)));
      });
    }
  }
});

describe("§6.3 output role: ∂Ψ_out/∂Ṽ = −½𝒜_out", () => {
  const outs: Array<[string, Record<string, number>]> = [
    ...CHANNELS.filter(([, p]) => p.var_noise > 0),
    ["HardTanh", { var_noise: 1e-5, thres: 1 }],
    ["LeakyReLU", { var_noise: 1e-3, gamma: 0.5 }],
  ];
  for (const [name, params] of outs) {
    for (const [Vt, rho] of [
      [0.1, 1],
      [0.01, 0.5],
      [1e-4, 1],
    ]) {
      it(`${name}${JSON.stringify(params)} at (${Vt}, ${rho})`, () => {
        const c = ch(name, params);
        const h = 1e-4 * Vt;
        const d = (c.outPsi(Vt + h, rho) - c.outPsi(Vt - h, rho)) / (2 * h);
        close(d, -0.5 * c.outA(Vt, rho), 1e-6);
      });
    }
  }
});

describe("§6.4 reference values", () => {
  it("outputs (Ṽ, ρ̃) → 𝒜_out, Ψ_out (10 digits)", () => {
    const rows: Array<[string, Record<string, number>, number, number, number | null, number]> = [
      ["Linear", { var_noise: 0.01 }, 0.1, 1, 9.090909091, -0.3153010766],
      ["Linear", { var_noise: 0.01 }, 0, 1, null, 0.8836465598],
      ["Probit", { var_noise: 0.01 }, 0.1, 1, 2.135783358, -0.2368647117],
      ["Probit", { var_noise: 0.01 }, 0.01, 0.5, 7.104378512, -0.1425023093],
      ["Probit", { var_noise: 0.01 }, 0, 1, null, -0.07168082708],
      ["ReLU", { var_noise: 0.01 }, 0.1, 1, 5.613346224, -0.2760828941],
      ["ReLU", { var_noise: 0.01 }, 0.01, 0.5, 28.55218926, 0.1972853301],
      ["ReLU", { var_noise: 0.01 }, 0, 1, null, 0.4059828664],
      ["ReLU", { var_noise: 1e-5 }, 1e-4, 1, 4579.809461, 1.56550921],
      ["LeakyReLU", { var_noise: 0.01, gamma: 0.2 }, 0.1, 1, 9.090909091, 0.4894178796],
      ["HardTanh", { var_noise: 0.01, thres: 1 }, 0.1, 1, 7.309411119, -0.3488251507],
    ];
    for (const [name, params, Vt, rho, A, P] of rows) {
      const c = ch(name, params);
      if (A !== null) close(c.outA(Vt, rho), A, 1e-9);
      close(c.outPsi(Vt, rho), P, 1e-9);
    }
  });
  it("interfaces (A, Ṽ, ρ̃) → Ψ, 𝒱, 𝒜 (10 digits; dnner's values, which we match to ≥ 9 digits)", () => {
    const rows: Array<[string, Record<string, number>, [number, number, number], [number, number, number]]> =
      [
        ["Linear", { var_noise: 0.01 }, [10, 0.25, 0.5], [1.909533077, 0.07222222222, 2.777777778]],
        ["Probit", { var_noise: 0.01 }, [10, 0.25, 0.5], [4.497065005, 0.001873182562, 1.858598394]],
        ["Probit", { var_noise: 0.01 }, [2, 0.3, 1], [0.7220344085, 0.1363410537, 0.8969298619]],
        ["Probit", { var_noise: 0.01 }, [0.5, 0.05, 1], [0.2033970373, 0.156669868, 0.7816246074]],
        ["ReLU", { var_noise: 0.01 }, [10, 0.25, 0.5], [0.9739745894, 0.03840146523, 1.408573987]],
        ["ReLU", { var_noise: 0.01 }, [2, 0.3, 1], [0.3984221353, 0.0891821101, 0.5291051832]],
        ["ReLU", { var_noise: 0.01 }, [0.5, 0.05, 1], [0.119391369, 0.02707646216, 0.2167330025]],
        ["ReLU", { var_noise: 0 }, [10, 0.25, 0.5], [0.956272827, 0.03781257975, 1.439717133]],
        ["ReLU", { var_noise: 0 }, [2, 0.3, 1], [0.3961529685, 0.08724393333, 0.5351008395]],
        ["ReLU", { var_noise: 0 }, [0.5, 0.05, 1], [0.1192350517, 0.02280532414, 0.2198480312]],
        [
          "LeakyReLU",
          { var_noise: 0.01, gamma: 0.2 },
          [10, 0.25, 0.5],
          [0.9801085683, 0.04430277749, 1.710826557],
        ],
        ["LeakyReLU", { var_noise: 0, gamma: 0.2 }, [2, 0.3, 1], [0.4034027801, 0.09823708138, 0.6317694678]],
        [
          "HardTanh",
          { var_noise: 0.01, thres: 1 },
          [10, 0.25, 0.5],
          [1.348223893, 0.06255936363, 2.395015417],
        ],
        ["HardTanh", { var_noise: 0.01, thres: 1 }, [2, 0.3, 1], [0.3695882874, 0.1238762342, 0.7530915823]],
        ["HardTanh", { var_noise: 0, thres: 1 }, [2, 0.3, 1], [0.3708195658, 0.1216530809, 0.764622775]],
        ["HardTanh", { var_noise: 0, thres: 1 }, [0.5, 0.05, 1], [0.1210791609, 0.03138973414, 0.3040482311]],
      ];
    for (const [name, params, [A, Vt, rho], [P, V, Aout]] of rows) {
      const h = ch(name, params).hidden(A, Vt, rho);
      close(h.Psi, P, 1e-9);
      close(h.V, V, 1e-9);
      close(h.A, Aout, 1e-9);
    }
  });
  it("ρ propagation at ρ̃ = 0.8", () => {
    const rows: Array<[string, Record<string, number>, number]> = [
      ["Linear", { var_noise: 0.01 }, 0.81],
      ["Probit", { var_noise: 0.01 }, 1],
      ["ReLU", { var_noise: 0.01 }, 0.405],
      ["LeakyReLU", { var_noise: 0.01, gamma: 0.2 }, 0.4212],
      ["HardTanh", { var_noise: 0.01, thres: 1 }, 0.4732924701],
      ["HardTanh", { var_noise: 0, thres: 0.5 }, 0.1779089877],
    ];
    for (const [name, params, rho] of rows) close(ch(name, params).rhoNext(0.8), rho, 1e-9);
  });
});

describe("special cases of LeakyReLU", () => {
  const points: Array<[number, number, number]> = [
    [10, 0.25, 0.5],
    [0.3, 0.1, 1],
    [3e4, 1.6e-5, 1],
  ];
  it("γ = 1 is Linear (hidden to 1e−9, outputs exactly)", () => {
    for (const s2 of [0.01, 0]) {
      const l = ch("LeakyReLU", { var_noise: s2, gamma: 1 });
      const lin = ch("Linear", { var_noise: s2 });
      for (const [A, Vt, rho] of points) {
        const a = l.hidden(A, Vt, rho);
        const b = lin.hidden(A, Vt, rho);
        close(a.Psi, b.Psi, 1e-9);
        close(a.V, b.V, 1e-9);
        close(a.A, b.A, 1e-9);
      }
      close(l.rhoNext(0.7), lin.rhoNext(0.7), 1e-15);
    }
    const l = ch("LeakyReLU", { var_noise: 0.01, gamma: 1 });
    const lin = ch("Linear", { var_noise: 0.01 });
    close(l.outA(0.1, 1), lin.outA(0.1, 1), 1e-15);
    close(l.outPsi(0.1, 1), lin.outPsi(0.1, 1), 1e-15);
  });
  it("γ = 0 is ReLU (hidden to 1e−9, outputs exactly)", () => {
    for (const s2 of [0.01, 0]) {
      const l = ch("LeakyReLU", { var_noise: s2, gamma: 0 });
      const r = ch("ReLU", { var_noise: s2 });
      for (const [A, Vt, rho] of points) {
        const a = l.hidden(A, Vt, rho);
        const b = r.hidden(A, Vt, rho);
        close(a.Psi, b.Psi, 1e-9);
        close(a.V, b.V, 1e-9);
        close(a.A, b.A, 1e-9);
      }
    }
    const l = ch("LeakyReLU", { var_noise: 0.01, gamma: 0 });
    const r = ch("ReLU", { var_noise: 0.01 });
    close(l.outA(0.1, 1), r.outA(0.1, 1), 1e-15);
    close(l.outPsi(0.1, 1), r.outPsi(0.1, 1), 1e-15);
  });
});

describe("edge cases (§4.4): finite and correct, or a one-line error saying why", () => {
  const finite = (h: { Psi: number; V: number; A: number }) =>
    expect([h.Psi, h.V, h.A].every((x) => Number.isFinite(x))).toBe(true);

  it("A = 0: Ψ = 𝒜 = 0 and 𝒱 = E Var(φ(h) | ω)", () => {
    // Linear: Var(h | ω) = v.
    expect(ch("Linear", { var_noise: 0.01 }).hidden(0, 0.3, 1)).toEqual({ Psi: 0, V: 0.31, A: 0 });
    // Probit at m = 0 (Ṽ = ρ̃): t = sign(h), h ~ N(0, v), so Var = 1.
    const p = ch("Probit", { var_noise: 0.01 }).hidden(0, 1, 1);
    expect([p.Psi, p.A]).toEqual([0, 0]);
    close(p.V, 1, 1e-12);
    // ReLU(0) at Ṽ = ρ̃ = 1: Var(max(h, 0)), h ~ N(0, 1) = ½ − 1/(2π).
    close(ch("ReLU", { var_noise: 0 }).hidden(0, 1, 1).V, 0.5 - 1 / (2 * Math.PI), 1e-12);
  });

  it("Ṽ > ρ̃ clips m to 0: same values as Ṽ = ρ̃ at the same v", () => {
    // v = σ² + Ṽ must match: compare (σ² = 0.01, Ṽ = 1.2, ρ̃ = 1) with (σ² = 0.21, Ṽ = 1, ρ̃ = 1).
    for (const name of ["ReLU", "HardTanh", "Probit"]) {
      const a = ch(name, { var_noise: 0.01 }).hidden(2, 1.2, 1);
      const b = ch(name, { var_noise: 0.21 }).hidden(2, 1, 1);
      close(a.Psi, b.Psi, 1e-12);
      close(a.V, b.V, 1e-12);
      close(a.A, b.A, 1e-12);
    }
  });

  it("v → 0: continuous φ tend to the deterministic limit; v = 0 returns it", () => {
    // ReLU(0) at Ṽ = 0: Ψ = A·E[max(ω,0)²]/2 = A ρ̃/4, 𝒱 = 0, 𝒜 = A·P(ω > 0) = A/2.
    const r = ch("ReLU", { var_noise: 0 });
    expect(r.hidden(2, 0, 1)).toEqual({ Psi: 0.5, V: 0, A: 1 });
    const near = r.hidden(2, 1e-12, 1);
    close(near.Psi, 0.5, 1e-9);
    close(near.A, 1, 1e-5); // the correction is O(√v)
    expect(near.V).toBeLessThan(1e-11);
    const ht = ch("HardTanh", { var_noise: 0, thres: 1 });
    const lim = ht.hidden(2, 0, 1);
    const h = ht.hidden(2, 1e-12, 1);
    close(h.Psi, lim.Psi, 1e-9);
    close(h.A, lim.A, 1e-5);
  });

  it("noiseless sign: 𝒜 is infinite at v = 0 (error), finite for any v > 0", () => {
    const p = ch("Probit", { var_noise: 0 });
    expect(() => p.hidden(2, 0, 1)).toThrow(ReplicaError);
    expect(() => p.hidden(2, 0, 1)).toThrow(/Probit\(0\): 𝒜 is infinite at σ² \+ Ṽ = 0/);
    finite(p.hidden(2, 1e-14, 1));
  });

  it("huge and tiny A stay finite", () => {
    for (const [name, params] of CHANNELS) {
      const c = ch(name, params);
      finite(c.hidden(1e8, 1e-6, 1));
      finite(c.hidden(1e-8, 0.3, 1));
      const h = c.hidden(1e-8, 0.3, 1);
      expect(Math.abs(h.Psi)).toBeLessThan(1e-7);
    }
  });

  it("noiseless outputs: sign has the finite discrete limit Ψ_out = 0; continuous ones throw saying why", () => {
    expect(ch("Probit", { var_noise: 0 }).outPsi(0, 1)).toBe(0);
    expect(() => ch("Probit", { var_noise: 0 }).outA(0, 1)).toThrow(/𝒜_out is infinite/);
    for (const [name, params] of [
      ["Linear", { var_noise: 0 }],
      ["ReLU", { var_noise: 0 }],
      ["HardTanh", { var_noise: 0, thres: 1 }],
      ["LeakyReLU", { var_noise: 0, gamma: 0.5 }],
    ] as Array<[string, Record<string, number>]>) {
      const c: Channel = ch(name, params);
      expect(() => c.outPsi(0, 1)).toThrow(ReplicaError);
      expect(() => c.outPsi(0, 1)).toThrow(/infinite at σ² \+ Ṽ = 0/);
      // with Ṽ > 0 the same output is finite
      expect(Number.isFinite(c.outPsi(0.1, 1))).toBe(true);
    }
  });

  it("withNoise returns a new channel with the other noise, the original unchanged", () => {
    const c = ch("ReLU", { var_noise: 0.01 });
    const d = c.withNoise(1e-5);
    expect([c.varNoise, d.varNoise]).toEqual([0.01, 1e-5]);
    close(d.outA(1e-4, 1), 4579.809461, 1e-9);
  });

  it("bad parameters: one-line ReplicaError naming the field", () => {
    expect(() => ch("ReLU", { var_noise: -1 })).toThrow(/ReLU: parameter "var_noise" must be ≥ 0, got -1/);
    expect(() => ch("HardTanh", { var_noise: 0, thres: 0 })).toThrow(
      /HardTanh: parameter "thres" must be > 0/,
    );
    expect(() => ch("LeakyReLU", { var_noise: 0 })).toThrow(/LeakyReLU: missing parameter "gamma"/);
    expect(() => ch("Tanh", { var_noise: 0 })).toThrow(/activation: unknown name "Tanh"/);
  });
});
