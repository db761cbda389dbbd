/**
 * One synchronous worker_threads pool for every parallel kernel of the package (the tasks of
 * `worker-tasks.ts`: pairwise mixture sums, Gaussian log-sum-exp, SP conditional mixtures, neighbour
 * search). The estimator API is synchronous (`estimate(x, y): Estimate`), so the calling thread posts a
 * job, works on it itself, and blocks in Atomics.wait until every chunk is done (Node allows
 * Atomics.wait on the main thread). A job is split into a number of chunks the caller chooses from the
 * problem alone, never from the thread count; threads claim chunks from a shared counter; each chunk
 * writes only its own part of the shared-memory outputs and callers reduce chunks in a fixed order, so
 * results are bit-identical for any number of threads.
 *
 * Helpers start lazily, stay alive between jobs (unref'd: they never keep a process alive) and run this
 * very module: from TypeScript source each registers tsx's CommonJS loader first (a worker thread
 * inherits no loader hooks from its parent, under `node --import tsx` or vitest alike; two helpers boot
 * in ≈1 s through the CommonJS hook against ≈1.7 s through tsx's ESM `register()`, measured on 2 cores).
 * A helper that is still booting, or cannot boot, only takes no chunks: the calling thread then does
 * them, with the same result.
 */
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { parentPort, Worker, workerData } from "node:worker_threads";
import { runTaskChunk, type TaskArgs, type TaskName } from "./worker-tasks";

/** Control words of a job (then a UTF-8 error message): next chunk, chunks done, chunk count, failed. */
const NEXT = 0;
const DONE = 1;
const TOTAL = 2;
const FAILED = 3;
const HEADER_BYTES = 16;
const MESSAGE_BYTES = 1024;

/** Pool status words, shared with the helpers: helpers booted, helpers that failed to boot. */
const BOOTED = 0;
const BOOT_FAILED = 1;
const status = new Int32Array(new SharedArrayBuffer(8));

/** What a helper receives per job (structured-cloned once, so `args` keeps one identity per thread). */
interface JobMessage {
  readonly task: TaskName;
  readonly args: TaskArgs<TaskName>;
  readonly control: SharedArrayBuffer;
}

const pool: Worker[] = [];

/** Helper bootstrap: CommonJS, so that tsx's require hook can load this TypeScript module. */
const BOOT = `
const { workerData } = require("node:worker_threads");
try {
  if (workerData.loader) require(workerData.loader);
  require(workerData.entry).serveChunks();
} catch (e) {
  Atomics.add(workerData.status, ${BOOT_FAILED}, 1);
  throw e;
}`;

let bootData: { entry: string; loader?: string } | null | undefined;

/** This module's file and, for TypeScript source, the tsx loader; null where helpers cannot start. */
function helperBoot(): { entry: string; loader?: string } | null {
  if (bootData !== undefined) return bootData;
  try {
    const entry = fileURLToPath(import.meta.url);
    const loader = entry.endsWith(".ts") ? createRequire(import.meta.url).resolve("tsx/cjs") : undefined;
    bootData = loader === undefined ? { entry } : { entry, loader };
  } catch {
    bootData = null;
  }
  return bootData;
}

function grow(count: number): void {
  const boot = helperBoot();
  // a helper that failed to boot will fail again: the calling thread does the work instead
  if (boot === null || Atomics.load(status, BOOT_FAILED) > 0) return;
  while (pool.length < count) {
    const worker = new Worker(BOOT, {
      eval: true,
      // the boot script registers the loader it needs; an inherited `--import tsx` would only add a
      // second (ESM) hook thread per helper
      execArgv: [],
      workerData: { ...boot, status },
    });
    worker.unref();
    const drop = () => {
      const at = pool.indexOf(worker);
      if (at >= 0) pool.splice(at, 1);
    };
    worker.on("error", drop);
    worker.on("exit", drop);
    pool.push(worker);
  }
}

/**
 * Start `threads − 1` helpers and block until they have booted (or failed to, or `timeoutMs` passed).
 * Optional: jobs start helpers lazily anyway; benchmarks and tests call it to time or check a warm pool.
 * Returns the number of booted helpers.
 */
