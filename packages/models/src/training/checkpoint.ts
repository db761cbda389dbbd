/**
 * Checkpoints: everything a run needs to continue exactly where it stopped — completed epoch,
 * trainable variables and optimizer slots (float32, stored as base64 of their bytes so they
 * round-trip bit for bit), the position of the counter-based random streams (see seeds.ts: the
 * position is the whole RNG state), and measure state that carries across epochs (the replica
 * fixed points used as warm starts). The fixed matrices U, V of USV layers are not stored: they
 * are regenerated from the run seed, and `fingerprint` guards against a config or seed change.
 *
 * Written atomically (temporary file, then rename) so a crash mid-write leaves the previous one.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import { ModelsError } from "../errors";
import { nonFiniteReplacer, nonFiniteReviver } from "./jsonNumbers";
import type { OptimizerState } from "./optimizer";

export interface TensorRecord {
  shape: number[];
  data: Float32Array;
}

export interface Checkpoint {
  /** Completed epochs. */
  epoch: number;
  /** Hash of the run's canonical config (refuses to resume a different run). */
  fingerprint: string;
  /** Counter-based random streams: their state is the run seed and the next epoch to draw for. */
  rng: { scheme: "counter"; seed: number; nextEpoch: number };
  variables: Record<string, TensorRecord>;
  optimizer: OptimizerState;
  /** JSON-serialisable state of the measures (e.g. replica warm-start fixed points). */
  measures: unknown;
}

interface EncodedTensor {
  shape: number[];
  base64: string;
}

function encode(t: TensorRecord): EncodedTensor {
  const bytes = Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  return { shape: t.shape, base64: bytes.toString("base64") };
}

function decode(e: EncodedTensor, where: string): TensorRecord {
  const bytes = Buffer.from(e.base64, "base64");
  const size = e.shape.reduce((a, b) => a * b, 1);
  if (bytes.byteLength !== size * 4)
    throw new ModelsError(`checkpoint: tensor '${where}' has the wrong size`);
  const data = new Float32Array(size);
  new Uint8Array(data.buffer).set(bytes);
  return { shape: e.shape, data };
}

function mapValues<A, B>(rec: Record<string, A>, f: (a: A, k: string) => B): Record<string, B> {
  const out: Record<string, B> = {};
  for (const [k, v] of Object.entries(rec)) out[k] = f(v, k);
  return out;
}

export function saveCheckpoint(path: string, cp: Checkpoint): void {
  const json = {
    ...cp,
    variables: mapValues(cp.variables, encode),
    optimizer: { step: cp.optimizer.step, slots: mapValues(cp.optimizer.slots, encode) },
  };
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, JSON.stringify(json, nonFiniteReplacer));
  renameSync(tmp, path);
}

export function loadCheckpoint(path: string): Checkpoint | undefined {
  if (!existsSync(path)) return undefined;
  let raw: {
    epoch: number;
    fingerprint: string;
    rng: Checkpoint["rng"];
    variables: Record<string, EncodedTensor>;
    optimizer: { step: number; slots: Record<string, EncodedTensor> };
    measures: unknown;
  };
  try {
    raw = JSON.parse(readFileSync(path, "utf8"), nonFiniteReviver);
  } catch (err) {
    throw new ModelsError(`checkpoint: cannot read ${path} (${(err as Error).message})`);
  }
  return {
    epoch: raw.epoch,
    fingerprint: raw.fingerprint,
    rng: raw.rng,
    variables: mapValues(raw.variables, decode),
    optimizer: { step: raw.optimizer.step, slots: mapValues(raw.optimizer.slots, decode) },
    measures: raw.measures,
  };
}

/** Float32 copies of variables by name. */
export function snapshotVariables(vars: ReadonlyMap<string, tf.Variable>): Record<string, TensorRecord> {
  const out: Record<string, TensorRecord> = {};
  for (const [name, v] of vars) out[name] = { shape: v.shape, data: (v.dataSync() as Float32Array).slice() };
  return out;
}

export function restoreVariables(
  vars: ReadonlyMap<string, tf.Variable>,
  saved: Record<string, TensorRecord>,
): void {
  for (const [name, v] of vars) {
    const rec = saved[name];
    if (rec === undefined) throw new ModelsError(`checkpoint: variable '${name}' missing`);
    if (rec.shape.join("x") !== v.shape.join("x")) {
      throw new ModelsError(
        `checkpoint: variable '${name}' has shape ${rec.shape.join("x")}, network has ${v.shape.join("x")}`,
      );
    }
    tf.tidy(() => v.assign(tf.tensor(rec.data, rec.shape, "float32")));
  }
}

/** sha256 of a canonical JSON text (object keys sorted), for checkpoint fingerprints. */
export function fingerprintOf(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex").slice(0, 16);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value as object).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value, nonFiniteReplacer) ?? "null";
}
