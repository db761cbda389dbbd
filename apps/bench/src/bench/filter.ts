/**
 * `--filter` terms: `task=SUB`, `family=SUB`, `estimator=SUB` (label or id), `n=N`, `seed=S`, or a bare
 * SUB matched against the task id and the estimator label. A comma inside a term means "or"; all terms must
 * hold. Task-level terms are checked before the truth computations, so a filtered run computes only the
 * truths it needs.
 */
import { CliError } from "../errors";

export interface FilterTerm {
  field: "task" | "family" | "estimator" | "n" | "seed" | "any";
  values: string[];
}

const FIELDS = new Set(["task", "family", "estimator", "n", "seed"]);

export function parseFilters(terms: readonly string[]): FilterTerm[] {
  return terms.map((term) => {
    const eq = term.indexOf("=");
    const field = eq > 0 ? term.slice(0, eq) : "any";
    if (field !== "any" && !FIELDS.has(field)) {
      throw new CliError(
        `--filter '${term}': unknown field '${field}' (use task, family, estimator, n, seed)`,
      );
    }
    const values = (eq > 0 ? term.slice(eq + 1) : term).split(",").filter((v) => v !== "");
    if (values.length === 0) throw new CliError(`--filter '${term}': empty value`);
    if ((field === "n" || field === "seed") && values.some((v) => !/^\d+$/.test(v))) {
      throw new CliError(`--filter '${term}': ${field} takes integers`);
    }
    return { field: field as FilterTerm["field"], values };
  });
}

/** `--shard i/n`: the i-th of n disjoint shares of the job list (1 ≤ i ≤ n), chosen by job key. */
export interface Shard {
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new CliError(`--shard '${text}': expected i/n with 1 ≤ i ≤ n, e.g. 2/4`);
  }
  return { index, count };
}

/** Job keys are hex content hashes, so their leading digits split the list evenly and stably. */
export function inShard(key: string, shard: Shard): boolean {
  return Number.parseInt(key.slice(0, 8), 16) % shard.count === shard.index - 1;
}

export interface TaskFacts {
  taskId: string;
  family: string;
}

export interface JobFacts extends TaskFacts {
  label: string;
  estimatorId: string;
  n: number;
  seed: number;
}

const has = (s: string, values: string[]) => values.some((v) => s.includes(v));

/** Whether a task can have matching jobs (job-level fields are not decided yet). */
export function taskMatches(filters: readonly FilterTerm[], t: TaskFacts): boolean {
  return filters.every((f) => {
    if (f.field === "task") return has(t.taskId, f.values);
    if (f.field === "family") return has(t.family, f.values);
    return true;
  });
}

export function jobMatches(filters: readonly FilterTerm[], j: JobFacts): boolean {
  return filters.every((f) => {
    switch (f.field) {
      case "task":
        return has(j.taskId, f.values);
      case "family":
        return has(j.family, f.values);
      case "estimator":
        return has(j.label, f.values) || has(j.estimatorId, f.values);
      case "n":
        return f.values.includes(String(j.n));
      case "seed":
        return f.values.includes(String(j.seed));
      default:
        return has(j.taskId, f.values) || has(j.label, f.values);
    }
  });
}
