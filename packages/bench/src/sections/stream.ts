/**
 * Streaming bulk revokes at incident scale: a million ids through `deleteMany` from a generator,
 * with `keepResults: false`, in a fresh process; and the same batch aborted part way. Checked
 * against the targets: memory under 100 MB above the baseline, an abort settled within 100 ms,
 * and the event loop never blocked for more than 50 ms.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { StreamJob, StreamOutcome } from "../bulk/stream-process.js";
import { startLoopbackServer } from "../loopback/server.js";

export interface StreamOptions {
  readonly count: number;
  readonly concurrency: number;
  readonly abortAfterMs: number;
}

export interface StreamRow extends StreamOutcome {
  readonly name: string;
}

export interface StreamCheck {
  readonly name: string;
  readonly value: number;
  readonly limit: number;
  readonly unit: string;
  readonly pass: boolean;
}

export interface StreamResult {
  readonly options: StreamOptions;
  readonly rows: readonly StreamRow[];
  readonly checks: readonly StreamCheck[];
}

export const STREAM_TARGETS = { rssGrowthMB: 100, abortSettleMs: 100, loopBlockMs: 50 } as const;

const MB = 1024 * 1024;
const processFile = fileURLToPath(new URL("../bulk/stream-process.ts", import.meta.url));

function runInFreshProcess(job: StreamJob): Promise<StreamOutcome> {
  const child = fork(processFile, [], {
    execArgv: ["--expose-gc", "--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the stream process exited with code ${code} before reporting`)));
    child.once("message", (message: StreamOutcome) => {
      child.removeAllListeners("exit");
      resolve(message);
    });
    child.send(job);
  });
}

export async function runStream(options: StreamOptions): Promise<StreamResult> {
  const server = await startLoopbackServer();
  try {
    const base = { baseUrl: server.url, count: options.count, concurrency: options.concurrency };
    const whole = await runInFreshProcess(base);
    if (whole.settled !== options.count || whole.failed !== 0 || whole.aborted) {
      throw new Error(`stream: ${whole.settled} settled, ${whole.failed} failed of ${options.count} ids`);
    }
    const aborted = await runInFreshProcess({ ...base, abortAfterMs: options.abortAfterMs });
    if (!aborted.aborted) throw new Error("stream: the aborted batch ran to its end before the abort");
    const rows: StreamRow[] = [
      { name: `${options.count.toLocaleString("en-US")} ids, to the end`, ...whole },
      { name: `${options.count.toLocaleString("en-US")} ids, aborted after ${options.abortAfterMs} ms`, ...aborted },
    ];
    const growth = Math.max(...rows.map((row) => (row.peakRss - row.baselineRss) / MB));
    const block = Math.max(...rows.map((row) => row.maxLoopBlockMs));
    const settle = aborted.abortToSettleMs ?? Number.POSITIVE_INFINITY;
    const check = (name: string, value: number, limit: number, unit: string): StreamCheck => ({
      name,
      value,
      limit,
      unit,
      pass: value <= limit,
    });
    return {
      options,
      rows,
      checks: [
        check("peak RSS growth", growth, STREAM_TARGETS.rssGrowthMB, "MB"),
        check("abort to settled", settle, STREAM_TARGETS.abortSettleMs, "ms"),
        check("longest event-loop block", block, STREAM_TARGETS.loopBlockMs, "ms"),
      ],
    };
  } finally {
    await server.close();
  }
}
