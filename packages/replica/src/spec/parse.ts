/**
 * zod issues → one ReplicaError line naming the field and, when there is one, the offending value
 * (CONTRIBUTING: "bad input gets a clear one-line error naming the field and the problem").
 */
import type { z } from "zod";
import { ReplicaError } from "../channels/replica-error";

/** `layers[1].params.var_noise` from a zod path. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let cur = input;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function describeValue(v: unknown): string {
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return "";
}

/** Parse `input` with `schema`, or throw a one-line ReplicaError for the first issue (prefixed by `what`). */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = formatPath(issue.path);
  const got = describeValue(valueAt(input, issue.path));
  const message = issue.message.replace(/\s+/g, " ").replace(/^Too (?:small|big): expected \w+ to /, "must ");
  const field = where === "" ? what : `${what}: ${where}`;
  throw new ReplicaError(`${field}: ${message}${got === "" ? "" : ` (got ${got})`}`);
}
