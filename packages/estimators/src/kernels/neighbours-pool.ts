/**
 * Row-parallel execution of neighbour jobs on worker threads, with a synchronous API: the estimators'
 * `estimate()` stays synchronous because the calling thread blocks in `Atomics.wait` (allowed in Node)
 * while helpers run. A job is split into a fixed number of chunks (`neighbourChunks`, independent of the
 * thread count) handed out through a shared atomic counter; the calling thread takes chunks too, so a
 * helper that is still booting (or cannot boot) only means less help, never a missing row. Every row's
 * result has its own output slot, so the output is the same for any thread count.
 *
 * Workers start lazily, stay alive between calls and are `unref`'d (they never keep a process alive).
 */
import { Worker } from "node:worker_threads";
import { type NeighbourJob, neighbourChunks, runNeighbourChunk } from "./neighbours-jobs";

const NEXT = 0;
const DONE = 1;
const TOTAL = 2;
const FAILED = 3;
const HEADER_BYTES = 16;
const MESSAGE_BYTES = 1024;

/** What a helper thread receives. */
export interface PoolMessage {
  readonly job: NeighbourJob;
  readonly control: SharedArrayBuffer;
}

const pool: Worker[] = [];
/** Word 0 counts helpers that have booted (set by `neighbours-worker.ts`). */
const ready = new Int32Array(new SharedArrayBuffer(4));
let poolBroken = false;

function grow(count: number): void {
  while (pool.length < count && !poolBroken) {
    const worker = new Worker(new URL("./neighbours-boot.mjs", import.meta.url), { workerData: { ready } });
    worker.unref();
    // A helper that cannot start (e.g. no TypeScript loader) is not used again; the other threads
    // take the rows it would have taken.
    worker.on("error", () => {
      poolBroken = true;
      const at = pool.indexOf(worker);
      if (at >= 0) pool.splice(at, 1);
    });
    pool.push(worker);
  }
}

/**
 * Start `threads − 1` helpers and block until they have booted or `timeoutMs` passed (benchmarks and
 * tests call it to measure a warm pool). Returns the number of booted helpers.
 */
export function warmNeighbourPool(threads: number, timeoutMs = 20000): number {
  grow(threads - 1);
  const deadline = Date.now() + timeoutMs;
  for (let n = Atomics.load(ready, 0); n < threads - 1 && Date.now() < deadline; n = Atomics.load(ready, 0)) {
    Atomics.wait(ready, 0, n, 50);
  }
  return Atomics.load(ready, 0);
}

function recordFailure(control: Int32Array, error: unknown): void {
  if (Atomics.compareExchange(control, FAILED, 0, 1) !== 0) return;
  const text = new TextEncoder().encode(error instanceof Error ? error.message : String(error));
  new Uint8Array(control.buffer, HEADER_BYTES, MESSAGE_BYTES).set(text.subarray(0, MESSAGE_BYTES));
}

/** Claim and run chunks until none is left (calling thread and helpers alike); returns how many. */
export function workChunks(job: NeighbourJob, control: Int32Array): number {
  const total = control[TOTAL];
  let own = 0;
  for (let c = Atomics.add(control, NEXT, 1); c < total; c = Atomics.add(control, NEXT, 1)) {
    try {
      runNeighbourChunk(job, c);
    } catch (error) {
      recordFailure(control, error);
    }
    own++;
    Atomics.add(control, DONE, 1);
    Atomics.notify(control, DONE);
  }
  return own;
}

/**
 * Run `job` over all its rows with up to `threads` threads (1 = inline). Synchronous; returns the number
 * of chunks the calling thread computed itself.
 */
export function runNeighbourJob(job: NeighbourJob, threads = 1): number {
  const total = neighbourChunks(job);
  const helpers = Math.min(threads, total) - 1;
  const control = new Int32Array(new SharedArrayBuffer(HEADER_BYTES + MESSAGE_BYTES), 0, 4);
  control[TOTAL] = total;
  if (helpers > 0) {
    grow(helpers);
    const message: PoolMessage = { job, control: control.buffer as SharedArrayBuffer };
    for (const worker of pool.slice(0, helpers)) worker.postMessage(message);
  }
  const own = workChunks(job, control);
  for (let done = Atomics.load(control, DONE); done < total; done = Atomics.load(control, DONE)) {
    Atomics.wait(control, DONE, done);
  }
  if (control[FAILED] !== 0) {
    const bytes = new Uint8Array(control.buffer, HEADER_BYTES, MESSAGE_BYTES);
    const end = bytes.indexOf(0);
    const text = new TextDecoder().decode(bytes.slice(0, end < 0 ? MESSAGE_BYTES : end));
    throw new Error(`neighbour search failed: ${text}`);
  }
  return own;
}

/** Stop the helper threads (tests; long-lived processes that want the memory back). */
export async function closeNeighbourPool(): Promise<void> {
  const workers = pool.splice(0, pool.length);
  Atomics.store(ready, 0, 0);
  await Promise.all(workers.map((w) => w.terminate()));
}