export function warmWorkers(threads: number, timeoutMs = 20000): number {
  grow(threads - 1);
  const deadline = Date.now() + timeoutMs;
  for (
    let n = Atomics.load(status, BOOTED);
    n + Atomics.load(status, BOOT_FAILED) < threads - 1 && Date.now() < deadline;
    n = Atomics.load(status, BOOTED)
  ) {
    Atomics.wait(status, BOOTED, n, 50);
  }
  return Atomics.load(status, BOOTED);
}

/** Stop the helpers (tests; long-lived processes that want the memory back). */
export async function closeWorkers(): Promise<void> {
  const workers = pool.splice(0, pool.length);
  await Promise.all(workers.map((w) => w.terminate()));
  Atomics.store(status, BOOTED, 0);
  Atomics.store(status, BOOT_FAILED, 0);
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

/** Claim and run chunks of a job until none is left (calling thread and helpers alike); returns how many. */
function takeChunks<T extends TaskName>(
  task: T,
  args: TaskArgs<T>,
  control: Int32Array,
  onError: (error: unknown) => void,
): number {
  const total = control[TOTAL];
  let own = 0;
  for (let c = Atomics.add(control, NEXT, 1); c < total; c = Atomics.add(control, NEXT, 1)) {
    try {
      runTaskChunk(task, args, c);
    } catch (error) {
      onError(error);
    }
    own++;
    Atomics.add(control, DONE, 1);
    Atomics.notify(control, DONE);
  }
  return own;
}

/** Keep a helper's first error in the job's control buffer, where the calling thread reads it. */
function recordFailure(control: Int32Array, error: unknown): void {
  if (Atomics.compareExchange(control, FAILED, 0, 1) !== 0) return;
  const text = new TextEncoder().encode(error instanceof Error ? error.message : String(error));
  new Uint8Array(control.buffer, HEADER_BYTES, MESSAGE_BYTES).set(text.subarray(0, MESSAGE_BYTES));
}

/**
 * Run chunks 0..chunks−1 of `task` on up to `threads` threads (the calling one included) and return
 * when all are done; returns how many chunks the calling thread did itself. Arrays the helpers must see
 * should be on shared memory (`shared-memory.ts`); outputs must be. An error in any chunk is thrown
 * once every chunk has finished.
 */
export function runChunks<T extends TaskName>(
  task: T,
  args: TaskArgs<T>,
  chunks: number,
  threads: number,
): number {
  const helpers = Math.min(threads, chunks) - 1;
  const control = new Int32Array(new SharedArrayBuffer(HEADER_BYTES + MESSAGE_BYTES), 0, 4);
  control[TOTAL] = chunks;
  if (helpers > 0) {
    grow(helpers);
    const message: JobMessage = { task, args, control: control.buffer as SharedArrayBuffer };
    for (const worker of pool.slice(0, helpers)) worker.postMessage(message);
  }
  let ownFailed = false;
  let ownError: unknown;
  const own = takeChunks(task, args, control, (error) => {
    if (!ownFailed) ownError = error;
    ownFailed = true;
  });
  for (let done = Atomics.load(control, DONE); done < chunks; done = Atomics.load(control, DONE)) {
    Atomics.wait(control, DONE, done);
  }
  if (ownFailed) throw ownError;
  if (control[FAILED] !== 0) {
    const bytes = new Uint8Array(control.buffer, HEADER_BYTES, MESSAGE_BYTES);
    const end = bytes.indexOf(0);
    const text = new TextDecoder().decode(bytes.slice(0, end < 0 ? MESSAGE_BYTES : end));
    throw new Error(`worker failed in ${task}: ${text}`);
  }
  return own;
}

/** Helper-thread side, called by `BOOT`: take chunks of every job posted until none is left. */
export function serveChunks(): void {
  const shared = (workerData as { status: Int32Array }).status;
  parentPort?.on("message", (m: JobMessage) => {
    const control = new Int32Array(m.control, 0, 4);
    takeChunks(m.task, m.args, control, (error) => recordFailure(control, error));
  });
  Atomics.add(shared, BOOTED, 1);
  Atomics.notify(shared, BOOTED);
}
