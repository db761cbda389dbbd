import { defineProject } from "vitest/config";

// Long checks belong in *.slow.test.ts files, which the default run excludes.
export default defineProject({
  // A generous per-test timeout: the machine is shared, timings in CI are inflated.
  test: {
    name: "tasks",
    include: ["test/**/*.test.ts"],
    exclude: ["test/**/*.slow.test.ts"],
    testTimeout: 60_000,
  },
});
