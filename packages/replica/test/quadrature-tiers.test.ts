/**
 * Inexact sweeps (solvers/run.ts `ConvergenceMonitor.sweepAccuracy`): far from its fixed point a robust-mode solver asks the hidden
 * layers for SCREENING_ACCURACY, and the piecewise channels answer with SCREENING_QUADRATURE (the Generic channel
 * with GENERIC_SCREENING).
 *  1. The screening quadrature against the full one on seeded random points of every piecewise activation
 *     (A over 1e−3…1e10, noiseless and noisy, Ṽ from ρ̃ down to 1e−6·ρ̃): Ψ, 𝒱, 𝒜 within 1e−6 relative, or within 1e−19
 *     of their scale when below 1e−13 of it (a tenth of the promised 1e−5; the largest seen over 560
 *     such points was 6.2e−7), with at least 2× fewer integrand evaluations in total.
 *  2. The Generic channel's GENERIC_SCREENING against GENERIC_FULL at points where coarser settings failed.
 *  3. Every reference case (robust mode): the same entropy, MI and MMSE with and without `exactSweeps`.
 *  4. Both solvers, inexact and exact, on Normal → HardTanh(0) → ReLU(1e−5): the same fixed point (1e−9 relative)
 *     and entropy (1e−12), the inexact run screening its early sweeps only.
 */
import { createRng } from "@infoflow/numerics";
import { describe, expect, it } from "vitest";
import {
  computeAllLayers,
  computeEntropy,
  createChannel,
  createEnsemble,
  createPrior,
  networkSpecSchema,
  type ReplicaResult,
  replicaCaseSchema,
} from "../src";
import { caseOptions } from "../src/api/cases";
import { namedActivation } from "../src/channels/generic";
import { hardTanhActivation } from "../src/channels/hardtanh";
import { leakyReluActivation } from "../src/channels/leaky-relu";
import type { PiecewiseActivation } from "../src/channels/piecewise-channel";
import { probitActivation } from "../src/channels/probit";
import { reluActivation } from "../src/channels/relu";
import { GENERIC_FULL, GENERIC_SCREENING, GenericInterface } from "../src/integrals/generic-interface";
import { InterfaceQuadrature, SCREENING_QUADRATURE } from "../src/integrals/interface-quadrature";
import { type Channel, type HiddenValues, SCREENING_ACCURACY } from "../src/interface";
import { runFixedPoint } from "../src/solvers/fixed-point-iteration";
import { buildNetwork } from "../src/solvers/network";
import { potential } from "../src/solvers/potential";
import type { SolverOptions } from "../src/solvers/run";
import { runVamp } from "../src/solvers/vamp-state-evolution";
import fixture from "./fixtures/replica-cases.json";

const ACTIVATIONS: Array<[string, PiecewiseActivation]> = [
  ["ReLU", reluActivation],
  ["LeakyReLU(0.1)", leakyReluActivation(0.1)],
  ["HardTanh(1)", hardTanhActivation(1)],
  ["Probit", probitActivation],
];

describe("the screening quadrature (SCREENING_QUADRATURE) against the full one", () => {
  for (const [name, act] of ACTIVATIONS) {
    it(`${name}: Ψ, 𝒱, 𝒜 within 1e−6 relative on 40 random points, ≥ 2× fewer evaluations`, () => {
      const engine = (o: object) =>
        new InterfaceQuadrature(act.pieces, act.kernel(), act.pieceWeight, { ...act.quadrature, ...o });
      const full = engine({});
      const screen = engine(SCREENING_QUADRATURE);
      const rng = createRng(20261130);
      let worst = 0;
      let where = "";
      for (let p = 0; p < 40; p++) {
        const A = 10 ** (-3 + 13 * rng.uniform());
        const rhoT = 0.1 + 3 * rng.uniform();
        const noise = rng.uniform() < 0.4 ? 0 : 10 ** (-6 + 6 * rng.uniform());
        const Vt = rhoT * 10 ** (-6 * rng.uniform());
        const v = noise + Vt;
        if (v === 0) continue;
        const m = Math.max(rhoT - Vt, 0);
        const rhoNext = act.secondMoment(v + m);
        const scale = Float64Array.from([1 + 0.5 * A * rhoNext, rhoNext, 1 + A]);
        const want = Array.from(full.compute(A, v, m, scale));
        const got = screen.compute(A, v, m, scale);
        for (let c = 0; c < 3; c++) {
          // relative; an average below 1e−13 of its scale is compared on that scale (Probit's 𝒱 ~ 1e−16 at
          // A ≈ 66 comes out 4e−6 apart, 4e−21 absolute; the full engine's own floor is 1e−17 of the scale)
          const err = Math.abs(got[c] - want[c]) / Math.max(Math.abs(want[c]), 1e-13 * scale[c]);
          if (err > worst) {
            worst = err;
            where = `component ${c} at A=${A}, v=${v}, m=${m}: ${got[c]} vs ${want[c]}`;
          }
        }
      }
      expect(worst, where).toBeLessThanOrEqual(SCREENING_ACCURACY / 10);
      expect(screen.stats.evaluations).toBeLessThanOrEqual(full.stats.evaluations / 2);
    });
  }
});

