/**
 * Entry of the kernel worker threads (see `lse-workers.ts`): receives jobs and takes chunks until none
 * are left. Errors are reported on the port the pool reads synchronously.
 */
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import { workChunks } from "./lse-workers";

const { port, ready } = workerData as { port: MessagePort; ready: Int32Array };
parentPort?.on("message", (msg) => workChunks(msg, (taskError) => port.postMessage({ taskError })));
Atomics.add(ready, 0, 1);
Atomics.notify(ready, 0);
