/**
 * Experiment 1 (Gabrié et al., NeurIPS 2018, Figure 2; shared/docs/replica-math.md §7.6): entropy of the
 * last layer of random two-layer networks against the weight scale σ, by the replica formula, next to the
 * exact linear-activation reference and to non-parametric estimators on samples of the same networks.
 *
 * Networks (dnner's names): Normal(0,1) → ReLU(0) → ReLU(1e-5) and Normal(0,1) → HardTanh(0) →
 * HardTanh(1e-5), square n0 × n0 weights σ·G/√n0 (the same G for every σ: the teacher's seed is fixed and
 * the scale only multiplies it), noise added before the activation as in the replica model. Reference:
 * the linear chain Normal → Linear(0) → Linear(1e-5) on the same matrices, exact by log-det
 * (½·mean_k log(Δ + σ⁴s_k²) + ½·log 2πe, s_k the singular values of G₂G₁/n0) and by the replica formula.
 *
 * Values per input unit, nats (H(T₂)/n0, I(X;T₂)/n0). The replica value of every chain uses the empirical
 * spectra of the drawn matrices (`teacherNetwork(...).truth(2)`). Estimators see N samples of (X, T₂):
 * Kozachenko–Leonenko entropy (kl, k = 3), the Kolchinsky–Tracey pairwise bounds on H(T₂ + N(0, Δ)) with
 * Δ = 1e-5 (kde-upper/lower; as bounds on I(X;T₂) after subtracting n0/2·log(2πeΔ)), and KSG-1 I(X;T₂).
 * A narrow network (n0 = 20) is run through the same estimators to show where they do work.
 *
 * dnner's Demo notebook value for the HardTanh chain, −0.7916758921, comes from numpy's seed-42 matrices;
 * with the HardTanh-output window fixed it is −0.7897560826 (replica-math §8.2). We compute the same
 * chains on the deterministic Marchenko–Pastur quantile spectrum (n0 = 1000, USV ensemble), which is the
 * typical value up to O(1/n0) fluctuations, at the Demo's σ ∈ logspace(−1, 1, 5).
 *
 * `pnpm tsx benchmarks/experiments/01-random-network-entropy/run.ts [--full] [--fresh]`
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createEstimator, pairwiseBounds } from "../../../packages/estimators/src/index";
import { brentRoot } from "../../../packages/numerics/src/index";
import { computeMutualInformation, type NetworkSpec } from "../../../packages/replica/src/index";
import { type TeacherTask, teacherNetwork } from "../../../packages/tasks/src/index";
import { experimentArgs } from "../lib/cli";
import { fmt, type PlotSpec, runHeader, sci, since, table, writePlot } from "../lib/report";
import { openStore } from "../lib/store";

const args = experimentArgs(import.meta.url);
const logspace = (a: number, b: number, n: number) =>
  Array.from({ length: n }, (_, k) => 10 ** (a + ((b - a) * k) / (n - 1)));
const size = args.full
  ? {
      n0: 1000,
      sigmas: logspace(-1, 1, 41),
      estSigmas: logspace(-1, 1, 9),
      N: [500, 1000, 2000, 5000],
      narrowN: [100, 1000, 10000],
    }
  : {
      n0: 500,
      sigmas: logspace(-1, 1, 13),
      estSigmas: logspace(-1, 1, 5),
      N: [200, 1000],
      narrowN: [100, 1000, 5000],
    };
const NARROW = 20;
const DELTA = 1e-5;
const TASK_SEED = 2018;
const SAMPLE_SEED = 7;
const DEMO_SIGMAS = logspace(-1, 1, 5);
type Chain = "ReLU" | "HardTanh" | "Linear";
const CHAINS: Chain[] = ["ReLU", "HardTanh", "Linear"];
const key = (...parts: (string | number)[]) => parts.join(" ");

/** The two-layer teacher of a chain at weight scale σ (same G for every σ: fixed seed). */
function network(chain: Chain, sigma: number, n0: number): TeacherTask {
  const layer = (varNoise: number) => ({
    activation: chain,
    varNoise,
    weights: { ensemble: "gaussian" as const, scale: sigma },
  });
  return teacherNetwork({ n0, seed: TASK_SEED, layers: [layer(0), layer(DELTA)] });
}

interface ReplicaRow {
  chain: Chain;
  sigma: number;
  n0: number;
  entropy: number;
  mi: number;
  exactEntropy?: number;
  exactMi?: number;
  scheme: string;
  converged: boolean;
  residual: number;
  seconds: number;
}

