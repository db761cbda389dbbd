/** Shared pieces of the bench tests: the fake registry's URL, a small suite, temporary directories. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { type RunOptions, type RunSummary, runSuite } from "../src/bench/runner";
import type { Suite } from "../src/bench/suite";
import { parseSuite } from "../src/bench/suite";
import { registry } from "./fixtures/fake-registry";

export const FAKE_REGISTRY_URL = new URL("./fixtures/fake-registry.ts", import.meta.url).href;

/** 2 gauss tasks (n0 = 1, 3) + 1 broken task; 4 estimator configurations; N ∈ {50, 200}; seeds 0–2. */
export function smallSuite(overrides: Partial<Record<keyof Suite, unknown>> = {}): Suite {
  return parseSuite(
    {
      name: "small",
      description: "framework test suite",
      tasks: [
        { spec: { family: "gauss", n0: 1, rho: 0.6 }, grid: { n0: [1, 3] } },
        { spec: { family: "broken", n0: 2 } },
      ],
      estimators: [
        { id: "gauss-mi", grid: { scale: [1, 0.5] } },
        { id: "gauss-h" },
        { id: "flaky", params: { minN: 100 } },
      ],
      n: [50, 200],
      seeds: [0, 1, 2],
      tolerance: { errorRelative: 0.05, errorAbsolute: 1e-6, truthRelative: 1e-6 },
      ...overrides,
    },
    "small (test)",
  );
}

/** A fresh temporary directory, removed after the file's tests. */
export function tempDir(prefix = "bench-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** `runSuite` with the fake registry, silent, in this thread unless `options` say otherwise. */
export function runFake(
  suite: Suite,
  outDir: string,
  options: Partial<RunOptions> = {},
): Promise<RunSummary> {
  return runSuite({
    suite,
    source: suite.name,
    registry,
    registryUrl: FAKE_REGISTRY_URL,
    outDir,
    workers: 0,
    resume: false,
    progressWrite: () => {},
    ...options,
  });
}
