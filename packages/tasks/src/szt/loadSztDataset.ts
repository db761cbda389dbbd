/**
 * The 12-bit data set of Shwartz-Ziv & Tishby (2017): all 4096 binary 12-bit inputs with a binary
 * label (`var_u.mat` of github.com/ravidziv/IDNNs, converted to JSON in shared/reference; see
 * estimators-math §0.3). It is third-party data and is never committed: the default path is the
 * shared reference directory next to the checkout, `INFOFLOW_SZT_PATH` or an explicit path override it.
 * File format: `{ x: { shape: [4096, 12], data: [...] }, y: { shape: [4096], data: [...] } }`.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DataNotFoundError, InvalidInputError } from "../errors";
import type { Samples } from "../interface";

export const SZT_ROWS = 4096;
export const SZT_BITS = 12;

/** `<checkout>/../shared/reference/estimators/datasets/szt_var_u.json` */
export const defaultSztPath: string = fileURLToPath(
  new URL("../../../../../shared/reference/estimators/datasets/szt_var_u.json", import.meta.url),
);

/** The path `loadSztDataset()` reads: the argument, else `INFOFLOW_SZT_PATH`, else the default. */
export function resolveSztPath(path?: string): string {
  return path ?? process.env.INFOFLOW_SZT_PATH ?? defaultSztPath;
}

interface JsonArray {
  shape: number[];
  data: number[];
}

function readArray(json: unknown, key: string, shape: number[], path: string): number[] {
  const field = (json as Record<string, unknown> | null)?.[key] as Partial<JsonArray> | undefined;
  if (field === undefined || !Array.isArray(field.shape) || !Array.isArray(field.data)) {
    throw new InvalidInputError(`${path}: field "${key}" must be {shape, data} arrays`);
  }
  if (field.shape.length !== shape.length || field.shape.some((v, i) => v !== shape[i])) {
    throw new InvalidInputError(
      `${path}: ${key}.shape is [${field.shape.join(", ")}], expected [${shape.join(", ")}]`,
    );
  }
  const size = shape.reduce((a, b) => a * b, 1);
  if (field.data.length !== size) {
    throw new InvalidInputError(`${path}: ${key}.data has ${field.data.length} values, expected ${size}`);
  }
  const bad = field.data.findIndex((v) => v !== 0 && v !== 1);
  if (bad >= 0) {
    throw new InvalidInputError(
      `${path}: ${key}.data[${bad}] is ${JSON.stringify(field.data[bad])}, expected 0 or 1`,
    );
  }
  return field.data;
}

/** Load and validate the SZT data set: x is 4096 × 12 (0/1 as Float64), labels 0/1. */
export function loadSztDataset(path?: string): { x: Samples; labels: Int32Array } {
  const file = resolveSztPath(path);
  if (!existsSync(file)) {
    throw new DataNotFoundError(
      `SZT data set not found at ${file}: it is third-party data and not in the repository; get data/var_u.mat from github.com/ravidziv/IDNNs, convert it to {x:{shape:[4096,12],data}, y:{shape:[4096],data}} JSON, and pass its path or set INFOFLOW_SZT_PATH`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new InvalidInputError(`${file}: not valid JSON (${(e as Error).message.split("\n")[0]})`);
  }
  const x = readArray(json, "x", [SZT_ROWS, SZT_BITS], file);
  const y = readArray(json, "y", [SZT_ROWS], file);
  // The data set is every 12-bit pattern once (estimators-math §0.3); a duplicate means a bad conversion.
  const seen = new Uint8Array(1 << SZT_BITS);
  for (let r = 0; r < SZT_ROWS; r++) {
    let code = 0;
    for (let b = 0; b < SZT_BITS; b++) code = (code << 1) | x[r * SZT_BITS + b];
    if (seen[code] === 1) throw new InvalidInputError(`${file}: x row ${r} repeats an earlier input pattern`);
    seen[code] = 1;
  }
  return {
    x: { data: Float64Array.from(x), n: SZT_ROWS, d: SZT_BITS },
    labels: Int32Array.from(y),
  };
}
