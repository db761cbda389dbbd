/**
 * The worker's handler (imported by `worker-boot.mjs`, which registers tsx first): the registry module named
 * in `workerData` is imported once per thread.
 */
import { workerData } from "piscina";
import { handlerFor, type WorkMessage, type WorkResult } from "./handler";

const { registryUrl } = workerData as { registryUrl: string };

export default async function work(msg: WorkMessage): Promise<WorkResult> {
  const handle = await handlerFor(registryUrl);
  return handle(msg);
}
