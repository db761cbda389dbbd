/**
 * Build the train and test sets of a run from its data config, with seeds derived from the run
 * seed (train: deriveSeed(seed, data, 0), test: deriveSeed(seed, data, 1), SZT split: …, 2), and the
 * replica chain that generates X when the source knows it (teacher tasks: the prior, plus the
 * decoder layers for the generative role).
 */

import type { Samples } from "@infoflow/estimators";
import { createRng, fromRowMajor, matmulRowMajor, toRowMajor } from "@infoflow/numerics";
import { createTask, loadSztDataset, type TeacherTask } from "@infoflow/tasks";
import type { DataConfig } from "../config/dataConfig";
import { InvalidInputError } from "../errors";
import type { HostMatrix } from "../layers/denseMap";
import type { InputChain } from "../metrics/replicaChain";
import { type Dataset, validateDataset } from "./dataset";
import { deriveSeed, STREAM } from "./seeds";
import { selectRows } from "./selectRows";

export interface LoadedData {
  train: Dataset;
  test: Dataset;
  /** The replica chain generating X, when known. */
  inputChain?: InputChain;
  /** Σ_X when X is Gaussian with a known covariance (Normal prior, linear decoder layers). */
  inputCovariance?: HostMatrix;
  /** Task id or data set name. */
  id: string;
}

type TargetMode = "values" | "sign";

function targetsOf(
  y: Samples,
  mode: TargetMode,
  relevant: number | undefined,
  field: string,
): Omit<Dataset, "x"> {
  if (mode === "sign") {
    const labels = new Int32Array(y.n);
    for (let i = 0; i < y.n; i++) labels[i] = y.data[i * y.d] > 0 ? 1 : 0;
    return { labels, nClasses: 2 };
  }
  const k = relevant ?? y.d;
  if (k > y.d) throw new InvalidInputError(`${field}.relevant: ${k} > ${y.d} target columns`);
  if (k === y.d) return { y, nClasses: 0 };
  const data = new Float64Array(y.n * k);
  for (let i = 0; i < y.n; i++) for (let j = 0; j < k; j++) data[i * k + j] = y.data[i * y.d + j];
  return { y: { data, n: y.n, d: k }, nClasses: 0 };
}

interface TeacherParams {
  family: "teacher";
  n0: number;
  prior: { name: "Normal" | "Bimodal" | "SpikeSlab"; [k: string]: unknown };
  layers: Array<{ activation: string; varNoise: number; [k: string]: unknown }>;
  observe?: number;
}

/** The replica chain generating the student's input: the prior (forward) or prior → decoder (generative). */
function teacherInputChain(task: TeacherTask, role: "forward" | "generative"): InputChain {
  const spec = task.replicaSpec(task.observedLayer);
  if (role === "forward") return { layers: [spec.layers[0]], weights: [], n0: task.n0 };
  return { layers: spec.layers, weights: spec.weights, n0: task.n0 };
}

/** Σ_X of a teacher's X (forward) or of its observed layer (generative) when that is Gaussian. */
function teacherCovariance(task: TeacherTask, role: "forward" | "generative"): HostMatrix | undefined {
  const p = task.params as unknown as TeacherParams;
  if (p.prior.name !== "Normal") return undefined;
  const n0 = task.n0;
  let sigma: HostMatrix = { data: new Float64Array(n0 * n0), rows: n0, cols: n0 };
  for (let i = 0; i < n0; i++) sigma.data[i * n0 + i] = (p.prior.var as number | undefined) ?? 1;
  if (role === "forward") return sigma;
  for (let l = 1; l <= task.observedLayer; l++) {
    const layer = p.layers[l - 1];
    if (layer.activation !== "Linear") return undefined;
    // column convention t_ℓ = W t_{ℓ−1} + noise: Σ ← W Σ Wᵀ + σ² I
    const w = task.weights(l);
    const wt = toRowMajor(fromRowMajor(w.data, w.rows, w.cols).transpose());
    sigma = matmulRowMajor(matmulRowMajor(w, sigma), wt);
    for (let i = 0; i < sigma.rows; i++) sigma.data[i * sigma.cols + i] += layer.varNoise;
  }
  return sigma;
}

function fromRows(rows: number[][], field: string): Samples {
  const d = rows[0].length;
  const data = new Float64Array(rows.length * d);
  rows.forEach((r, i) => {
    if (r.length !== d) throw new InvalidInputError(`${field}[${i}]: ${r.length} columns, expected ${d}`);
    data.set(r, i * d);
  });
  return { data, n: rows.length, d };
}

function arraysSplit(s: { x: number[][]; y?: number[][]; labels?: number[] }, field: string): Dataset {
  const x = fromRows(s.x, `${field}.x`);
  if (s.labels !== undefined) {
    const labels = Int32Array.from(s.labels);
    return { x, labels, nClasses: Math.max(...s.labels) + 1 };
  }
  if (s.y === undefined) throw new InvalidInputError(`${field}: needs y or labels`);
  return { x, y: fromRows(s.y, `${field}.y`), nClasses: 0 };
}

export function loadData(cfg: DataConfig, seed: number): LoadedData {
  let out: LoadedData;
  if (cfg.source === "task") {
    const task = createTask(cfg.task);
    const isTeacher = (task.params as { family?: string }).family === "teacher";
    if (cfg.role === "generative" && !isTeacher) {
      throw new InvalidInputError(
        "data.role: 'generative' needs a teacher task (its network is the decoder)",
      );
    }
    const split = (n: number, k: number): Dataset => {
      const { x, y } = task.sample(n, deriveSeed(seed, STREAM.data, k));
      const [input, target] = cfg.role === "generative" ? [y, x] : [x, y];
      return { x: input, ...targetsOf(target, cfg.target, cfg.relevant, "data") };
    };
    out = {
      train: split(cfg.nTrain, 0),
      test: split(cfg.nTest, 1),
      inputChain: isTeacher ? teacherInputChain(task as TeacherTask, cfg.role) : undefined,
      inputCovariance: isTeacher ? teacherCovariance(task as TeacherTask, cfg.role) : undefined,
      id: task.id,
    };
  } else if (cfg.source === "szt") {
    const { x, labels } = loadSztDataset(cfg.path);
    const perm = new Int32Array(x.n);
    for (let i = 0; i < x.n; i++) perm[i] = i;
    createRng(deriveSeed(seed, STREAM.data, 2)).shuffle(perm);
    const nTest = Math.round(cfg.testFraction * x.n);
    const testRows = perm.slice(0, nTest).sort();
    const trainRows = perm.slice(nTest).sort();
    const pick = (rows: Int32Array): Dataset => ({
      x: selectRows(x, rows),
      labels: Int32Array.from(rows, (r) => labels[r]),
      nClasses: 2,
    });
    out = { train: pick(trainRows), test: pick(testRows), id: "szt" };
  } else {
    const train = arraysSplit(cfg.train, "data.train");
    const test = arraysSplit(cfg.test, "data.test");
    const nClasses = Math.max(train.nClasses, test.nClasses);
    out = { train: { ...train, nClasses }, test: { ...test, nClasses }, id: "arrays" };
  }
  validateDataset("data.train", out.train);
  if (out.test.x.n > 0) validateDataset("data.test", out.test);
  if (out.test.x.n > 0 && out.test.x.d !== out.train.x.d) {
    throw new InvalidInputError(`data.test.x: ${out.test.x.d} columns, train has ${out.train.x.d}`);
  }
  return out;
}
