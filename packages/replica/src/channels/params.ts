/**
 * Reading the numeric parameters of a layer spec (dnner's names, shared/reference/README.md) at the public
 * boundary of `createPrior` / `createChannel`: one-line errors naming the field, so inner code needs no checks.
 */
import { ReplicaError } from "./replica-error";

export type LayerParams = Readonly<Record<string, unknown>> | undefined;

export interface ParamRule {
  /** Value when the field is absent (dnner's constructor default); absent and no default → error. */
  default?: number;
  /** Inclusive lower bound. */
  min?: number;
  /** Inclusive upper bound. */
  max?: number;
  /** Exclusive lower bound. */
  above?: number;
}

/** The finite number `params[field]` of layer `layer`, checked against `rule`. */
export function readParam(layer: string, params: LayerParams, field: string, rule: ParamRule = {}): number {
  const raw = params?.[field];
  if (raw === undefined) {
    if (rule.default !== undefined) return rule.default;
    throw new ReplicaError(`${layer}: missing parameter "${field}"`);
  }
  if (typeof raw !== "number" || !Number.isFinite(raw)) {
    throw new ReplicaError(`${layer}: parameter "${field}" must be a finite number, got ${String(raw)}`);
  }
  if (rule.min !== undefined && raw < rule.min) {
    throw new ReplicaError(`${layer}: parameter "${field}" must be ≥ ${rule.min}, got ${raw}`);
  }
  if (rule.max !== undefined && raw > rule.max) {
    throw new ReplicaError(`${layer}: parameter "${field}" must be ≤ ${rule.max}, got ${raw}`);
  }
  if (rule.above !== undefined && raw <= rule.above) {
    throw new ReplicaError(`${layer}: parameter "${field}" must be > ${rule.above}, got ${raw}`);
  }
  return raw;
}

/** Rejects parameters the layer does not know (a misspelt name would otherwise silently take its default). */
export function rejectUnknownParams(layer: string, params: LayerParams, known: readonly string[]): void {
  if (params === undefined) return;
  for (const key of Object.keys(params)) {
    if (!known.includes(key)) {
      throw new ReplicaError(`${layer}: unknown parameter "${key}" (expected ${known.join(", ")})`);
    }
  }
}
