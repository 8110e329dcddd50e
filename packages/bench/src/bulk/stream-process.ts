/**
 * One streaming bulk run in a fresh process: `deleteMany` over a generator of ids (never an
 * array) with `keepResults: false`, optionally aborted part way. Reports how far the resident set
 * grew, how long the event loop was ever blocked, and how long an abort took to settle. Started by
 * `sections/stream.ts` with `--expose-gc`; speaks over IPC.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createBulkClient, tokenIds } from "./run-case.js";

export interface StreamJob {
  readonly baseUrl: string;
  readonly count: number;
  readonly concurrency: number;
  /** Abort this long after the start; `undefined` runs to the end. */
  readonly abortAfterMs?: number | undefined;
}

export interface StreamOutcome {
  readonly seconds: number;
  readonly settled: number;
  readonly failed: number;
  readonly aborted: boolean;
  /** From `abort()` to `deleteMany` resolving. */
  readonly abortToSettleMs: number | null;
  /** The longest the event loop was blocked during the run. */
  readonly maxLoopBlockMs: number;
  readonly baselineRss: number;
  readonly peakRss: number;
}

const SAMPLE_EVERY_MS = 5;

function* streamedIds(count: number): Generator<string> {
  for (let index = 0; index < count; index++) yield `tok_${index.toString(36).padStart(6, "0")}`;
}

process.once("message", async (job: StreamJob) => {
  const client = createBulkClient(job.baseUrl);
  // Warm the connections and the code paths, then start from a collected heap.
  await client.apiTokens.deleteMany(tokenIds(500), { concurrency: job.concurrency, keepResults: false });
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  gc();
  const baselineRss = process.memoryUsage.rss();
  let peakRss = baselineRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, SAMPLE_EVERY_MS);
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();

  const controller = new AbortController();
  let abortedAt: number | undefined;
  const timer =
    job.abortAfterMs === undefined
      ? undefined
      : setTimeout(() => {
          abortedAt = performance.now();
          controller.abort();
        }, job.abortAfterMs);
  let settled = 0;
  let failed = 0;
  const started = performance.now();
  const result = await client.apiTokens.deleteMany(streamedIds(job.count), {
    concurrency: job.concurrency,
    keepResults: false,
    signal: controller.signal,
    onSettled(outcome) {
      settled++;
      if ("error" in outcome) failed++;
    },
  });
  const ended = performance.now();
  clearTimeout(timer);
  loop.disable();
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  const outcome: StreamOutcome = {
    seconds: (ended - started) / 1000,
    settled,
    failed,
    aborted: result.aborted,
    abortToSettleMs: abortedAt === undefined ? null : ended - abortedAt,
    // The histogram's max includes its own 1 ms resolution.
    maxLoopBlockMs: Math.max(0, loop.max / 1e6 - 1),
    baselineRss,
    peakRss,
  };
  process.send?.(outcome, () => process.disconnect());
});
