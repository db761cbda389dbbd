/**
 * A synchronous worker_threads pool for the tiled kernels. The estimator API is synchronous
 * (`estimate(x, y): Estimate`), so the calling thread posts a job, works on it itself, and blocks in
 * Atomics.wait until every chunk is done (Node allows Atomics.wait on the main thread). Work is split
 * into a fixed number of chunks chosen by the caller, independent of the thread count; threads take
 * chunks from a shared counter. Each chunk writes only its own part of the SharedArrayBuffer outputs,
 * so results are bit-identical for any number of threads (the caller reduces chunks in a fixed order).
 *
 * Workers start lazily, stay alive between calls (unref'd, so they never keep the process alive) and
 * load `lse.worker.ts` through tsx when running from TypeScript source. A worker that has not booted
 * yet, or cannot boot (e.g. in a bundle without the worker file), simply takes no chunks: the calling
 * thread then does them all, with the same result.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import { runTaskChunk, type TaskArgs, type TaskName } from "./lse-tasks";

/** Control words of a job: next chunk to take, chunks completed, error flag. */
const NEXT = 0;
const DONE = 1;
const FAILED = 2;

interface PoolWorker {
  readonly worker: Worker;
  readonly port: MessagePort;
  alive: boolean;
}

const pool: PoolWorker[] = [];
/** Word 0 counts workers that have booted (set by `lse.worker.ts`). */
const ready = new Int32Array(new SharedArrayBuffer(4));

function workerEntry(): { entry: string; loader?: string } | undefined {
  const here = fileURLToPath(import.meta.url);
  const ts = here.replace(/lse-workers\.(ts|js|mjs)$/, "lse.worker.ts");
  const js = here.replace(/lse-workers\.(ts|js|mjs)$/, "lse.worker.js");
  if (existsSync(js) && js !== here) return { entry: js };
  if (!existsSync(ts) || ts === here) return undefined;
  try {
    return { entry: ts, loader: createRequire(import.meta.url).resolve("tsx/cjs") };
  } catch {
    return undefined;
  }
}

const BOOT = `
const { workerData } = require("node:worker_threads");
try {
  if (workerData.loader) require(workerData.loader);
  require(workerData.entry);
} catch (e) {
  workerData.port.postMessage({ bootError: String((e && e.message) || e) });
}`;

function grow(count: number): void {
  const entry = workerEntry();
  if (entry === undefined) return;
  while (pool.length < count) {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(BOOT, {
      eval: true,
      workerData: { ...entry, port: port2, ready },
      transferList: [port2],
    });
    worker.unref();
    port1.unref();
    const w: PoolWorker = { worker, port: port1, alive: true };
    worker.on("error", () => {
      w.alive = false;
    });
    worker.on("exit", () => {
      w.alive = false;
    });
    pool.push(w);
  }
}

/**
 * Start workers so that `threads − 1` helpers exist and block until they have booted (or `timeoutMs`
 * passed). Optional: jobs start workers lazily anyway; benchmarks call this to time warm pools.
 * Returns the number of booted workers.
 */
export function warmWorkers(threads: number, timeoutMs = 10000): number {
  grow(threads - 1);
  const deadline = Date.now() + timeoutMs;
  for (let n = Atomics.load(ready, 0); n < threads - 1 && Date.now() < deadline; n = Atomics.load(ready, 0)) {
    Atomics.wait(ready, 0, n, 50);
    drainErrors();
    if (!pool.some((w) => w.alive)) break;
  }
  return Atomics.load(ready, 0);
}

/** Default thread count: the machine's parallelism, at most 4. */
export function defaultThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** Work (multiply-adds) above which a kernel is spread over `defaultThreads()` threads. */
const THREAD_WORK = 5e7;

/** Threads for a kernel of `work` multiply-adds: 1 for small jobs, `defaultThreads()` above ~5·10⁷. */
export function autoThreads(work: number): number {
  return work > THREAD_WORK ? defaultThreads() : 1;
}

/** Allocate a Float64Array on shared memory (zero-filled). */
export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(Math.max(1, length) * 8), 0, length);
}

/** Copy an array onto shared memory (workers read it without a copy). */
export function toShared<T extends Float64Array | Int32Array>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const sab = new SharedArrayBuffer(Math.max(1, a.byteLength));
  const out = (
    a instanceof Float64Array ? new Float64Array(sab, 0, a.length) : new Int32Array(sab, 0, a.length)
  ) as T;
  out.set(a);
  return out;
}

function drainErrors(): string | undefined {
  let message: string | undefined;
  for (const w of pool) {
    for (let m = receiveMessageOnPort(w.port); m !== undefined; m = receiveMessageOnPort(w.port)) {
      const msg = m.message as { bootError?: string; taskError?: string };
      if (msg.bootError !== undefined) w.alive = false;
      if (msg.taskError !== undefined) message ??= msg.taskError;
    }
  }
  return message;
}

/**
 * Run chunks 0..chunks−1 of `task` on up to `threads` threads (the calling one included) and return
 * when all are done; returns how many chunks the calling thread did itself. Array arguments the workers must see should be on shared memory (`toShared`,
 * `sharedFloat64`); outputs must be.
 */
export function runChunks(task: TaskName, args: TaskArgs, chunks: number, threads: number): number {
  const helpers = Math.min(threads, chunks) - 1;
  const ctrl = new Int32Array(new SharedArrayBuffer(3 * 4));
  if (helpers > 0) {
    grow(helpers);
    drainErrors();
    let posted = 0;
    for (const w of pool) {
      if (posted === helpers) break;
      if (!w.alive) continue;
      w.worker.postMessage({ task, args, ctrl, chunks });
      posted++;
    }
  }
  let own = 0;
  for (let c = Atomics.add(ctrl, NEXT, 1); c < chunks; c = Atomics.add(ctrl, NEXT, 1)) {
    runTaskChunk(task, args, c);
    Atomics.add(ctrl, DONE, 1);
    own++;
  }
  for (let done = Atomics.load(ctrl, DONE); done < chunks; done = Atomics.load(ctrl, DONE)) {
    Atomics.wait(ctrl, DONE, done, 1000);
  }
  if (Atomics.load(ctrl, FAILED) !== 0) {
    throw new Error(`worker failed in ${task}: ${drainErrors() ?? "unknown error"}`);
  }
  return own;
}

/** Worker side: take chunks of a posted job until none are left (used by `lse.worker.ts`). */
export function workChunks(
  msg: { task: TaskName; args: TaskArgs; ctrl: Int32Array; chunks: number },
  report: (error: string) => void,
): void {
  const { task, args, ctrl, chunks } = msg;
  for (let c = Atomics.add(ctrl, NEXT, 1); c < chunks; c = Atomics.add(ctrl, NEXT, 1)) {
    try {
      runTaskChunk(task, args, c);
    } catch (e) {
      report(e instanceof Error ? e.message : String(e));
      Atomics.store(ctrl, FAILED, 1);
    }
    Atomics.add(ctrl, DONE, 1);
    Atomics.notify(ctrl, DONE);
  }
}
