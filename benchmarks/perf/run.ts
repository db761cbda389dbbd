/**
 * `pnpm bench:perf`: runs every `benchmarks/perf/*.perf.ts` script in turn (or those whose name contains
 * one of the arguments) in its own Node process, so one slow or failing benchmark does not hide the others.
 * Each script prints its own table of infoflow time, the peer's recorded time and the ratio.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const scripts = readdirSync(here)
  .filter((f) => f.endsWith(".perf.ts"))
  .filter((f) => filters.length === 0 || filters.some((p) => f.includes(p)))
  .sort();
if (scripts.length === 0) {
  console.error(`bench:perf: no benchmark matches ${filters.join(", ") || "(none present)"}`);
  process.exit(1);
}
let failed = 0;
for (const script of scripts) {
  console.log(`\n=== ${script} ===`);
  const r = spawnSync(process.execPath, ["--import", "tsx", join(here, script)], { stdio: "inherit" });
  if (r.status !== 0) {
    failed++;
    console.error(`bench:perf: ${script} exited with ${r.status}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
