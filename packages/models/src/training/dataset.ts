/**
 * A training or test set as Float64 host arrays (what the estimators see) and its float32 device
 * copy (what the network sees). Targets are either regression values or integer class labels.
 */
import type { Samples } from "@infoflow/estimators";
import * as tf from "@tensorflow/tfjs";
import { InvalidInputError } from "../errors";
import type { Targets } from "./loss";

export interface Dataset {
  readonly x: Samples;
  /** Regression targets (n × d_out), when the task is a regression. */
  readonly y?: Samples;
  /** Class labels in 0..nClasses−1, when the task is a classification. */
  readonly labels?: Int32Array;
  /** Number of classes (0 for a regression). */
  readonly nClasses: number;
}

export interface DeviceDataset {
  readonly n: number;
  readonly x: tf.Tensor2D;
  readonly targets: Targets;
  dispose(): void;
}

export function validateDataset(name: string, ds: Dataset): void {
  const { x } = ds;
  if (x.data.length !== x.n * x.d) {
    throw new InvalidInputError(`${name}.x: data length ${x.data.length} ≠ n·d = ${x.n}·${x.d}`);
  }
  for (let i = 0; i < x.data.length; i++) {
    if (!Number.isFinite(x.data[i])) {
      throw new InvalidInputError(`${name}.x: non-finite value at row ${Math.floor(i / x.d)}`);
    }
  }
  if (ds.labels !== undefined) {
    if (ds.labels.length !== x.n)
      throw new InvalidInputError(`${name}.labels: length ${ds.labels.length} ≠ n = ${x.n}`);
    for (let i = 0; i < ds.labels.length; i++) {
      const c = ds.labels[i];
      if (c < 0 || c >= ds.nClasses) {
        throw new InvalidInputError(`${name}.labels: label ${c} at row ${i} outside 0..${ds.nClasses - 1}`);
      }
    }
  } else if (ds.y !== undefined) {
    if (ds.y.n !== x.n) throw new InvalidInputError(`${name}.y: ${ds.y.n} rows ≠ ${x.n} rows of x`);
  } else {
    throw new InvalidInputError(`${name}: needs regression targets y or class labels`);
  }
}

export function toDevice(ds: Dataset): DeviceDataset {
  const x = tf.tensor2d(Float32Array.from(ds.x.data), [ds.x.n, ds.x.d], "float32");
  let targets: Targets;
  if (ds.labels !== undefined) {
    targets = { kind: "labels", labels: tf.tensor1d(ds.labels, "int32"), nClasses: ds.nClasses };
  } else {
    const y = ds.y!;
    targets = { kind: "values", y: tf.tensor2d(Float32Array.from(y.data), [y.n, y.d], "float32") };
  }
  return {
    n: ds.x.n,
    x,
    targets,
    dispose() {
      x.dispose();
      if (targets.kind === "labels") targets.labels.dispose();
      else targets.y.dispose();
    },
  };
}

/** Rows `idx` of a device dataset (the caller disposes the result's tensors). */
export function gatherRows(ds: DeviceDataset, idx: tf.Tensor1D): { x: tf.Tensor2D; targets: Targets } {
  const x = tf.gather(ds.x, idx) as tf.Tensor2D;
  const t = ds.targets;
  const targets: Targets =
    t.kind === "labels"
      ? { kind: "labels", labels: tf.gather(t.labels, idx) as tf.Tensor1D, nClasses: t.nClasses }
      : { kind: "values", y: tf.gather(t.y, idx) as tf.Tensor2D };
  return { x, targets };
}
