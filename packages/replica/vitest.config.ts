import { defineProject } from "vitest/config";

// Long checks (the full §6.5 multi-layer tables, big spectra) live in *.slow.test.ts, which the default run
// excludes; `SLOW=1 pnpm exec vitest run --project replica` runs them too.
export default defineProject({
  test: {
    name: "replica",
    include: ["test/**/*.test.ts"],
    exclude: process.env.SLOW === "1" ? [] : ["test/**/*.slow.test.ts"],
    testTimeout: 120_000,
  },
});
