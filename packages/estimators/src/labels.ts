/**
 * The second argument of an information-plane MI as a discrete variable: integer labels, or the rows of
 * `y` where exactly equal rows are one value (e.g. y = the network inputs gives I(X;T) with X uniform
 * over the distinct inputs, ibsgd's `bin_calc_information`). Class ids are dense, 0..classes−1.
 */
import type { Samples, Target } from "./interface";

/** What the public functions accept as labels: Int32Array, an integer array, or rows of y. */
export type LabelsInput = Target | readonly number[];

import { checkLabels, checkSameRows, checkSamples, rowGroups } from "./validate";

export interface Classes {
  /** dense class id of every row */
  readonly ids: Int32Array;
  /** rows per class */
  readonly counts: Int32Array;
}

function fromIds(ids: Int32Array, groups: number): Classes {
  const counts = new Int32Array(groups);
  for (let i = 0; i < ids.length; i++) counts[ids[i]]++;
  return { ids, counts };
}

/** Dense classes of integer labels (ordered by label value). */
export function classesOfLabels(labels: Int32Array): Classes {
  const values = Array.from(new Set(labels)).sort((a, b) => a - b);
  const index = new Map(values.map((v, k) => [v, k]));
  const ids = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) ids[i] = index.get(labels[i]) as number;
  return fromIds(ids, values.length);
}

/** Validate a target against n rows and return its classes. */
export function targetClasses(y: unknown, n: number, name = "y"): Classes {
  if (y instanceof Int32Array || Array.isArray(y)) return classesOfLabels(checkLabels(y, n, name));
  const s: Samples = checkSamples(y, name);
  checkSameRows(n, s.n, "x", name);
  const { ids, groups } = rowGroups(s);
  return fromIds(ids, groups);
}

/** Plug-in entropy of the class distribution, in nats. */
export function classEntropy(c: Classes): number {
  const n = c.ids.length;
  let h = 0;
  for (let k = 0; k < c.counts.length; k++) {
    const p = c.counts[k] / n;
    if (p > 0) h -= p * Math.log(p);
  }
  return h;
}
