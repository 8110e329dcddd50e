/**
 * Runs one bulk case in a fresh process and reports how far its resident set grew, so no case
 * inherits another's heap. Started by `sections/bulk.ts` with `--expose-gc`; speaks over IPC.
 */
import { type BulkCase, createBulkClient, runBulkCase, tokenIds } from "./run-case.js";

interface Job {
  readonly baseUrl: string;
  readonly bulkCase: BulkCase;
  readonly count: number;
}

const SAMPLE_EVERY_MS = 1;

process.once("message", async (job: Job) => {
  const client = createBulkClient(job.baseUrl);
  const ids = tokenIds(job.count);
  // Warm the connection and the code paths, then start from a collected heap.
  await runBulkCase(client, job.bulkCase, tokenIds(Math.min(200, job.count)));
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  gc();
  const baselineRss = process.memoryUsage.rss();
  const baselineHeap = process.memoryUsage().heapUsed;
  let peakRss = baselineRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, SAMPLE_EVERY_MS);
  const outcome = await runBulkCase(client, job.bulkCase, ids);
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  // What the run still holds once garbage is gone (deleteMany's result lists): leaks would show here.
  gc();
  const retainedHeap = process.memoryUsage().heapUsed - baselineHeap;
  process.send?.({ ...outcome, baselineRss, peakRss, retainedHeap }, () => process.disconnect());
});
