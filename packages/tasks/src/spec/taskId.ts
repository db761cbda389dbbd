/**
 * A stable task id derived from the resolved spec: a readable summary plus the first 10 hex digits
 * of the SHA-256 of the spec's canonical JSON (keys sorted, `label` excluded). The same spec gives
 * the same id on every machine and in every run, so benchmark results files can key on it.
 * Ids use only [A-Za-z0-9._=-] so they are safe in file names.
 */
import { createHash } from "node:crypto";
import type { CovarianceSpec, ResolvedTaskSpec, TeacherLayerSpec } from "./taskSpec";

/** JSON with object keys sorted recursively (arrays keep their order). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function covarianceSummary(c: CovarianceSpec): string {
  switch (c.kind) {
    case "identity":
      return "identity";
    case "dense":
      return `dense${c.correlation}`;
    case "sparse":
      return `sparse${c.pairs}x${c.correlation}`;
    case "matrix":
      return "matrix";
  }
}

function layerSummary(l: TeacherLayerSpec): string {
  const name = l.activation === "Generic" ? l.phi : l.activation;
  return `${name}${l.varNoise}`;
}

function summary(spec: ResolvedTaskSpec): string {
  const tr = "transforms" in spec && spec.transforms.length > 0 ? `-${spec.transforms.join("-")}` : "";
  switch (spec.family) {
    case "multinormal":
      return `multinormal-${covarianceSummary(spec.covariance)}-${spec.dimX}x${spec.dimY}${tr}`;
    case "student-t":
      return `student-t-${covarianceSummary(spec.dispersion)}-${spec.dimX}x${spec.dimY}-dof${spec.dof}${tr}`;
    case "additive-uniform":
      return `additive-uniform-eps${spec.epsilon}`;
    case "linear-gaussian":
      return `linear-gaussian-${spec.dimX}x${spec.dimY}-${spec.weights.ensemble}-noise${spec.varNoise}-s${spec.seed}`;
    case "teacher": {
      const observe = spec.observe ?? spec.layers.length;
      const layers = spec.layers.slice(0, observe).map(layerSummary).join("-");
      return `teacher-${spec.prior.name}-n0=${spec.n0}-${layers}-s${spec.seed}`;
    }
  }
}

function sanitize(s: string): string {
  return s.replace(/[^A-Za-z0-9._=-]+/g, "_");
}

/** `<label or summary>-<10 hex digits>`. */
export function taskId(spec: ResolvedTaskSpec): string {
  const { label, ...rest } = spec;
  const hash = createHash("sha256").update(canonicalJson(rest)).digest("hex").slice(0, 10);
  return `${sanitize(label ?? summary(spec))}-${hash}`;
}
