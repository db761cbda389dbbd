import type { Command } from "commander";
import { CliError } from "../errors";

/** `infoflow replica` — arrives with its own issue; until then it says so in one line. */
export function registerReplica(program: Command): void {
  program
    .command("replica")
    .description("(replica: arriving with its issue)")
    .allowUnknownOption()
    .action(() => {
      throw new CliError("'replica' is not available in this build yet");
    });
}
