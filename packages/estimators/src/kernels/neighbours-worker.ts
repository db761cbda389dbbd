/**
 * Helper-thread entry for `neighbours-pool.ts`: each message is one job; the thread claims chunks of its
 * rows from the shared counter until none is left.
 */
import { parentPort, workerData } from "node:worker_threads";
import { type PoolMessage, workChunks } from "./neighbours-pool";

parentPort?.on("message", (message: PoolMessage) => {
  workChunks(message.job, new Int32Array(message.control, 0, 4));
});
const { ready } = workerData as { ready: Int32Array };
Atomics.add(ready, 0, 1);
Atomics.notify(ready, 0);
