import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Every test file loads Redocly and openapi-typescript; sharing the module cache between files
    // in a worker saves most of that. The tests keep no module state: each works in its own scratch directory.
    isolate: false,
  },
});
