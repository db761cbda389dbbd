import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "numerics", include: ["test/**/*.test.ts"] },
});
