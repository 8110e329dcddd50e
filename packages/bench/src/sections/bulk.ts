/**
 * Bulk revokes: `deleteMany` at several concurrencies against a plain sequential loop of
 * `delete`, on loopback. Throughput is measured here, the cases interleaved round by round;
 * peak RSS growth is measured in a fresh process per case, so no case inherits another's heap.
 *
 * A loopback server answers in tens of microseconds, so on a 2-core machine a sequential loop is
 * already bound by CPU (client and server each on one core) and concurrency cannot multiply it.
 * The server can therefore hold each answer back by `delayMs`, a stand-in for the network
 * round trip every real API has; both settings are reported.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  type BulkCase,
  type BulkCaseOutcome,
  bulkCaseName,
  createBulkClient,
  runBulkCase,
  tokenIds,
} from "../bulk/run-case.js";
import { median } from "../harness.js";
import { startLoopbackServer } from "../loopback/server.js";

export interface BulkOptions {
  /** Distinct ids per case. */
  readonly count: number;
  readonly concurrencies: readonly number[];
  /** Server-side delay settings to run, in ms. */
  readonly delaysMs: readonly number[];
  readonly rounds: number;
  /** Ids each case deletes before measuring. */
  readonly warmupIds: number;
}

export interface BulkThroughputRow {
  readonly name: string;
  readonly delayMs: number;
  /** Median over rounds. */
  readonly idsPerSec: number;
  /** Median of per-round ratios to the sequential loop. */
  readonly vsSequential: number;
}

export interface BulkRssRow {
  readonly name: string;
  readonly baselineMB: number;
  readonly peakMB: number;
  readonly growthMB: number;
  /** Heap still in use after the run and a full GC, relative to before it. */
  readonly retainedMB: number;
  readonly seconds: number;
}

export interface BulkResult {
  readonly options: BulkOptions;
  readonly throughput: readonly BulkThroughputRow[];
  readonly rss: readonly BulkRssRow[];
}

const MB = 1024 * 1024;
const rssProcessFile = fileURLToPath(new URL("../bulk/rss-process.ts", import.meta.url));

function casesOf(options: BulkOptions): BulkCase[] {
  return [
    { kind: "sequential" },
    ...options.concurrencies.map((concurrency): BulkCase => ({ kind: "deleteMany", concurrency })),
  ];
}

function checkOutcome(name: string, outcome: BulkCaseOutcome, count: number): void {
  if (outcome.deleted !== count || outcome.failed !== 0) {
    throw new Error(`${name}: deleted ${outcome.deleted} and failed ${outcome.failed} of ${count} ids`);
  }
}

async function throughputAt(delayMs: number, options: BulkOptions): Promise<BulkThroughputRow[]> {
  const server = await startLoopbackServer({ delayMs });
  try {
    const client = createBulkClient(server.url);
    const cases = casesOf(options);
    const ids = tokenIds(options.count);
    // Warm every path (and the JIT) so that no case's first round runs cold.
    for (const bulkCase of cases) await runBulkCase(client, bulkCase, ids.slice(0, options.warmupIds));
    const samples = cases.map((): number[] => []);
    for (let round = 0; round < options.rounds; round++) {
      for (let k = 0; k < cases.length; k++) {
        const index = (round + k) % cases.length;
        const bulkCase = cases[index] as BulkCase;
        (globalThis as { gc?: () => void }).gc?.();
        const outcome = await runBulkCase(client, bulkCase, ids);
        checkOutcome(bulkCaseName(bulkCase), outcome, options.count);
        samples[index]?.push(options.count / outcome.seconds);
      }
    }
    const sequential = samples[0] ?? [];
    return cases.map((bulkCase, index) => {
      const own = samples[index] ?? [];
      return {
        name: bulkCaseName(bulkCase),
        delayMs,
        idsPerSec: median(own),
        vsSequential: median(own.map((value, round) => value / (sequential[round] ?? Number.NaN))),
      };
    });
  } finally {
    await server.close();
  }
}

function rssInFreshProcess(baseUrl: string, bulkCase: BulkCase, count: number): Promise<BulkRssRow> {
  const child = fork(rssProcessFile, [], {
    execArgv: ["--expose-gc", "--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the bulk RSS process exited with code ${code} before reporting`)));
    child.once(
      "message",
      (message: BulkCaseOutcome & { baselineRss: number; peakRss: number; retainedHeap: number }) => {
        child.removeAllListeners("exit");
        const name = bulkCaseName(bulkCase);
        try {
          checkOutcome(name, message, count);
        } catch (error) {
          reject(error);
          return;
        }
        resolve({
          name,
          baselineMB: message.baselineRss / MB,
          peakMB: message.peakRss / MB,
          growthMB: (message.peakRss - message.baselineRss) / MB,
          retainedMB: message.retainedHeap / MB,
          seconds: message.seconds,
        });
      },
    );
    child.send({ baseUrl, bulkCase, count });
  });
}

export async function runBulk(options: BulkOptions): Promise<BulkResult> {
  const throughput: BulkThroughputRow[] = [];
  for (const delayMs of options.delaysMs) throughput.push(...(await throughputAt(delayMs, options)));

  const rss: BulkRssRow[] = [];
  const server = await startLoopbackServer();
  try {
    for (const bulkCase of casesOf(options)) rss.push(await rssInFreshProcess(server.url, bulkCase, options.count));
  } finally {
    await server.close();
  }
  return { options, throughput, rss };
}
