export { InvalidInputError } from "./errors";
export type * from "./interface";
export * from "./validate";
