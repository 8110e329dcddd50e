/**
 * One streaming bulk run in a fresh process: `deleteMany` over a generator of ids (never an
 * array) with `keepResults: false`, optionally aborted part way; or, as the baseline, the same ids
 * through bare `fetch` workers at the same concurrency. Reports how far the resident set grew, how
 * long the event loop was ever blocked (over the whole run, and from the abort until the batch
 * settled), and how long an abort took to settle. Started by `sections/stream.ts` with
 * `--expose-gc`; speaks over IPC.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { ARCHIL_API_KEY } from "../contenders.js";
import { createBulkClient, tokenIds } from "./run-case.js";

/** `sdk`: the vendor client's `deleteMany`. `fetch`: bare `fetch` workers, what any client on Node's fetch pays. */
export type StreamContender = "sdk" | "fetch";

export interface StreamJob {
  readonly contender: StreamContender;
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
  /** The longest the event loop was blocked from `abort()` (its own synchronous work included) until the batch settled. */
  readonly abortLoopBlockMs: number | null;
  readonly baselineRss: number;
  readonly peakRss: number;
}

const SAMPLE_EVERY_MS = 5;

function* streamedIds(count: number): Generator<string> {
  for (let index = 0; index < count; index++) yield `tok_${index.toString(36).padStart(6, "0")}`;
}

/** A batch over `ids`: resolves with whether it was aborted; `onSettled` runs once per id. */
type Batch = (ids: Iterable<string>, signal: AbortSignal, onSettled: (failed: boolean) => void) => Promise<boolean>;

function sdkBatch(job: StreamJob): Batch {
  const client = createBulkClient(job.baseUrl);
  return async (ids, signal, onSettled) => {
    const result = await client.apiTokens.deleteMany(ids, {
      concurrency: job.concurrency,
      keepResults: false,
      signal,
      onSettled: (outcome) => onSettled("error" in outcome),
    });
    return result.aborted;
  };
}

/**
 * The same route, credential and concurrency with nothing but `fetch`: no checks, no timeouts, no
 * de-duplication. An abort stops the workers taking ids and lets the requests in flight finish: a
 * batch signal handed to every `fetch` would collect one undici listener per request until GC.
 */
function fetchBatch(job: StreamJob): Batch {
  return async (ids, signal, onSettled) => {
    const source = ids[Symbol.iterator]();
    const worker = async () => {
      while (!signal.aborted) {
        const next = source.next();
        if (next.done) return;
        try {
          const response = await fetch(`${job.baseUrl}/api/tokens/${encodeURIComponent(next.value)}`, {
            method: "DELETE",
            headers: { Authorization: ARCHIL_API_KEY },
          });
          await response.json();
          onSettled(!response.ok);
        } catch {
          onSettled(true);
        }
      }
    };
    await Promise.all(Array.from({ length: job.concurrency }, worker));
    return signal.aborted;
  };
}

process.once("message", async (job: StreamJob) => {
  const batch = job.contender === "sdk" ? sdkBatch(job) : fetchBatch(job);
  // Warm the connections and the code paths, then start from a collected heap.
  await batch(tokenIds(500), new AbortController().signal, () => {});
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
  // Enabled just before `abort()`, in the same turn: its first sample's delay includes abort()'s own work.
  const afterAbort = monitorEventLoopDelay({ resolution: 1 });
  const timer =
    job.abortAfterMs === undefined
      ? undefined
      : setTimeout(() => {
          afterAbort.enable();
          abortedAt = performance.now();
          controller.abort();
        }, job.abortAfterMs);
  let settled = 0;
  let failed = 0;
  const started = performance.now();
  const aborted = await batch(streamedIds(job.count), controller.signal, (wasFailure) => {
    settled++;
    if (wasFailure) failed++;
  });
  const ended = performance.now();
  clearTimeout(timer);
  // One more turn, so that a block just before the batch settled is sampled too.
  await new Promise((resolve) => setTimeout(resolve, 2));
  loop.disable();
  afterAbort.disable();
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  const outcome: StreamOutcome = {
    seconds: (ended - started) / 1000,
    settled,
    failed,
    aborted,
    abortToSettleMs: abortedAt === undefined ? null : ended - abortedAt,
    // The histogram's max includes its own 1 ms resolution.
    maxLoopBlockMs: Math.max(0, loop.max / 1e6 - 1),
    abortLoopBlockMs: abortedAt === undefined ? null : Math.max(0, afterAbort.max / 1e6 - 1),
    baselineRss,
    peakRss,
  };
  process.send?.(outcome, () => process.disconnect());
});
