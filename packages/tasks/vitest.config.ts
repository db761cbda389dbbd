import { defineProject } from "vitest/config";

// Slow checks (nonlinear replica solves) live in *.slow.test.ts: `pnpm --filter @infoflow/tasks test:slow`.
export default defineProject({
  // A generous per-test timeout: the machine is shared, timings in CI are inflated.
  test: {
    name: "tasks",
    include: ["test/**/*.test.ts"],
    exclude: ["test/**/*.slow.test.ts"],
    testTimeout: 60_000,
  },
});
