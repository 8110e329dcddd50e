/**
 * Streaming bulk revokes at incident scale: a million ids through `deleteMany` from a generator,
 * with `keepResults: false`, in a fresh process; and the same batch aborted part way. Bare `fetch`
 * workers run the same ids as a baseline. Checked against the targets: memory under 100 MB above
 * the process's baseline, an abort settled within 100 ms, and the event loop never blocked for more
 * than 50 ms between the abort and the batch settling.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { StreamContender, StreamJob, StreamOutcome } from "../bulk/stream-process.js";
import { startLoopbackServer } from "../loopback/server.js";

export interface StreamOptions {
  readonly count: number;
  readonly concurrency: number;
  readonly abortAfterMs: number;
}

export interface StreamRow extends StreamOutcome {
  readonly name: string;
  readonly contender: StreamContender;
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
    const rows: StreamRow[] = [];
    const ids = options.count.toLocaleString("en-US");
    const label = { sdk: "deleteMany", fetch: "bare fetch workers (baseline)" } as const;
    for (const contender of ["sdk", "fetch"] as const) {
      const base = { contender, baseUrl: server.url, count: options.count, concurrency: options.concurrency };
      const whole = await runInFreshProcess(base);
      if (whole.settled !== options.count || whole.failed !== 0 || whole.aborted) {
        throw new Error(
          `stream (${contender}): ${whole.settled} settled, ${whole.failed} failed of ${options.count} ids`,
        );
      }
      const aborted = await runInFreshProcess({ ...base, abortAfterMs: options.abortAfterMs });
      if (!aborted.aborted) throw new Error(`stream (${contender}): the batch ran to its end before the abort`);
      rows.push(
        { name: `${label[contender]}: ${ids} ids, to the end`, contender, ...whole },
        { name: `${label[contender]}: ${ids} ids, aborted after ${options.abortAfterMs} ms`, contender, ...aborted },
      );
    }
    // The targets are the SDK's; the baseline shows what Node's fetch alone costs at the same concurrency.
    const sdk = rows.filter((row) => row.contender === "sdk");
    const growth = Math.max(...sdk.map((row) => (row.peakRss - row.baselineRss) / MB));
    const abortedRun = sdk.find((row) => row.aborted);
    const settle = abortedRun?.abortToSettleMs ?? Number.POSITIVE_INFINITY;
    const block = abortedRun?.abortLoopBlockMs ?? Number.POSITIVE_INFINITY;
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
        check("longest event-loop block, abort to settled", block, STREAM_TARGETS.loopBlockMs, "ms"),
      ],
    };
  } finally {
    await server.close();
  }
}
