import type { Command } from "commander";
import { CliError } from "../errors";

/** `infoflow estimate` — arrives with its own issue; until then it says so in one line. */
export function registerEstimate(program: Command): void {
  program
    .command("estimate")
    .description("(estimate: arriving with its issue)")
    .allowUnknownOption()
    .action(() => {
      throw new CliError("'estimate' is not available in this build yet");
    });
}
