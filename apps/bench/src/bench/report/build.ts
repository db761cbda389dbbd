/**
 * The report: `report.md` (with plots as SVG files in `plots/`) and a self-contained `report.html` (the
 * same SVGs inlined), from the results and truths of a run. States the suite and its hash, the machine,
 * the backend and the commit; every number carries its unit (nats, seconds, % or "RMSE ÷ truth").
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderVegaLiteSvg } from "../../plot/render";
import type { TaskTruth } from "../job";
import type { RunResult, TruthTable } from "../store";
import { type Suite, suiteHash } from "../suite";
import { type Block, toHtml, toMarkdown } from "./document";
import { pct, secs, sig } from "./format";
import type { MachineInfo } from "./machine";
import { allPlots } from "./plots";
import { type Cell, familyRows, ranking, cells as toCells } from "./stats";

export interface ReportInput {
  suite: Suite;
  results: readonly RunResult[];
  truths: TruthTable;
  machine: MachineInfo;
  /** wall time of the run that produced the results (absent when rebuilding from files) */
  run?: { seconds: number; workers: number; resumed: boolean };
  /** lines of the baseline comparison, when one was made */
  baseline?: { ok: boolean; lines: string[]; file: string };
  date?: Date;
}

export interface Report {
  markdown: string;
  html: string;
  plots: Array<{ file: string; svg: string }>;
}

const TARGET_NAME = { mi: "mutual information I(X;Y)", entropy: "entropy H(Y)" } as const;

/** Which seeds the results hold: a filtered run (`--filter seed=0`) covers a share of the suite's. */
function seedsLine(suiteSeeds: readonly number[], results: ReportInput["results"]): string {
  const seen = [...new Set(results.map((r) => r.seed))].sort((a, b) => a - b);
  const all = seen.length === suiteSeeds.length;
  return `seeds ${seen.join(", ")}${all ? "" : ` only (the suite has ${suiteSeeds.join(", ")}: bias and RMSE are over these seeds)`}`;
}

export async function buildReport(input: ReportInput): Promise<Report> {
  const { suite, results, truths, machine } = input;
  const all = toCells(results);
  const failures = results.filter((r) => r.estimate === null).length;
  const blocks: Block[] = [];
  const hash = suiteHash(suite);

  blocks.push({ kind: "h", level: 1, text: `Benchmark report: ${suite.name}` });
  if (suite.description) blocks.push({ kind: "p", text: suite.description });
  blocks.push({
    kind: "list",
    items: [
      `suite \`${suite.name}\`, hash \`${hash}\`: ${Object.keys(truths).length} tasks, ${new Set(results.map((r) => r.label)).size} estimator configurations, ${results.length} runs (${failures} failed)`,
      seedsLine(suite.seeds, results),
      ...(input.run
        ? [
            `run wall time ${secs(input.run.seconds)} s on ${input.run.workers === 0 ? "the main thread" : `${input.run.workers} worker thread(s)`}${input.run.resumed ? " (resumed: earlier results reused)" : ""}`,
          ]
        : []),
      `machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${sig(machine.memoryGiB, 3)} GiB memory, Node ${machine.node}, ${machine.platform}`,
      `commit \`${machine.commit}\`${machine.dirty ? " with uncommitted changes" : ""}; tfjs backend: ${machine.tfjsBackend}`,
      `generated ${(input.date ?? new Date()).toISOString()}`,
    ],
  });
  blocks.push({
    kind: "p",
    text:
      "Every value is in nats. error = estimate − truth; **bias** is its mean over seeds, **RMSE** the root mean square; " +
      "relative errors divide by |truth| and are dimensionless (shown in %). Truth values are the replica formula " +
      "(teacher networks: per-unit value × n₀, the large-width limit, computed once per task) or closed forms. " +
      "Times are the estimator's wall time for one estimate, sampling excluded. Estimators labelled `/3H` are " +
      "entropy estimators used as MI estimators through Ĥ(X) + Ĥ(Y) − Ĥ(X,Y).",
  });
  if (input.baseline) {
    blocks.push({
      kind: "h",
      level: 2,
      text: `Baseline comparison: ${input.baseline.ok ? "passed" : "FAILED"}`,
    });
    blocks.push({ kind: "p", text: `against \`${input.baseline.file}\`` });
    blocks.push({ kind: "list", items: input.baseline.lines.length ? input.baseline.lines : ["no change"] });
  }

  const ranks = ranking(all);
  for (const quantity of ["mi", "entropy"] as const) {
    const rows = ranks.filter((r) => r.quantity === quantity);
    if (rows.length === 0) continue;
    blocks.push({ kind: "h", level: 2, text: `Ranking — ${TARGET_NAME[quantity]}` });
    blocks.push({
      kind: "p",
      text: "Mean rank of the RMSE over every (task, N) cell the estimator ran in (1 = best; all-failed cells rank last).",
    });
    blocks.push({
      kind: "table",
      head: ["#", "estimator", "mean rank", "cells", "cells won", "median RMSE ÷ |truth| (%)", "failed runs"],
      numeric: [true, false, true, true, true, true, true],
      rows: rows.map((r, i) => [
        String(i + 1),
        r.label,
        sig(r.meanRank, 3),
        String(r.cells),
        String(r.wins),
        pct(r.medianRelRmse),
        String(r.failures),
      ]),
    });
  }

  const plots = allPlots(all);
  const rendered = await Promise.all(
    plots.map(async (p) => ({ plot: p, svg: await renderVegaLiteSvg(p.spec) })),
  );
  blocks.push({ kind: "h", level: 2, text: "Plots" });
  for (const r of rendered) {
    blocks.push({ kind: "h", level: 3, text: r.plot.title });
    blocks.push({ kind: "plot", plot: r.plot, svg: r.svg, file: `plots/${r.plot.id}.svg` });
  }

  blocks.push({ kind: "h", level: 2, text: "Per estimator and task family" });
  for (const quantity of ["mi", "entropy"] as const) {
    const fam = familyRows(results).filter((r) => r.quantity === quantity);
    for (const family of [...new Set(fam.map((r) => r.family))]) {
      blocks.push({ kind: "h", level: 3, text: `${family} — ${TARGET_NAME[quantity]}` });
      blocks.push({
        kind: "table",
        head: [
          "estimator",
          "runs",
          "failed",
          "bias (nats)",
          "RMSE (nats)",
          "median |error| ÷ |truth| (%)",
          "median time (s)",
        ],
        numeric: [false, true, true, true, true, true, true],
        rows: fam
          .filter((r) => r.family === family)
          .map((r) => [
            r.label,
            String(r.runs),
            String(r.failures),
            sig(r.bias),
            sig(r.rmse),
            pct(r.medianAbsRel),
            secs(r.medianSeconds),
          ]),
      });
    }
  }

  blocks.push({ kind: "h", level: 2, text: "Tasks and their true values" });
  blocks.push({ kind: "table", ...taskTable(Object.values(truths)) });

  const failed = all.filter((c) => c.failures > 0);
  if (failed.length) {
    blocks.push({ kind: "h", level: 2, text: "Failures" });
    blocks.push({
      kind: "table",
      head: ["estimator", "task", "N", "failed / runs", "error"],
      numeric: [false, false, true, true, false],
      rows: failed.map((c) => [
        c.label,
        c.taskId,
        String(c.n),
        `${c.failures} / ${c.runs}`,
        c.errors.join("; "),
      ]),
    });
  }

  blocks.push({
    kind: "details",
    summary: "Every cell (estimator × task × N)",
    blocks: [{ kind: "table", ...cellTable(all) }],
  });

  const title = `infoflow benchmark: ${suite.name}`;
  return {
    markdown: toMarkdown(blocks),
    html: toHtml(title, blocks),
    plots: rendered.map((r) => ({ file: `plots/${r.plot.id}.svg`, svg: r.svg })),
  };
}

