export { buildProgram, run } from "./program";
export { CliError, reportError } from "./errors";
