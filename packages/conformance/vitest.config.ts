import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    // Threads start faster than forked processes; each still has its own event loop (so the handle
    // checks see only their own file's timers and sockets) and its own copy of process.env.
    pool: "threads",
    // The suites mostly wait on sockets and back-off timers, not the CPU: more files than cores can run at once.
    maxWorkers: 4,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
