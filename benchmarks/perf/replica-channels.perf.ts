/**
 * Time per hidden() call of the replica interface channels (Ψ, 𝒱, 𝒜 in one pass) against dnner's recorded time
 * per call, at
 *  - the points of shared/reference/replica-components.json (moderate noise), where dnner recorded iter_v and
 *    iter_a separately (its cost per fixed-point iteration is their sum; Ψ, eval_i, is paid once per start);
 *  - points the solvers visit in the big cases (Normal → HardTanh(0) → ReLU(1e−5), compute_all): the
 *    converged interface of the HardTanh layer (A·v ≈ 1.7), early sweeps (A up to 3e4, A·v up to 1e4) and the
 *    small-v regime of the hidden ReLU(0)/HardTanh(0) layers (Ṽ ~ 1e−5). dnner has no recorded call there: the
 *    median of its recorded calls of that channel stands in (marked *).
 * infoflow's time is the CPU time of the process (process.cpuUsage; a shared, loaded machine inflates wall time,
 * and dnner's times are from an idle one), median over repeated calls at slightly perturbed A (no call can reuse
 * another's result).
 * Run: pnpm bench:perf replica-channels
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createChannel } from "../../packages/replica/src/channels";

interface Entry {
  kind: string;
  spec: { name: string; params: Record<string, number> };
  method: string;
  args: number[];
  seconds: number;
}

const here = dirname(fileURLToPath(import.meta.url));
const fixture = JSON.parse(
  readFileSync(join(here, "../../packages/replica/test/fixtures/components.json"), "utf8"),
) as { entries: Entry[] };
const interfaces = fixture.entries.filter((e) => e.kind === "interface" && e.method !== "eval_rho");

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.floor(s.length / 2)];
};

/** dnner seconds for iter_v + iter_a of this channel at args (or the channel's median when not recorded). */
function dnnerSeconds(
  name: string,
  params: Record<string, number>,
  args: number[] | null,
): { s: number; exact: boolean } {
  const same = (e: Entry) => e.spec.name === name && JSON.stringify(e.spec.params) === JSON.stringify(params);
  if (args !== null) {
    const at = interfaces.filter((e) => same(e) && JSON.stringify(e.args) === JSON.stringify(args));
    const v = at.find((e) => e.method === "iter_v");
    const a = at.find((e) => e.method === "iter_a");
    if (v !== undefined && a !== undefined) return { s: v.seconds + a.seconds, exact: true };
  }
  const ofName = interfaces.filter((e) => e.spec.name === name);
  const v = median(ofName.filter((e) => e.method === "iter_v").map((e) => e.seconds));
  const a = median(ofName.filter((e) => e.method === "iter_a").map((e) => e.seconds));
  return { s: v + a, exact: false };
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Median CPU seconds of one hidden() call (a fresh channel; A perturbed so that no call is a repeat). */
function timeHidden(name: string, params: Record<string, number>, args: number[]): number {
  const ch = createChannel({ name, params });
  const [A, Vt, rho] = args;
  for (let i = 0; i < 5; i++) ch.hidden(A * (1 + 1e-9 * i), Vt, rho); // JIT warm-up
  const times: number[] = [];
  const t0 = performance.now();
  for (let i = 0; times.length < 25 && (times.length < 5 || performance.now() - t0 < 3000); i++) {
    const t = cpuMs();
    ch.hidden(A * (1 + 1e-9 * (i + 5)), Vt, rho);
    times.push(cpuMs() - t);
  }
  return median(times) / 1000;
}

const points: Array<{ name: string; params: Record<string, number>; args: number[]; label: string }> = [];
for (const e of interfaces) {
  if (e.method !== "iter_a" || e.spec.name === "Linear") continue;
  points.push({ name: e.spec.name, params: e.spec.params, args: e.args, label: "components" });
}
const solverPoints: Array<[string, Record<string, number>, number[], string]> = [
  ["HardTanh", { var_noise: 0, thres: 1 }, [4.497, 0.368, 1], "converged"],
  ["HardTanh", { var_noise: 0, thres: 1 }, [53.34, 0.0423, 1], "early"],
  ["HardTanh", { var_noise: 0, thres: 1 }, [1444, 0.0431, 1], "early"],
  ["HardTanh", { var_noise: 0, thres: 1 }, [3.348e4, 0.0915, 1], "early"],
  ["ReLU", { var_noise: 0 }, [326.4, 0.1387, 1], "early"],
  ["ReLU", { var_noise: 0 }, [25.1, 0.0408, 0.2031], "converged"],
  ["Probit", { var_noise: 0 }, [3.345e4, 0.3695, 1], "converged"],
];
for (const [name, params, args, label] of solverPoints) points.push({ name, params, args, label });
const small: Array<[string, Record<string, number>]> = [
  ["ReLU", { var_noise: 0 }],
  ["HardTanh", { var_noise: 0, thres: 1 }],
  ["LeakyReLU", { var_noise: 0, gamma: 0.1 }],
  ["Probit", { var_noise: 1e-5 }],
];
for (const [name, params] of small) {
  points.push({ name, params, args: [3e4, 1.6e-5, 1], label: "small v" });
  points.push({ name, params, args: [1e5, 1e-5, 0.5], label: "small v" });
}

console.log("replica interface channels: CPU time per hidden() call (Ψ, 𝒱, 𝒜) vs dnner's iter_v + iter_a");
console.log(
  ["channel", "(A, Ṽ, ρ̃)", "regime", "infoflow ms", "dnner ms", "ratio"]
    .map((s, i) => s.padEnd(i < 2 ? 36 : 12))
    .join(""),
);
const ratios: number[] = [];
for (const p of points) {
  const ours = timeHidden(p.name, p.params, p.args);
  const d = dnnerSeconds(p.name, p.params, p.label === "components" ? p.args : null);
  const ratio = d.s / ours;
  ratios.push(ratio);
  console.log(
    [
      `${p.name}${JSON.stringify(p.params)}`.padEnd(36),
      `(${p.args.join(", ")})`.padEnd(36),
      p.label.padEnd(12),
      (ours * 1000).toFixed(3).padEnd(12),
      `${(d.s * 1000).toFixed(1)}${d.exact ? "" : "*"}`.padEnd(12),
      `${ratio.toFixed(1)}×`,
    ].join(""),
  );
}
console.log(`median ratio ${median(ratios).toFixed(1)}×, min ${Math.min(...ratios).toFixed(1)}×`);
console.log("* dnner has no recorded call at this point: median of its recorded calls of this channel");
