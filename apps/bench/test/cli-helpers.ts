/** Run the real CLI (`node --import tsx src/cli.ts`) in a child process, as `pnpm infoflow` does. */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const CLI = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
export const FAKE_REGISTRY = fileURLToPath(new URL("./fixtures/fake-registry.ts", import.meta.url));

export function startCli(args: string[], cwd?: string): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", CLI, ...args], {
    cwd: cwd ?? fileURLToPath(new URL("..", import.meta.url)),
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function finished(child: ChildProcess): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d) => (stdout += d));
  child.stderr?.on("data", (d) => (stderr += d));
  return new Promise((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
}

export function runCli(args: string[], cwd?: string): Promise<CliRun> {
  return finished(startCli(args, cwd));
}

/**
 * Run the CLI in this process (`run(argv)` of program.ts), capturing stdout and stderr: the same code path
 * as the child process without its start-up cost. Restores `process.exitCode` afterwards.
 */
export async function runInProcess(args: string[]): Promise<CliRun> {
  const { vi } = await import("vitest");
  const { run } = await import("../src/program");
  let stdout = "";
  let stderr = "";
  const spies = [
    vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => {
      stdout += String(s);
      return true;
    }),
    vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => {
      stderr += String(s);
      return true;
    }),
    vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => {
      stdout += `${a.join(" ")}\n`;
    }),
  ];
  try {
    const code = await run(args);
    return { code, signal: null, stdout, stderr };
  } finally {
    for (const s of spies) s.mockRestore();
    process.exitCode = undefined;
  }
}
