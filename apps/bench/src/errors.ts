/**
 * One error style for the whole CLI: a single line on stderr naming what was wrong, exit code 1,
 * and a stack trace only with `--debug`.
 */

/** An error whose message is meant for the user as is (bad flag, unreadable file, invalid config). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** Print `err` the CLI way and return the exit code to use. */
export function reportError(err: unknown, debug: boolean): number {
  const message = err instanceof Error ? err.message : String(err);
  const firstLine = message.split("\n").find((l) => l.trim() !== "") ?? "unknown error";
  process.stderr.write(`infoflow: ${firstLine.trim()}\n`);
  if (debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  return err instanceof CliError ? err.exitCode : 1;
}
