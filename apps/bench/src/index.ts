export { CliError, reportError } from "./errors";
export { buildProgram, run } from "./program";