describe("the Generic channel's screening settings (GENERIC_SCREENING) against the full ones", () => {
  // points where a coarser B rule (12 or 16 Gauss–Legendre nodes per panel) missed 3e−4 … 5e−6 of Ψ, and
  // ordinary ones; over 48 random points (tanh, sigmoid, relu, hardtanh) the largest difference was 1.4e−7
  const points: Array<[string, number, number, number]> = [
    ["tanh", 5.25e5, 9.03e-4, 1.81],
    ["tanh", 255, 0.0201, 2.2],
    ["tanh", 0.597, 0.804, 1.26],
    ["relu", 2.63e4, 0.036, 2.68],
    ["relu", 33.4, 0.166, 0.537],
    ["sigmoid", 5.6e4, 0.0333, 1.1],
  ];
  for (const [name, A, v, m] of points) {
    it(`${name} at (A, v, m) = (${A}, ${v}, ${m}): Ψ, 𝒱, 𝒜 within 1e−6 relative`, () => {
      const a = namedActivation(name);
      const act = { phi: a.phi, breakpoints: a.breakpoints ?? [] };
      const want = Array.from(new GenericInterface(act, GENERIC_FULL).compute(A, v, m));
      const got = new GenericInterface(act, GENERIC_SCREENING).compute(A, v, m);
      for (let c = 0; c < 3; c++) {
        expect(Math.abs(got[c] - want[c]), `component ${c}`).toBeLessThanOrEqual(
          (SCREENING_ACCURACY / 10) * Math.abs(want[c]),
        );
      }
    });
  }
});

/** The channel with a log of the accuracy of every hidden() call. */
function logged(channel: Channel, log: Array<number | undefined>): Channel {
  return {
    ...channel,
    hidden(A: number, Vt: number, rhoT: number, accuracy?: number): HiddenValues {
      log.push(accuracy);
      return channel.hidden(A, Vt, rhoT, accuracy);
    },
  };
}

describe("inexact sweeps reach the exact sweeps' fixed point", () => {
  const layer = (name: string, varNoise: number) =>
    createChannel({ kind: "activation", name, params: { var_noise: varNoise } });
  const build = (log: Array<number | undefined>) =>
    buildNetwork(
      createPrior({ kind: "prior", name: "Normal", params: { mean: 0, var: 1 } }),
      [logged(layer("HardTanh", 0), log), layer("ReLU", 1e-5)],
      [
        createEnsemble({ ensemble: "Gaussian", alpha: 1.5 }),
        createEnsemble({ ensemble: "Gaussian", alpha: 2 / 3 }),
      ],
    );
  const base: SolverOptions = {
    maxIter: 1000,
    tol: 1e-11,
    relTol: 1e-9,
    accelerate: true,
    fixedV: [false, false],
  };
  for (const [solver, run] of [
    ["fixed-point iteration", runFixedPoint],
    ["ML-VAMP", runVamp],
  ] as const) {
    it(`${solver} from dnner's δ start`, () => {
      const exactLog: Array<number | undefined> = [];
      const inexactLog: Array<number | undefined> = [];
      const netE = build(exactLog);
      const netI = build(inexactLog);
      const exact = run(netE, { v0: [1e-10, 1e-10] }, { ...base, inexact: false });
      const inexact = run(netI, { v0: [1e-10, 1e-10] }, { ...base, inexact: true });
      expect(exact.converged && inexact.converged).toBe(true);
      for (const k of ["v", "a", "vIn", "aIn", "theta"] as const) {
        for (let i = 0; i < 2; i++) {
          const want = exact.state[k][i];
          expect(Math.abs(inexact.state[k][i] - want), `${k}[${i}]`).toBeLessThanOrEqual(
            1e-9 * Math.abs(want),
          );
        }
      }
      expect(Math.abs(potential(netI, inexact.state) - potential(netE, exact.state))).toBeLessThanOrEqual(
        1e-12,
      );
      // the exact run never screens; the inexact one screens its first sweeps and ends exact
      expect(exactLog.every((a) => a === undefined)).toBe(true);
      expect(inexactLog[0]).toBe(SCREENING_ACCURACY);
      expect(inexactLog.at(-1)).toBeUndefined();
      expect(inexactLog.filter((a) => a !== undefined).length).toBeGreaterThanOrEqual(4);
    });
  }
});

describe("every reference case: inexact sweeps give the exact sweeps' values", () => {
  const run = (raw: unknown, exactSweeps: boolean): ReplicaResult[] | string => {
    try {
      // (a few reference cases are invalid specs: both runs must fail alike)
      const c = replicaCaseSchema.parse(raw);
      const spec = networkSpecSchema.parse({ layers: c.layers, weights: c.weights });
      const options = { ...caseOptions(c.options, "robust"), exactSweeps };
      return c.call === "compute_all" ? computeAllLayers(spec, options) : [computeEntropy(spec, options)];
    } catch (e) {
      return (e as Error).message;
    }
  };
  it("entropy and MI to 1e−10, MMSE to 1e−8 (relative), the same errors and convergence flags", () => {
    for (const raw of fixture as Array<{ id: string }>) {
      const exact = run(raw, true);
      const inexact = run(raw, false);
      if (typeof exact === "string" || typeof inexact === "string") {
        expect(inexact, raw.id).toEqual(exact);
        continue;
      }
      expect(inexact.length, raw.id).toBe(exact.length);
      exact.forEach((e, i) => {
        const g = inexact[i];
        const what = `${raw.id} layer ${i + 1}`;
        expect(Math.abs(g.entropy - e.entropy), `${what} entropy`).toBeLessThanOrEqual(
          1e-10 * Math.max(1, Math.abs(e.entropy)),
        );
        expect(Math.abs(g.mi - e.mi), `${what} mi`).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(e.mi)));
        expect(Math.abs(g.mmse - e.mmse), `${what} mmse`).toBeLessThanOrEqual(1e-8 * Math.abs(e.mmse));
        expect(g.diagnostics.converged, `${what} converged`).toBe(e.diagnostics.converged);
      });
    }
  });
});
