/**
 * Where and with what a report was produced: CPUs, memory, Node version, platform, the git commit (and
 * whether the tree had uncommitted changes), and the tfjs backend (none: the estimators work on plain
 * Float64 arrays and no task in the benchmark trains a network).
 */
import { execFileSync } from "node:child_process";
import { cpus, platform, release, totalmem } from "node:os";
import { relative } from "node:path";

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
  commit: string;
  dirty: boolean;
  tfjsBackend: string;
}

function git(args: string[], cwd: string): string | undefined {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

/**
 * `ignore`: paths whose changes do not make the tree dirty — the run's own outputs (results directory,
 * baseline file), which the run itself has just rewritten.
 */
export function machineInfo(cwd = process.cwd(), ignore: readonly string[] = []): MachineInfo {
  const list = cpus();
  const commit = git(["rev-parse", "HEAD"], cwd) ?? "unknown (not a git checkout)";
  const exclude = ignore.map((p) => `:(exclude)${relative(cwd, p) || "."}`);
  const status = git(["status", "--porcelain", "--untracked-files=no", "--", ".", ...exclude], cwd);
  return {
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? "unknown",
    memoryGiB: totalmem() / 2 ** 30,
    node: process.version,
    platform: `${platform()} ${release()}`,
    commit,
    dirty: status !== undefined && status !== "",
    tfjsBackend: "none (no job in the benchmark uses tfjs)",
  };
}
