// Worker-thread bootstrap for neighbours-pool.ts: the package ships TypeScript sources (run by tsx), and
// a fresh worker thread has no loader, so register tsx here before importing the worker module.
import { register } from "tsx/esm/api";

register();
await import("./neighbours-worker.ts");
