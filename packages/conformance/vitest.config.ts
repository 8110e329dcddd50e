import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    // Threads start faster than forked processes; each still has its own event loop (so the handle
    // checks see only their own file's timers and sockets) and its own copy of process.env.
    pool: "threads",
    // The suites mostly wait on sockets and back-off timers, but `pnpm test` runs other packages' tasks beside them:
    // one file per core keeps a busy machine from starving the timing-sensitive ones.
    maxWorkers: 2,
    // Upper bounds against a hang, not speed assertions: under load, Prism's start and the 1,000-id bulk runs
    // (whose 300 ms attempts then time out and retry more) take far longer than on a quiet machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