function replicaRow(chain: Chain, sigma: number, n0: number): ReplicaRow {
  const task = network(chain, sigma, n0);
  const t0 = performance.now();
  const truth = task.truth(2);
  const seconds = since(t0);
  const d = truth.diagnostics as { scheme: string; converged: boolean; residual: number };
  const exact = task.exactLinearGaussian?.(2);
  return {
    chain,
    sigma,
    n0,
    entropy: truth.perUnit.entropy,
    mi: truth.perUnit.mi,
    ...(exact ? { exactEntropy: exact.entropy / n0, exactMi: exact.mutualInformation / n0 } : {}),
    scheme: d.scheme,
    converged: d.converged,
    residual: d.residual,
    seconds,
  };
}

interface EstimateRow {
  chain: Chain;
  sigma: number;
  n0: number;
  N: number;
  estimator: string;
  quantity: "entropy" | "mi";
  value: number;
  seconds: number;
}

function estimateRows(chain: Chain, sigma: number, n0: number, N: number): EstimateRow[] {
  const task = network(chain, sigma, n0);
  const { x, y } = task.sample(N, SAMPLE_SEED);
  const rows: EstimateRow[] = [];
  const push = (estimator: string, quantity: "entropy" | "mi", f: () => number) => {
    const t0 = performance.now();
    let value: number;
    try {
      value = f();
    } catch (err) {
      console.warn(
        `[01] ${chain} σ=${fmt(sigma, 3)} n0=${n0} N=${N} ${estimator}: ${(err as Error).message}`,
      );
      value = Number.NaN;
    }
    rows.push({ chain, sigma, n0, N, estimator, quantity, value: value / n0, seconds: since(t0) });
  };
  const kl = createEstimator("kl", { k: 3 });
  const ksg = createEstimator("ksg1", { k: 3 });
  if (kl.kind !== "entropy" || ksg.kind !== "mi") throw new Error("estimator registry: kl/ksg1 changed kind");
  push("kl", "entropy", () => kl.entropy(y).value);
  let kde: ReturnType<typeof pairwiseBounds> | undefined;
  const bounds = () => {
    kde ??= pairwiseBounds(y, { variance: DELTA, threads: 2 });
    return kde;
  };
  push("kde-upper", "entropy", () => bounds().entropy.upper);
  push("kde-lower", "entropy", () => bounds().entropy.lower);
  push("kde-upper", "mi", () => bounds().mutualInformationX.upper);
  push("kde-lower", "mi", () => bounds().mutualInformationX.lower);
  push("ksg1", "mi", () => ksg.estimate(x, y).value);
  return rows;
}

// Marchenko–Pastur (α = 1) quantiles: with λ = 4·sin²θ the CDF is (2θ + sin 2θ)/π (closed form).
function mpQuantileSingularValues(n: number): number[] {
  return Array.from({ length: n }, (_, k) => {
    const p = (k + 0.5) / n;
    const { x: theta } = brentRoot((t) => (2 * t + Math.sin(2 * t)) / Math.PI - p, 0, Math.PI / 2, {
      xtol: 1e-15,
    });
    return 2 * Math.sin(theta);
  });
}

function demoSpec(chain: Chain, sigma: number, s: number[]): NetworkSpec {
  const act = (v: number) =>
    chain === "HardTanh"
      ? { kind: "activation" as const, name: chain, params: { var_noise: v, thres: 1 } }
      : { kind: "activation" as const, name: chain, params: { var_noise: v } };
  const usv = { ensemble: "USV" as const, alpha: 1, singularValues: s.map((v) => sigma * v) };
  return {
    layers: [{ kind: "prior", name: "Normal", params: { mean: 0, var: 1 } }, act(0), act(DELTA)],
    weights: [usv, usv],
  } as NetworkSpec;
}

const t0 = performance.now();
const store = openStore<unknown>(join(args.outDir, "results.jsonl"), args.fresh);

