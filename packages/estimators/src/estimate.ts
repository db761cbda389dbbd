/**
 * Building `Estimate` objects: values are computed in nats and converted once here (units.ts); the
 * parameters echoed are the resolved ones (defaults filled in), so a result always says how it was made.
 */
import type { Estimate, Params, Unit } from "./interface";
import { fromNats } from "./units";

export interface EstimateParts {
  readonly nats: number;
  readonly stdErrorNats?: number;
  readonly unit: Unit;
  readonly params: Params;
  readonly diagnostics: Params;
}

export function buildEstimate(p: EstimateParts): Estimate {
  return {
    value: fromNats(p.nats, p.unit),
    unit: p.unit,
    ...(p.stdErrorNats !== undefined ? { stdError: fromNats(p.stdErrorNats, p.unit) } : {}),
    params: p.params,
    diagnostics: p.diagnostics,
  };
}

/** Convert every number of a record of information quantities (nats) to `unit`. */
export function convertAll<T extends Record<string, number | undefined>>(record: T, unit: Unit): T {
  const out: Record<string, number | undefined> = {};
  for (const [k, v] of Object.entries(record)) out[k] = v === undefined ? undefined : fromNats(v, unit);
  return out as T;
}

/** Wall-clock seconds since `t0` (performance.now()), rounded to microseconds, for diagnostics. */
export function secondsSince(t0: number): number {
  return Math.round((performance.now() - t0) * 1000) / 1e6;
}
