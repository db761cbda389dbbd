// Piscina worker entry. The benchmark runs TypeScript source, and on Node 20 a worker thread inherits
// neither the tsx loader hooks of the main thread nor a usable `--import tsx` for ESM, so each worker
// registers tsx's ESM loader itself before importing the TypeScript worker module (which may then import
// packages that use top-level await).
import { register } from "tsx/esm/api";

register();
const { default: work } = await import("./worker.ts");

export default work;