function taskTable(truths: TaskTruth[]): { head: string[]; rows: string[][]; numeric: boolean[] } {
  const sorted = [...truths].sort(
    (a, b) => a.family.localeCompare(b.family) || a.taskId.localeCompare(b.taskId),
  );
  return {
    head: ["task", "family", "dim X", "dim Y", "I(X;Y) (nats)", "H(Y) (nats)", "truth time (s)"],
    numeric: [false, false, true, true, true, true, true],
    rows: sorted.map((t) => [
      t.taskId,
      t.family,
      String(t.dimX),
      String(t.dimY),
      sig(t.mi, 6),
      t.entropy === undefined ? "—" : sig(t.entropy, 6),
      secs((t.seconds.mi ?? 0) + (t.seconds.entropy ?? 0)),
    ]),
  };
}

function cellTable(all: Cell[]): { head: string[]; rows: string[][]; numeric: boolean[] } {
  return {
    head: [
      "estimator",
      "task",
      "N",
      "truth (nats)",
      "mean estimate (nats)",
      "sd (nats)",
      "bias (nats)",
      "RMSE (nats)",
      "RMSE ÷ |truth| (%)",
      "median time (s)",
      "failed",
    ],
    numeric: [false, false, true, true, true, true, true, true, true, true, true],
    rows: all.map((c) => [
      c.label,
      c.taskId,
      String(c.n),
      sig(c.truth),
      sig(c.mean),
      sig(c.sd, 3),
      sig(c.bias, 3),
      sig(c.rmse, 3),
      pct(c.relRmse),
      secs(c.medianSeconds),
      `${c.failures}/${c.runs}`,
    ]),
  };
}

/** Write `report.md`, `report.html` and `plots/*.svg` into `dir`. */
export function writeReport(dir: string, report: Report): void {
  mkdirSync(join(dir, "plots"), { recursive: true });
  for (const p of report.plots) writeFileSync(join(dir, p.file), p.svg);
  writeFileSync(join(dir, "report.md"), report.markdown);
  writeFileSync(join(dir, "report.html"), report.html);
}
