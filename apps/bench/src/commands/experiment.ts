/**
 * `infoflow experiment NAME [--full] [--fresh]`: runs one of the paper experiments of
 * `benchmarks/experiments/` (issue 7) — each is a directory with a `run.ts` runner that writes its
 * report next to it. NAME is the directory (`04-szt-noisy-tanh`), its number (`4`) or a unique part of
 * it (`szt-noisy`). The runner runs in its own Node process, so its progress and exit code pass through.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { CliError } from "../errors";

const EXPERIMENTS_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../../../../benchmarks/experiments",
);

/** The experiment directories that have a runner, sorted by name. */
export function listExperiments(root = EXPERIMENTS_DIR): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(root, e.name, "run.ts")))
    .map((e) => e.name)
    .sort();
}

/** Resolve NAME (directory, number, or unique substring) to one experiment directory name. */
export function resolveExperiment(name: string, names: readonly string[]): string {
  const exact = names.find((n) => n === name);
  if (exact) return exact;
  if (/^\d+$/.test(name)) {
    const byNumber = names.find((n) => Number.parseInt(n, 10) === Number.parseInt(name, 10));
    if (byNumber) return byNumber;
  }
  const matches = names.filter((n) => n.includes(name));
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) throw new CliError(`experiment "${name}" is ambiguous: ${matches.join(", ")}`);
  throw new CliError(`experiment "${name}" not found (known: ${names.join(", ") || "none"})`);
}

export function registerExperiment(program: Command): void {
  program
    .command("experiment")
    .description("run a paper experiment of benchmarks/experiments (its report is written next to it)")
    .argument("[name]", "directory, number or unique part of its name, e.g. 4 or szt-noisy")
    .option("--full", "the paper's sizes instead of the default minutes-on-2-cores ones")
    .option("--fresh", "discard earlier results instead of resuming")
    .option("--list", "list the experiments")
    .action((name: string | undefined, opts: { full?: boolean; fresh?: boolean; list?: boolean }) => {
      const names = listExperiments();
      if (opts.list || name === undefined) {
        if (!opts.list) throw new CliError("missing experiment name (use --list to see them)");
        for (const n of names) process.stdout.write(`${n}\n`);
        return;
      }
      const dir = resolveExperiment(name, names);
      const tsx = createRequire(import.meta.url).resolve("tsx");
      const args = ["--import", tsx, join(EXPERIMENTS_DIR, dir, "run.ts")];
      if (opts.full) args.push("--full");
      if (opts.fresh) args.push("--fresh");
      const r = spawnSync(process.execPath, args, { stdio: "inherit" });
      if (r.status !== 0) throw new CliError(`experiment ${dir} failed (exit ${r.status ?? r.signal})`);
    });
}