// 1. replica (and exact linear) curves on the σ grid
const replica: ReplicaRow[] = [];
for (const chain of CHAINS) {
  for (const sigma of size.sigmas) {
    const k = key("replica", chain, sigma, size.n0);
    if (!store.has(k)) store.put(k, replicaRow(chain, sigma, size.n0));
    const r = store.get(k) as ReplicaRow;
    replica.push(r);
    console.log(
      `[01] replica ${chain} σ=${fmt(sigma, 3)}: H/n0=${fmt(r.entropy, 6)} I/n0=${fmt(r.mi, 6)} (${r.scheme}, ${fmt(r.seconds, 1)} s)`,
    );
  }
}
// 2. the Demo comparison on the Marchenko–Pastur quantile spectrum
const mp = mpQuantileSingularValues(1000);
const demo: { chain: Chain; sigma: number; entropy: number; converged: boolean }[] = [];
for (const chain of ["ReLU", "HardTanh"] as Chain[]) {
  for (const sigma of DEMO_SIGMAS) {
    const k = key("demo", chain, sigma);
    if (!store.has(k)) {
      const r = computeMutualInformation(demoSpec(chain, sigma, mp));
      store.put(k, { chain, sigma, entropy: r.entropy, converged: r.diagnostics.converged });
    }
    demo.push(store.get(k) as (typeof demo)[number]);
  }
}
// 3. estimators on samples (wide: the paper's width; narrow: n0 = 20) and the narrow replica values
const estimates: EstimateRow[] = [];
const narrowReplica: ReplicaRow[] = [];
const jobs: Array<{ chain: Chain; sigma: number; n0: number; N: number }> = [];
for (const chain of CHAINS)
  for (const sigma of size.estSigmas) {
    for (const N of size.N) jobs.push({ chain, sigma, n0: size.n0, N });
    for (const N of size.narrowN) jobs.push({ chain, sigma, n0: NARROW, N });
    const k = key("replica", chain, sigma, NARROW);
    if (!store.has(k)) store.put(k, replicaRow(chain, sigma, NARROW));
    narrowReplica.push(store.get(k) as ReplicaRow);
  }
for (const [i, j] of jobs.entries()) {
  const k = key("estimates", j.chain, j.sigma, j.n0, j.N);
  if (!store.has(k)) store.put(k, estimateRows(j.chain, j.sigma, j.n0, j.N));
  estimates.push(...(store.get(k) as EstimateRow[]));
  console.log(
    `[01] estimators ${i + 1}/${jobs.length} (${j.chain} σ=${fmt(j.sigma, 3)} n0=${j.n0} N=${j.N})`,
  );
}

// ---- report ----
const truthOf = (chain: Chain, sigma: number, n0: number): ReplicaRow | undefined =>
  (n0 === NARROW ? narrowReplica : replica).find(
    (r) => r.chain === chain && r.n0 === n0 && Math.abs(r.sigma - sigma) < 1e-12 * sigma,
  );
const truthValue = (r: ReplicaRow, q: "entropy" | "mi") =>
  r.chain === "Linear"
    ? q === "entropy"
      ? r.exactEntropy!
      : r.exactMi!
    : q === "entropy"
      ? r.entropy
      : r.mi;

const curveRows = replica.flatMap((r) => [
  { chain: r.chain, sigma: r.sigma, q: "H(T₂)/n₀", series: "replica", value: r.entropy },
  { chain: r.chain, sigma: r.sigma, q: "I(X;T₂)/n₀", series: "replica", value: r.mi },
  ...(r.chain !== "Linear"
    ? []
    : [
        { chain: r.chain, sigma: r.sigma, q: "H(T₂)/n₀", series: "exact log-det", value: r.exactEntropy },
        { chain: r.chain, sigma: r.sigma, q: "I(X;T₂)/n₀", series: "exact log-det", value: r.exactMi },
      ]),
]);
// the linear reference curve drawn in every panel, as in the paper's figure
const linearRef = replica
  .filter((r) => r.chain === "Linear")
  .flatMap((r) =>
    (["ReLU", "HardTanh"] as Chain[]).flatMap((chain) => [
      { chain, sigma: r.sigma, q: "H(T₂)/n₀", series: "linear (exact)", value: r.exactEntropy },
      { chain, sigma: r.sigma, q: "I(X;T₂)/n₀", series: "linear (exact)", value: r.exactMi },
    ]),
  );
const pointRows = estimates
  .filter((e) => e.n0 === size.n0 && Number.isFinite(e.value))
  .map((e) => ({
    chain: e.chain,
    sigma: e.sigma,
    q: e.quantity === "entropy" ? "H(T₂)/n₀" : "I(X;T₂)/n₀",
    series: e.estimator,
    N: e.N,
    value: e.value,
  }));
