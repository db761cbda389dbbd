/**
 * Validate a task spec at the public boundary and turn zod's issues into one line that names the
 * field and the problem (CONTRIBUTING: "Bad input gets a clear one-line error naming the field").
 */
import type { z } from "zod";
import { InvalidInputError } from "../errors";
import { type ResolvedTaskSpec, taskSpecSchema } from "./taskSpec";

/** `a.b[2].c` from a zod path. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "spec" : out;
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === "invalid_union" && "discriminator" in issue && issue.discriminator !== undefined) {
    // zod's message lists the allowed values but not the offending one.
    const value = lookup(input, issue.path);
    return `${formatPath(issue.path)}: unknown value ${JSON.stringify(value) ?? "(missing)"} (${issue.message})`;
  }
  return `${formatPath(issue.path)}: ${issue.message}`;
}

function lookup(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const key of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** Parse and complete a task spec; throws `InvalidInputError` with a one-line message. */
export function parseTaskSpec(input: unknown): ResolvedTaskSpec {
  const result = taskSpecSchema.safeParse(input);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more)` : "";
  throw new InvalidInputError(`invalid task spec: ${describeIssue(first, input)}${more}`);
}
