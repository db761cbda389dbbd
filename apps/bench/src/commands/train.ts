import type { Command } from "commander";
import { CliError } from "../errors";

/** `infoflow train` — arrives with its own issue; until then it says so in one line. */
export function registerTrain(program: Command): void {
  program
    .command("train")
    .description("(train: arriving with its issue)")
    .allowUnknownOption()
    .action(() => {
      throw new CliError("'train' is not available in this build yet");
    });
}