const SERIES = ["replica", "exact log-det", "linear (exact)", "kl", "kde-upper", "kde-lower", "ksg1"];
const COLOURS = ["#000000", "#e6550d", "#969696", "#3182bd", "#31a354", "#a1d99b", "#756bb1"];
function panelPlot(title: string, n0: number, curves: object[], points: object[]): PlotSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    data: { values: [...curves, ...points] },
    facet: {
      row: { field: "q", type: "nominal", title: null },
      column: { field: "chain", type: "nominal", title: null, sort: CHAINS },
    },
    resolve: { scale: { y: "independent" } },
    spec: {
      width: 230,
      height: 190,
      layer: [
        {
          transform: [{ filter: "datum.N == null" }],
          mark: { type: "line", strokeWidth: 1.5 },
          encoding: {
            x: { field: "sigma", type: "quantitative", scale: { type: "log" }, title: "weight scale σ" },
            y: { field: "value", type: "quantitative", title: `nats per unit (n₀ = ${n0})` },
            color: {
              field: "series",
              type: "nominal",
              title: null,
              scale: { domain: SERIES, range: COLOURS },
            },
          },
        },
        {
          transform: [{ filter: "datum.N != null" }],
          mark: { type: "point", filled: true, size: 40 },
          encoding: {
            x: { field: "sigma", type: "quantitative", scale: { type: "log" } },
            y: { field: "value", type: "quantitative" },
            color: {
              field: "series",
              type: "nominal",
              title: null,
              scale: { domain: SERIES, range: COLOURS },
            },
            shape: { field: "N", type: "nominal", title: "samples N" },
          },
        },
      ],
    },
  };
}
await writePlot(
  args.outDir,
  "entropy-vs-sigma.svg",
  panelPlot(
    `Random two-layer networks, n₀ = ${size.n0}: replica vs estimators`,
    size.n0,
    [...curveRows, ...linearRef],
    pointRows,
  ),
);
const narrowCurves = narrowReplica.flatMap((r) => [
  { chain: r.chain, sigma: r.sigma, q: "H(T₂)/n₀", series: "replica", value: truthValue(r, "entropy") },
  { chain: r.chain, sigma: r.sigma, q: "I(X;T₂)/n₀", series: "replica", value: truthValue(r, "mi") },
]);
const narrowPoints = estimates
  .filter((e) => e.n0 === NARROW && Number.isFinite(e.value))
  .map((e) => ({
    chain: e.chain,
    sigma: e.sigma,
    q: e.quantity === "entropy" ? "H(T₂)/n₀" : "I(X;T₂)/n₀",
    series: e.estimator,
    N: e.N,
    value: e.value,
  }));
await writePlot(
  args.outDir,
  "narrow-network.svg",
  panelPlot(
    `Narrow networks, n₀ = ${NARROW}: replica (exact for Linear) vs estimators`,
    NARROW,
    narrowCurves,
    narrowPoints,
  ),
);

// tables
const errorTable = (n0: number, Ns: number[]) => {
  const rows: (string | number)[][] = [];
  for (const chain of CHAINS)
    for (const [est, q] of [
      ["kl", "entropy"],
      ["kde-upper", "entropy"],
      ["kde-lower", "entropy"],
      ["ksg1", "mi"],
      ["kde-upper", "mi"],
      ["kde-lower", "mi"],
    ] as const) {
      const cells = Ns.map((N) => {
        const errs = size.estSigmas.map((sigma) => {
          const e = estimates.find(
            (r) =>
              r.chain === chain &&
              r.n0 === n0 &&
              r.N === N &&
              r.estimator === est &&
              r.quantity === q &&
              r.sigma === sigma,
          );
          const t = truthOf(chain, sigma, n0);
          return e && t ? e.value - truthValue(t, q) : Number.NaN;
        });
        const finite = errs.filter(Number.isFinite);
        const rmse = Math.sqrt(finite.reduce((a, v) => a + v * v, 0) / Math.max(finite.length, 1));
        return finite.length === 0 ? "—" : fmt(rmse, 3);
      });
      rows.push([chain, `${est} (${q === "entropy" ? "H" : "I"})`, ...cells]);
    }
  return table(["chain", "estimator", ...Ns.map((N) => `RMSE N = ${N}`)], rows);
};

