/**
 * Runs work messages across cores. `workers > 0`: a piscina pool of worker threads, each started with the
 * tsx loader so it runs the TypeScript source (the CLI's own `node --import tsx` is inherited when present,
 * else the loader is passed in `execArgv` — the case under vitest). `workers = 0`: the same handler in this
 * thread, one message at a time (debugging, and the reference for "identical whatever the worker count").
 */
import { setMaxListeners } from "node:events";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
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

/** `--import <tsx loader>` unless this process already runs under tsx (then workers inherit it). */
export function workerExecArgv(execArgv: readonly string[] = process.execArgv): string[] | undefined {
  if (execArgv.some((a) => /\btsx\b/.test(a))) return undefined;
  const loader = createRequire(import.meta.url).resolve("tsx");
  return ["--import", pathToFileURL(loader).href];
}

class ThreadPool implements WorkPool {
  private readonly piscina: Piscina;
  constructor(
    readonly workers: number,
    registryUrl: string,
  ) {
    const execArgv = workerExecArgv();
    this.piscina = new Piscina({
      filename: new URL("./worker.ts", import.meta.url).href,
      minThreads: workers,
      maxThreads: workers,
      workerData: { registryUrl },
      ...(execArgv ? { execArgv } : {}),
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
