/**
 * Per-call cost of each client, side by side in this process:
 *   - loopback:   against a keep-alive node:http server in another process on 127.0.0.1;
 *   - in-process: against a `fetch` that answers from memory, so only client CPU is left.
 */
import { archilWithFetchOption, BASELINES, type ContenderName, createContenders, memoryFetch } from "../contenders.js";
import { type CompareOptions, type Contender, type ContenderResult, compare, pairedRatio } from "../harness.js";
import { type ServerCounts, startLoopbackServer } from "../loopback/server.js";

export type OverheadMode = "loopback" | "in-process";

export interface OverheadRow {
  readonly name: string;
  readonly opsPerSec: number;
  readonly microsPerOp: number;
  /** This process's CPU time per call (all threads, GC included). */
  readonly cpuMicrosPerOp: number;
  /** Median of per-round ratios to raw `fetch` on the same route (1 = as fast). */
  readonly vsRawFetch: number;
  /** Median of per-round ratios to bare openapi-fetch on the same route. */
  readonly vsOpenapiFetch: number;
  /** The same, in ops per CPU second: steadier when other work shares the machine. */
  readonly vsRawFetchCpu: number;
  readonly vsOpenapiFetchCpu: number;
}

export interface OverheadResult {
  readonly mode: OverheadMode;
  readonly options: CompareOptions;
  readonly rows: readonly OverheadRow[];
  /** Loopback only: what the server saw, to prove every request hit a real route. */
  readonly server?: ServerCounts;
}

function rowsOf(results: readonly ContenderResult[]): OverheadRow[] {
  const byName = new Map(results.map((result) => [result.name, result]));
  return results.map((result) => {
    const baseline = BASELINES[result.name as ContenderName];
    const raw = byName.get(baseline.raw);
    const openapiFetch = byName.get(baseline.openapiFetch);
    return {
      name: result.name,
      opsPerSec: result.opsPerSec,
      microsPerOp: result.microsPerOp,
      cpuMicrosPerOp: result.cpuMicrosPerOp,
      vsRawFetch: raw ? pairedRatio(result, raw) : Number.NaN,
      vsOpenapiFetch: openapiFetch ? pairedRatio(result, openapiFetch) : Number.NaN,
      vsRawFetchCpu: raw ? pairedRatio(result, raw, "cpu") : Number.NaN,
      vsOpenapiFetchCpu: openapiFetch ? pairedRatio(result, openapiFetch, "cpu") : Number.NaN,
    };
  });
}

export async function runOverhead(mode: OverheadMode, options: CompareOptions): Promise<OverheadResult> {
  if (mode === "loopback") {
    const server = await startLoopbackServer();
    try {
      const results = await compare(createContenders(server.url), options);
      const counts = await server.counts();
      if (counts.other > 0 || counts.unauthenticated > 0) {
        throw new Error(`the loopback server saw unexpected requests: ${JSON.stringify(counts)}`);
      }
      return { mode, options, rows: rowsOf(results), server: counts };
    } finally {
      await server.close();
    }
  }

  // No socket is ever opened: the memory fetch answers first. The port is the discard port.
  const baseUrl = "http://127.0.0.1:9";
  const original = globalThis.fetch;
  const inMemory = memoryFetch();
  globalThis.fetch = inMemory;
  try {
    const contenders: Contender[] = [...createContenders(baseUrl), archilWithFetchOption(baseUrl, inMemory)];
    return { mode, options, rows: rowsOf(await compare(contenders, options)) };
  } finally {
    globalThis.fetch = original;
  }
}
