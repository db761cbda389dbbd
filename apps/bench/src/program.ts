import { Command, CommanderError } from "commander";
import { registerBench } from "./commands/bench";
import { registerEstimate } from "./commands/estimate";
import { registerExperiment } from "./commands/experiment";
import { registerReplica } from "./commands/replica";
import { registerTrain } from "./commands/train";
import { reportError } from "./errors";

/** Build the `infoflow` program. Each subcommand lives in its own module under `commands/`. */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name("infoflow")
    .description(
      "Information flow in deep neural networks: replica ground truth (Gabrié et al. 2018) and the\n" +
        "sample-based MI estimators it scores (binning, pairwise bounds, KSG, sample propagation).",
    )
    .option("--debug", "print stack traces on errors")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  registerReplica(program);
  registerEstimate(program);
  registerBench(program);
  registerTrain(program);
  registerExperiment(program);
  return program;
}

/** Parse argv and run; resolves to the process exit code (never throws). */
export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  const debug = argv.includes("--debug");
  // Commander prints its own usage errors; we only translate them into exit codes.
  program.configureOutput({
    writeErr: (s) => process.stderr.write(s.startsWith("error:") ? `infoflow: ${s.slice(7).trimStart()}` : s),
  });
  try {
    await program.parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode;
    }
    return reportError(err, debug);
  }
}
