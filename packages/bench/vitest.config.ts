import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The quick benchmark starts servers and tsc; it stays well under a minute.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
