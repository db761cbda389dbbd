/**
 * Units (shared/docs/estimators-math.md §0.2): every estimator computes in nats; the `base` option
 * converts the reported numbers to bits (divide by ln 2). Unit confusion is the most common complaint
 * about the peer libraries (users-ask.md §1 item 2), so every `Estimate` states its unit.
 */
import { InvalidInputError } from "./errors";
import type { Unit } from "./interface";

/** Accepted spellings of the `base` option: natural log (nats) or log base 2 (bits). */
const BASES: Record<string, Unit> = { e: "nats", nats: "nats", "2": "bits", bits: "bits" };

/** The unit a `base` option asks for; `undefined` means nats. */
export function unitFromBase(base: unknown, name = "base"): Unit {
  if (base === undefined) return "nats";
  if (base === Math.E) return "nats";
  const key = typeof base === "number" ? String(base) : base;
  if (typeof key === "string" && key in BASES) return BASES[key];
  throw new InvalidInputError(`${name} must be 2 (bits) or "e" (nats), got ${JSON.stringify(base)}`);
}

/** Convert a value in nats to `unit`. */
export function fromNats(valueNats: number, unit: Unit): number {
  return unit === "bits" ? valueNats / Math.LN2 : valueNats;
}
