/**
 * Component entries where dnner's number is wrong, with the correct value and why. Each correct value was
 * obtained by brute force from the definitions (mpmath, 30–40 digits) and is recomputed in
 * test/components-brute-force.test.ts by a code path independent of src/ (direct adaptive integration of the
 * definitions of §2.2 with numerics' gaussKronrod).
 */
import type { ComponentEntry } from "./components-fixture";

export interface Correction {
  matches(e: ComponentEntry): boolean;
  /** dnner's value, for the record. */
  dnner: number;
  correct: number;
  why: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const entry =
  (kind: string, name: string, params: Record<string, number>, method: string, args: number[]) =>
  (e: ComponentEntry) =>
    e.kind === kind &&
    e.spec.name === name &&
    same(e.spec.params, params) &&
    e.method === method &&
    same(e.args, args);

export const DNNER_CORRECTIONS: Correction[] = [
  {
    matches: entry("prior", "Bimodal", { prob: 0.5 }, "iter_v", [50]),
    dnner: 1.419998977910352e-12,
    correct: 2.404252518816518e-12,
    why:
      "𝒱_0(50) = E sech²(±50 + √50 η) ≈ 2.4e−12 is far below scipy quad's default epsabs 1.49e−8, so dnner's " +
      "quadrature stops before resolving the peak at η ≈ −7.07 (mpmath 40 digits: 2.404252518816518e−12)",
  },
  {
    matches: entry("prior", "Bimodal", { prob: 0.3 }, "iter_v", [50]),
    dnner: 1.6320004848562667e-12,
    correct: 2.199760510274952e-12,
    why: "as Bimodal(0.5): the value is below dnner's absolute tolerance (mpmath: 2.199760510274952e−12)",
  },
  {
    matches: entry("output", "HardTanh", { var_noise: 0.01, thres: 1 }, "eval_i", [0, 1]),
    dnner: 0.5583890791788544,
    correct: 0.5583889717567242,
    why:
      "§8.2: dnner integrates the atom term E_u K(u + c) over |u| ≤ 10 while the atom sits at u ≈ −c = −7.07 " +
      "with spread s = 7.07, so the tail below u = −10 is dropped (mpmath: 0.55838897175672424)",
  },
  {
    matches: entry("output", "HardTanh", { var_noise: 0.001, thres: 0.5 }, "iter_a", [0, 1]),
    dnner: 385.0744257898401,
    correct: 402.70874677341,
    why:
      "§8.2: c = T/√(2v) = 11.2 puts the atom at u ≈ −11.2, outside dnner's window |u| ≤ 10 " +
      "(mpmath: 402.70874677340997)",
  },
  {
    matches: entry("output", "HardTanh", { var_noise: 0.001, thres: 0.5 }, "eval_i", [0, 1]),
    dnner: 0.7772667989849431,
    correct: 0.7588390035918229,
    why: "§8.2, as the iter_a entry above (mpmath: 0.7588390035918229)",
  },
];
