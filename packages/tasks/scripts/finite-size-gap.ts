/**
 * Measure the finite-size gap of the replica truth for linear-Gaussian teachers (README "Finite-size
 * caveat"): for each configuration, n₀ and seed, the exact log-det I(X;T_L)/n₀, the replica value on
 * the drawn spectra and the n₀ → ∞ replica value. Rows are appended to a JSONL file as they finish
 * and skipped on a rerun (kill and restart loses nothing); the summary table is printed at the end.
 *
 *   pnpm --filter @infoflow/tasks finite-size [--out FILE] [--n0 10,30,100,300,1000] [--seeds 1,2,3]
 */
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { linearGaussianFiniteSizeGap } from "../src/teacher/linearGaussianFiniteSizeGap";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const out = option("out", new URL("../results/finite-size-gap.jsonl", import.meta.url).pathname);
const n0s = option("n0", "10,30,100,300,1000").split(",").map(Number);
const seeds = option("seeds", "1,2,3").split(",").map(Number);
const varNoise = 0.01;
const configs = [
  { name: "1 layer, α = 1", alphas: [1] },
  { name: "2 layers, α = (1, 1)", alphas: [1, 1] },
];

interface Row {
  config: string;
  n0: number;
  seed: number;
  exact: number;
  gapEmpirical: number;
  gapLimit: number;
  seconds: number;
}

const done = new Map<string, Row>();
if (existsSync(out)) {
  for (const line of readFileSync(out, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    const r = JSON.parse(line) as Row;
    done.set(`${r.config}|${r.n0}|${r.seed}`, r);
  }
}

for (const c of configs) {
  for (const n0 of n0s) {
    for (const seed of seeds) {
      const key = `${c.name}|${n0}|${seed}`;
      if (done.has(key)) continue;
      const t0 = performance.now();
      const [r] = linearGaussianFiniteSizeGap({ n0s: [n0], alphas: c.alphas, varNoise, seeds: [seed] });
      const row: Row = {
        config: c.name,
        n0,
        seed,
        exact: r.exact,
        gapEmpirical: r.gapEmpirical,
        gapLimit: r.gapLimit,
        seconds: (performance.now() - t0) / 1000,
      };
      appendFileSync(out, `${JSON.stringify(row)}\n`);
      done.set(key, row);
      console.log(
        `${c.name}  n0 = ${n0}  seed ${seed}: exact ${r.exact.toFixed(6)}  gap(drawn) ${r.gapEmpirical.toExponential(2)}  gap(limit) ${r.gapLimit.toExponential(2)}  (${row.seconds.toFixed(1)} s)`,
      );
    }
  }
}

const fmt = (v: number) => (Math.abs(v) < 1e-12 ? "< 1e-12" : v.toExponential(1));
const meanSd = (v: number[]) => {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, v.length - 1));
  return { m, sd };
};
// The table summarises every row in the file (all seeds run so far), per network and n₀.
console.log(
  "\n| network | n₀ | seeds | exact I/n₀ (nats) | replica(drawn) − exact: rms | replica(n₀→∞) − exact: rms |",
);
console.log("|---|---|---|---|---|---|");
const rms = (v: number[]) => Math.sqrt(v.reduce((a, b) => a + b * b, 0) / v.length);
for (const c of configs) {
  const sizes = [...new Set([...done.values()].filter((r) => r.config === c.name).map((r) => r.n0))].sort(
    (a, b) => a - b,
  );
  for (const n0 of sizes) {
    const rows = [...done.values()].filter((r) => r.config === c.name && r.n0 === n0);
    const exact = meanSd(rows.map((r) => r.exact));
    console.log(
      `| ${c.name} | ${n0} | ${rows.length} | ${exact.m.toFixed(4)} ± ${exact.sd.toFixed(4)} | ${fmt(rms(rows.map((r) => r.gapEmpirical)))} | ${fmt(rms(rows.map((r) => r.gapLimit)))} |`,
    );
  }
}