const valueTable = (n0: number) => {
  const rows: (string | number)[][] = [];
  const N = (n0 === NARROW ? size.narrowN : size.N).at(-1)!;
  for (const chain of CHAINS)
    for (const sigma of size.estSigmas) {
      const t = truthOf(chain, sigma, n0)!;
      const get = (est: string, q: string) =>
        estimates.find(
          (r) =>
            r.chain === chain &&
            r.n0 === n0 &&
            r.N === N &&
            r.estimator === est &&
            r.quantity === q &&
            r.sigma === sigma,
        )?.value;
      rows.push([
        chain,
        fmt(sigma, 3),
        fmt(truthValue(t, "entropy"), 4),
        fmt(get("kl", "entropy"), 3),
        `[${fmt(get("kde-lower", "entropy"), 3)}, ${fmt(get("kde-upper", "entropy"), 3)}]`,
        fmt(truthValue(t, "mi"), 4),
        fmt(get("ksg1", "mi"), 3),
        `[${fmt(get("kde-lower", "mi"), 3)}, ${fmt(get("kde-upper", "mi"), 3)}]`,
      ]);
    }
  return `N = ${N}:\n\n${table(["chain", "σ", "H/n₀ truth", "kl", "kde [lower, upper]", "I/n₀ truth", "ksg1", "kde I [lower, upper]"], rows)}`;
};

const lin = replica.filter((r) => r.chain === "Linear");
const linGapH = Math.max(...lin.map((r) => Math.abs(r.entropy - r.exactEntropy!)));
const linGapI = Math.max(...lin.map((r) => Math.abs(r.mi - r.exactMi!)));
const curveTable = table(
  [
    "σ",
    "ReLU H/n₀",
    "ReLU I/n₀",
    "HardTanh H/n₀",
    "HardTanh I/n₀",
    "Linear H/n₀ exact",
    "Linear H/n₀ replica",
  ],
  size.sigmas.map((sigma) => {
    const g = (c: Chain) => replica.find((r) => r.chain === c && r.sigma === sigma)!;
    return [
      fmt(sigma, 3),
      fmt(g("ReLU").entropy, 5),
      fmt(g("ReLU").mi, 5),
      fmt(g("HardTanh").entropy, 5),
      fmt(g("HardTanh").mi, 5),
      fmt(g("Linear").exactEntropy, 5),
      fmt(g("Linear").entropy, 5),
    ];
  }),
);
const demoTable = table(
  [
    "σ",
    "ReLU H/n₀ (MP quantiles)",
    `ReLU H/n₀ (our draw, n₀ = ${size.n0})`,
    "HardTanh H/n₀ (MP quantiles)",
    `HardTanh H/n₀ (our draw)`,
  ],
  DEMO_SIGMAS.map((sigma) => {
    const d = (c: Chain) => demo.find((r) => r.chain === c && r.sigma === sigma)!;
    const own = (c: Chain) => replica.find((r) => r.chain === c && Math.abs(r.sigma - sigma) < 1e-9)?.entropy;
    return [
      fmt(sigma, 3),
      fmt(d("ReLU").entropy, 6),
      fmt(own("ReLU"), 6),
      fmt(d("HardTanh").entropy, 6),
      fmt(own("HardTanh"), 6),
    ];
  }),
);
// the finite-size fluctuation of one draw against the typical (quantile-spectrum) value, at the Demo's σ
const drawVsTypical = Math.max(
  ...demo.map((d) => {
    const own = replica.find((r) => r.chain === d.chain && Math.abs(r.sigma - d.sigma) < 1e-9);
    return own ? Math.abs(own.entropy - d.entropy) : 0;
  }),
);
const DEMO_DNNER = -0.7916758921;
const closestDemo = demo.reduce((a, d) =>
  Math.abs(d.entropy - DEMO_DNNER) < Math.abs(a.entropy - DEMO_DNNER) ? d : a,
);
const closestMagnitude = demo.reduce((a, d) =>
  Math.abs(Math.abs(d.entropy) - 0.79) < Math.abs(Math.abs(a.entropy) - 0.79) ? d : a,
);
const DEMO_FIXED = -0.7897560826;
const unconverged = [...replica, ...narrowReplica].filter((r) => !r.converged).length;
const replicaSeconds = replica.map((r) => r.seconds).sort((a, b) => a - b);

