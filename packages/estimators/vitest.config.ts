import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "estimators", include: ["test/**/*.test.ts"] },
});
