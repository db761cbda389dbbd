/**
 * `infoflow bench [suite]`: run a benchmark suite (tasks × estimators × N × seeds) on a worker pool, append
 * every result to `results.jsonl`, write `report.md` and `report.html`, and optionally gate on the committed
 * baseline (`--ci`) or rewrite it (`--update-baseline`). Ctrl-C stops after writing what finished;
 * `--resume` continues. See benchmarks/README.md. The work itself (`bench/command.ts`, with Vega and the
 * packages) is imported only when the command runs, so the rest of the CLI starts fast.
 */
import { availableParallelism } from "node:os";
import type { Command } from "commander";

export interface BenchOptions {
  workers?: string;
  resume?: boolean;
  filter: string[];
  list?: boolean;
  json?: boolean;
  shard?: string;
  out?: string;
  ci?: boolean;
  updateBaseline?: boolean;
  reportOnly?: boolean;
  report: boolean;
  registry?: string;
  baseline?: string;
  progressInterval?: string;
}

export function registerBench(program: Command): void {
  program
    .command("bench")
    .description("run a benchmark suite: estimators scored against replica and closed-form truths")
    .argument("[suite]", "a suite name in benchmarks/suites/ or a path to a suite JSON file", "quick")
    .option("--workers <n>", "worker threads (0 = run in this thread)", String(availableParallelism()))
    .option("--resume", "keep finished results and cached truths; run only what is missing")
    .option(
      "--filter <term>",
      "run a subset: task=SUB, family=SUB, estimator=SUB, n=N, seed=S or a bare SUB (repeatable; commas mean 'or')",
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option(
      "--shard <i/n>",
      "run only the i-th of n disjoint shares of the jobs (to spread a suite over machines)",
    )
    .option("--list", "list the suite's tasks and estimators and the number of jobs, then exit")
    .option("--json", "with --list: print the job list instead, one JSON job description per line")
    .option("--out <dir>", "results directory (default benchmarks/results/<suite>)")
    .option("--ci", "compare with benchmarks/baselines/<suite>.json; exit 1 on a regression")
    .option("--update-baseline", "write benchmarks/baselines/<suite>.json from this run's results")
    .option(
      "--baseline <file>",
      "baseline file for --ci / --update-baseline (default benchmarks/baselines/<suite>.json)",
    )
    .option("--report-only", "rebuild the report (and baseline check) from results.jsonl without running")
    .option("--no-report", "do not write report.md / report.html")
    .option(
      "--registry <module>",
      "module exporting `registry` (tasks and estimators); default: infoflow's own",
    )
    .option("--progress-interval <s>", "seconds between progress lines when not on a terminal", "10")
    .addHelpText(
      "after",
      "\nExamples:\n  pnpm infoflow bench quick\n  pnpm infoflow bench quick --ci\n  pnpm infoflow bench full --resume --workers 2\n  pnpm infoflow bench quick --filter estimator=ksg1 --filter n=1000\n",
    )
    .action(async (suiteArg: string, opts: BenchOptions) => {
      const { bench } = await import("../bench/command");
      process.exitCode = await bench(suiteArg, opts);
    });
}