const md = `# Experiment 1 — entropy of random two-layer networks vs weight scale (Gabrié et al. 2018, Fig. 2)

Normal(0,1) → φ(0) → φ(1e-5) with φ ∈ {ReLU, HardTanh}, and the linear chain on the same matrices; square
weights σ·G/√n₀ with n₀ = ${size.n0} (the paper: 1000), σ on ${size.sigmas.length} log-spaced points in [0.1, 10].
Replica values use the empirical spectra of the drawn matrices. Estimators: Kozachenko–Leonenko (kl, k = 3,
max-norm), Kolchinsky–Tracey pairwise bounds with variance Δ = 1e-5, KSG-1 (k = 3) on N samples
(N ∈ {${size.N.join(", ")}}) at σ ∈ {${size.estSigmas.map((s) => fmt(s, 3)).join(", ")}}. All values in nats per input unit.

${runHeader(args.size, since(t0))} Compute time recorded with the results (replica solves and estimators, all
sessions): ${fmt([...replica, ...narrowReplica].reduce((a, r) => a + r.seconds, 0) + estimates.reduce((a, e) => a + e.seconds, 0), 0)} s.

![entropy and MI vs sigma](entropy-vs-sigma.svg)

## Replica curves

${curveTable}

- Linear chain: the replica formula against the exact finite-size log-det on the same matrices differs by at
  most ${sci(linGapH)} (entropy) and ${sci(linGapI)} (MI) per unit over the grid — the finite-size gap of a
  two-layer product at n₀ = ${size.n0} (a single layer agrees to round-off; replica-math §6.1).
- Replica solver: ${replica.length + narrowReplica.length} networks, ${unconverged} without a converged fixed point;
  median ${fmt(replicaSeconds[Math.floor(replicaSeconds.length / 2)], 1)} s per network (shared machine).

## The estimators (n₀ = ${size.n0})

RMSE against the truth over the ${size.estSigmas.length} σ values (replica for ReLU/HardTanh, exact log-det for Linear), nats per unit:

${errorTable(size.n0, size.N)}

${valueTable(size.n0)}

## A narrow network (n₀ = ${NARROW}): do the estimators recover when the layer is small?

![narrow network](narrow-network.svg)

${errorTable(NARROW, size.narrowN)}

${valueTable(NARROW)}

## dnner's Demo value

dnner's Demo notebook prints ${DEMO_DNNER} for a network with a HardTanh output; with the HardTanh-output
integration window fixed, the same matrices give ${DEMO_FIXED} (shared/reference; replica-math §8.2) — a
correction of ${sci(DEMO_FIXED - DEMO_DNNER, 2)} nats per unit. The reference records the value only, not the
network or σ it belongs to, and the matrices come from numpy's seed 42, which cannot be redrawn here. So we cannot
recompute that number itself; what we can say is how large the correction is against the other uncertainties of
Figure 2. At the Demo's σ ∈ logspace(−1, 1, 5) we evaluate both chains on the deterministic Marchenko–Pastur
quantile spectrum of a 1000 × 1000 G (the typical value) and on our own random draw:

${demoTable}

The closest of these values to the Demo's is ${closestDemo.chain} at σ = ${fmt(closestDemo.sigma, 3)}:
${fmt(closestDemo.entropy, 6)} (${fmt(Math.abs(closestDemo.entropy - DEMO_DNNER), 3)} away), so the Demo value
${Math.abs(closestDemo.entropy - DEMO_DNNER) > 0.02 ? "does not belong to these chains at these σ" : "may belong to this chain"}
(the closest magnitude is ${closestMagnitude.chain} at σ = ${fmt(closestMagnitude.sigma, 3)}, ${fmt(closestMagnitude.entropy, 4)}). Our draw at n₀ = ${size.n0} differs from the typical value
by up to ${sci(drawVsTypical, 1)} per unit, ${drawVsTypical > 1.92e-3 ? "larger than" : "of the order of"} dnner's
HardTanh-output error (1.9e-3): a single-draw figure at this width cannot show the bug, but the bug is a systematic
error that stays when n₀ grows, while the draw-to-draw fluctuation shrinks like 1/n₀. infoflow's HardTanh curve above uses the corrected window.

## Command

\`pnpm tsx benchmarks/experiments/01-random-network-entropy/run.ts\` (\`--full\`: n₀ = 1000, 41 σ values, N up to
5000). Results are appended to \`results.jsonl\` as they are computed; a rerun resumes.
`;
writeFileSync(join(args.outDir, "report.md"), md);
console.log(`[01] report: ${join(args.outDir, "report.md")}`);
