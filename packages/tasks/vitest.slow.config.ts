import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "tasks-slow", include: ["test/**/*.slow.test.ts"], testTimeout: 600_000 },
});
