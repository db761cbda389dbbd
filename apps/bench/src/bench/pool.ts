/**
 * Runs work messages across cores. `workers > 0`: a piscina pool of worker threads whose entry,
 * `worker-boot.mjs`, registers the tsx loader and then imports the TypeScript worker (worker threads on
 * Node 20 do not inherit the main thread's loader hooks, whether it runs under `node --import tsx` or
 * vitest). `workers = 0`: the same handler in this thread, one message at a time (debugging, and the
 * reference for "identical whatever the worker count").
 */
import { setMaxListeners } from "node:events";
import { Piscina } from "piscina";
import { handlerFor, type WorkMessage, type WorkResult } from "./handler";

/** Called once per message, in completion order: exactly one of `result` and `error` is set. */
export type OnSettled = (index: number, result: WorkResult | undefined, error: Error | undefined) => void;

export interface WorkPool {
  readonly workers: number;
  /** Resolves when every message has settled or, after `signal` aborts, when the pool has stopped. */
  runAll(messages: WorkMessage[], onSettled: OnSettled, signal?: AbortSignal): Promise<{ aborted: boolean }>;
  close(): Promise<void>;
}

export function createPool(options: { workers: number; registryUrl: string }): WorkPool {
  return options.workers > 0
    ? new ThreadPool(options.workers, options.registryUrl)
    : new InlinePool(options.registryUrl);
}

class ThreadPool implements WorkPool {
  private readonly piscina: Piscina;
  constructor(
    readonly workers: number,
    registryUrl: string,
  ) {
    this.piscina = new Piscina({
      filename: new URL("./worker-boot.mjs", import.meta.url).href,
      minThreads: workers,
      maxThreads: workers,
      workerData: { registryUrl },
      // the boot file registers tsx itself; an inherited `--import tsx` would only add its require hook
      execArgv: [],
    });
  }

  async runAll(
    messages: WorkMessage[],
    onSettled: OnSettled,
    signal?: AbortSignal,
  ): Promise<{ aborted: boolean }> {
    // piscina adds one abort listener per queued task
    if (signal) setMaxListeners(messages.length + 16, signal);
    await Promise.all(
      messages.map((msg, i) =>
        this.piscina.run(msg, signal ? { signal } : {}).then(
          (r: WorkResult) => {
            if (!signal?.aborted) onSettled(i, r, undefined);
          },
          (err: unknown) => {
            if (!signal?.aborted)
              onSettled(i, undefined, err instanceof Error ? err : new Error(String(err)));
          },
        ),
      ),
    );
    return { aborted: signal?.aborted ?? false };
  }

  async close(): Promise<void> {
    await this.piscina.destroy();
  }
}

class InlinePool implements WorkPool {
  readonly workers = 0;
  constructor(private readonly registryUrl: string) {}

  async runAll(
    messages: WorkMessage[],
    onSettled: OnSettled,
    signal?: AbortSignal,
  ): Promise<{ aborted: boolean }> {
    const handle = await handlerFor(this.registryUrl);
    for (let i = 0; i < messages.length; i++) {
      // let signal handlers and timers (progress lines) run between messages
      await new Promise((resolve) => setImmediate(resolve));
      if (signal?.aborted) return { aborted: true };
      let result: WorkResult | undefined;
      let error: Error | undefined;
      try {
        result = handle(messages[i]);
      } catch (err) {
        error = err instanceof Error ? err : new Error(String(err));
      }
      onSettled(i, result, error);
    }
    return { aborted: signal?.aborted ?? false };
  }

  async close(): Promise<void> {}
}
