import { defineConfig } from "vitest/config";

// One workspace config; each package and app is its own project (its own vitest.config.ts).
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*"],
  },
});
