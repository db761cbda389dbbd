/**
 * Access to the reference data that may not be committed (the SZT data set and the layers computed
 * from it, see shared/reference/README.md): tests read them from ../shared/reference/estimators/ and
 * run only when that directory exists (`describe.runIf(HAVE_SHARED)`), printing why otherwise.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Samples } from "../src/interface";

export const SHARED_ESTIMATORS = fileURLToPath(
  new URL("../../../../shared/reference/estimators/", import.meta.url),
);

export function haveShared(file: string, why: string): boolean {
  const ok = existsSync(SHARED_ESTIMATORS + file);
  if (!ok)
    console.warn(`skipping ${why}: ${SHARED_ESTIMATORS}${file} is absent (not committable; CI has it)`);
  return ok;
}

interface Shaped {
  shape: number[];
  data: number[];
}

export function readShared<T = Record<string, unknown>>(file: string): T {
  return JSON.parse(readFileSync(SHARED_ESTIMATORS + file, "utf8")) as T;
}

export function toSamples(a: Shaped): Samples {
  return { data: Float64Array.from(a.data), n: a.shape[0], d: a.shape.length > 1 ? a.shape[1] : 1 };
}

export interface PeerRow {
  dataset: string;
  n: number;
  peer: string;
  quantity: string;
  params: Record<string, unknown>;
  value_nats: number;
  ground_truth_nats: number | null;
  mean_over_runs_nats?: number;
  std_over_runs_nats?: number;
  median_wall_s: number;
}

export function peerRows(): PeerRow[] {
  return readShared<{ results: PeerRow[] }>("peer-results.json").results;
}

/** The committed fixture: first 1000 rows of the gauss_d* x arrays and the peers' values on them. */
export interface GaussFixture {
  datasets: Record<string, Shaped>;
  peers: Array<{
    dataset: string;
    peer: string;
    quantity: string;
    params: { var: number; n_MC?: number };
    value_nats: number;
    mean_over_runs_nats: number;
    std_over_runs_nats: number;
  }>;
}

export function gaussFixture(): GaussFixture {
  return JSON.parse(
    readFileSync(new URL("fixtures/gauss-x-1000.json", import.meta.url), "utf8"),
  ) as GaussFixture;
}
