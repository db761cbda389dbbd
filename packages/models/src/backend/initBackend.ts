/**
 * TensorFlow.js backend selection at start-up: the native `tensorflow` backend of
 * `@tensorflow/tfjs-node` when that package can be imported at run time (it is never a hard
 * dependency: its install downloads libtensorflow, which fails on machines without network access
 * to Google's storage), else the WebAssembly backend with SIMD (XNNPACK; about 35× faster than the
 * plain JS backend on a 1000×1000 matmul on the project's 2-core machines, see
 * test/backend.test.ts), else the plain JS `cpu` backend.
 *
 * Every backend computes in float32. The information measures are computed in Float64 by the
 * other packages on activations copied out of tfjs, so float32 only limits the precision of the
 * network itself (weights, activations, gradients), not of the estimators.
 */
import { createRequire } from "node:module";
import { dirname } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { InvalidInputError } from "../errors";

export type BackendName = "tensorflow" | "wasm" | "cpu";
export const BACKEND_NAMES: readonly BackendName[] = ["tensorflow", "wasm", "cpu"];

let active: BackendName | undefined;
let announced = false;

/** Import tfjs-node by a computed name so that neither TypeScript nor a bundler requires it. */
async function tryNative(): Promise<boolean> {
  const name = ["@tensorflow", "tfjs-node"].join("/");
  try {
    await import(name);
  } catch {
    return false;
  }
  return tf.findBackend("tensorflow") !== undefined && (await tf.setBackend("tensorflow"));
}

/** The wasm binaries ship in the package's `dist/`; in Node emscripten reads them from a file path. */
async function tryWasm(): Promise<boolean> {
  try {
    const require = createRequire(import.meta.url);
    const dist = dirname(require.resolve("@tensorflow/tfjs-backend-wasm"));
    setWasmPaths(`${dist}/`);
    return await tf.setBackend("wasm");
  } catch {
    return false;
  }
}

async function trySet(name: BackendName): Promise<boolean> {
  if (name === "tensorflow") return tryNative();
  if (name === "wasm") return tryWasm();
  return tf.setBackend("cpu");
}

/**
 * Select and initialise the fastest available backend, or `preferred` first when given (falling
 * back down the list tensorflow → wasm → cpu when it is unavailable). Prints the backend that runs
 * once per process to stderr (unless `quiet`). Returns its name. Idempotent: later calls without a
 * different preference return the active backend.
 */
export async function initBackend(
  preferred?: BackendName,
  opts: { quiet?: boolean } = {},
): Promise<BackendName> {
  if (preferred !== undefined && !BACKEND_NAMES.includes(preferred)) {
    throw new InvalidInputError(
      `backend: unknown backend '${String(preferred)}' (use ${BACKEND_NAMES.join(", ")})`,
    );
  }
  if (active !== undefined && (preferred === undefined || preferred === active)) return active;
  // Production mode silences tfjs's console banners (the "install tfjs-node" notice); it does not
  // change any numbers.
  tf.enableProdMode();
  const order =
    preferred === undefined ? BACKEND_NAMES : [preferred, ...BACKEND_NAMES.filter((b) => b !== preferred)];
  for (const name of order) {
    if (await trySet(name)) {
      await tf.ready();
      active = name;
      if (!announced && !opts.quiet) {
        process.stderr.write(`infoflow: tfjs backend '${name}' (float32)\n`);
        announced = true;
      }
      return name;
    }
  }
  throw new InvalidInputError("backend: no tfjs backend could be initialised");
}

/** The backend selected by `initBackend`, or undefined before the first call. */
export function activeBackend(): BackendName | undefined {
  return active;
}
