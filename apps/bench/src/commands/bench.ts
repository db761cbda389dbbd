import type { Command } from "commander";
import { CliError } from "../errors";

/** `infoflow bench` — arrives with its own issue; until then it says so in one line. */
export function registerBench(program: Command): void {
  program
    .command("bench")
    .description("(bench: arriving with its issue)")
    .allowUnknownOption()
    .action(() => {
      throw new CliError("'bench' is not available in this build yet");
    });
}
