/**
 * Canonical JSON (object keys sorted, no whitespace) and a short content hash of it. Job keys, truth-cache
 * keys and the suite hash are all hashes of canonical JSON, so they do not depend on key order in a file
 * or on the machine that computes them.
 */
import { createHash } from "node:crypto";

/** JSON with object keys sorted recursively; arrays keep their order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value as Record<string, unknown>).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** First `length` hex digits of the SHA-256 of the canonical JSON of `value`. */
export function contentHash(value: unknown, length = 16): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex").slice(0, length);
}
