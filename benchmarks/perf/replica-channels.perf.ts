/**
 * Time per hidden() call of the replica interface channels (Ψ, 𝒱, 𝒜 in one pass) at the points of
 * shared/reference/replica-components.json (moderate noise) and in the small-v regime the experiments use
 * (ReLU(0)/HardTanh(0) hidden layers with Ṽ ~ 1e−5 …), against dnner's recorded time per call.
 * dnner computes 𝒱 (iter_v) and 𝒜 (iter_a) in separate nested-quadrature calls each fixed-point iteration
 * (Ψ, eval_i, once per start), so its cost per iteration is seconds(iter_v) + seconds(iter_a), taken from
 * the components fixture (packages/replica/test/fixtures/components.json) at the same (A, Ṽ, ρ̃); at the
 * small-v points dnner has no recorded time and we print the median over its recorded calls of that channel.
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

/** Median wall time of one hidden() call (fresh channel objects are not reused across points). */
function timeHidden(name: string, params: Record<string, number>, args: number[]): number {
  const ch = createChannel({ name, params });
  const [A, Vt, rho] = args;
  // Warm up the JIT, then time; perturb A slightly so nothing can be cached between calls.
  for (let i = 0; i < 3; i++) ch.hidden(A * (1 + 1e-9 * i), Vt, rho);
  const times: number[] = [];
  const t0 = performance.now();
  for (let i = 0; times.length < 25 && (times.length < 5 || performance.now() - t0 < 3000); i++) {
    const t = performance.now();
    ch.hidden(A * (1 + 1e-9 * (i + 3)), Vt, rho);
    times.push(performance.now() - t);
  }
  return median(times) / 1000;
}

const points: Array<{ name: string; params: Record<string, number>; args: number[]; label: string }> = [];
for (const e of interfaces) {
  if (e.method !== "iter_a" || e.spec.name === "Linear") continue;
  points.push({ name: e.spec.name, params: e.spec.params, args: e.args, label: "components" });
}
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

console.log("replica interface channels: time per hidden() call (Ψ, 𝒱, 𝒜) vs dnner's iter_v + iter_a");
console.log(
  ["channel", "(A, Ṽ, ρ̃)", "regime", "infoflow ms", "dnner ms", "ratio"]
    .map((s, i) => s.padEnd(i < 2 ? 30 : 12))
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
      `${p.name}${JSON.stringify(p.params)}`.padEnd(30),
      `(${p.args.join(", ")})`.padEnd(30),
      p.label.padEnd(12),
      (ours * 1000).toFixed(2).padEnd(12),
      `${(d.s * 1000).toFixed(1)}${d.exact ? "" : "*"}`.padEnd(12),
      `${ratio.toFixed(1)}×`,
    ].join(""),
  );
}
console.log(`median ratio ${median(ratios).toFixed(1)}×, min ${Math.min(...ratios).toFixed(1)}×`);
console.log("* dnner has no recorded call at this point: median of its recorded calls of this channel");
