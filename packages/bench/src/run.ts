/**
 * Runs the benchmark sections with either the full settings (`pnpm bench`) or the quick ones
 * (the test suite: small counts, so the code cannot rot, and only size budgets are asserted).
 */
import { cpus, loadavg, totalmem } from "node:os";
import type { CompareOptions } from "./harness.js";
import { type BulkOptions, type BulkResult, runBulk } from "./sections/bulk.js";
import { type BundleResult, runBundleSizes } from "./sections/bundle.js";
import { type CodegenOptions, type CodegenResult, runCodegen } from "./sections/codegen.js";
import { type HostileOptions, type HostileResult, runHostile } from "./sections/hostile.js";
import { type OverheadResult, runOverhead } from "./sections/overhead.js";
import { runStream, type StreamOptions, type StreamResult } from "./sections/stream.js";

export const SECTIONS = ["overhead", "bulk", "stream", "bundle", "codegen", "hostile"] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchConfig {
  readonly loopback: CompareOptions;
  readonly inProcess: CompareOptions;
  readonly bulk: BulkOptions;
  readonly stream: StreamOptions;
  readonly codegen: CodegenOptions;
  readonly hostile: HostileOptions;
}

export const FULL: BenchConfig = {
  loopback: { rounds: 15, opsPerRound: 1_000, warmupOps: 500 },
  inProcess: { rounds: 15, opsPerRound: 2_000, warmupOps: 2_000 },
  bulk: { count: 10_000, concurrencies: [1, 8, 32, 64], delaysMs: [0, 2], rounds: 2, warmupIds: 1_000 },
  stream: { count: 1_000_000, concurrency: 64, abortAfterMs: 2_000 },
  codegen: { sizes: [100, 1_000, 5_000], repeats: 2 },
  hostile: { repeats: 5, scale: 1 },
};

export const QUICK: BenchConfig = {
  loopback: { rounds: 3, opsPerRound: 100, warmupOps: 50 },
  inProcess: { rounds: 3, opsPerRound: 200, warmupOps: 100 },
  bulk: { count: 300, concurrencies: [1, 8, 32, 64], delaysMs: [0], rounds: 1, warmupIds: 50 },
  stream: { count: 2_000, concurrency: 64, abortAfterMs: 100 },
  codegen: { sizes: [100], repeats: 1 },
  hostile: { repeats: 1, scale: 0.05 },
};

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGB: number;
  readonly node: string;
  readonly platform: string;
  /** 1-minute load average when the run started: anything near `cores` means a busy machine. */
  readonly loadAverage: number;
}

export interface BenchResults {
  readonly quick: boolean;
  readonly machine: Machine;
  readonly startedAt: string;
  readonly overhead: readonly OverheadResult[];
  readonly bulk?: BulkResult;
  readonly stream?: StreamResult;
  readonly bundle?: readonly BundleResult[];
  readonly codegen?: CodegenResult;
  readonly hostile?: HostileResult;
}

function machine(): Machine {
  const cpuList = cpus();
  return {
    cpu: cpuList[0]?.model.trim() ?? "unknown",
    cores: cpuList.length,
    memoryGB: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverage: loadavg()[0] ?? Number.NaN,
  };
}

export async function runBenchmarks(options: {
  quick: boolean;
  sections?: readonly Section[];
  log?: (line: string) => void;
}): Promise<BenchResults> {
  const config = options.quick ? QUICK : FULL;
  const sections = new Set(options.sections ?? SECTIONS);
  const log = options.log ?? (() => {});
  const startedAt = new Date().toISOString();
  const overhead: OverheadResult[] = [];
  if (sections.has("overhead")) {
    log("overhead: loopback");
    overhead.push(await runOverhead("loopback", config.loopback));
    log("overhead: in-process");
    overhead.push(await runOverhead("in-process", config.inProcess));
  }
  let bulk: BulkResult | undefined;
  if (sections.has("bulk")) {
    log("bulk");
    bulk = await runBulk(config.bulk);
  }
  let stream: StreamResult | undefined;
  if (sections.has("stream")) {
    log(`stream: ${config.stream.count} ids from a generator, then aborted`);
    stream = await runStream(config.stream);
  }
  let bundle: BundleResult[] | undefined;
  if (sections.has("bundle")) {
    log("bundle sizes");
    bundle = await runBundleSizes();
  }
  let codegen: CodegenResult | undefined;
  if (sections.has("codegen")) {
    log("codegen and type-check scale");
    codegen = await runCodegen(config.codegen);
  }
  let hostile: HostileResult | undefined;
  if (sections.has("hostile")) {
    log("hostile bodies");
    hostile = await runHostile(config.hostile);
  }
  return {
    quick: options.quick,
    machine: machine(),
    startedAt,
    overhead,
    ...(bulk ? { bulk } : {}),
    ...(stream ? { stream } : {}),
    ...(bundle ? { bundle } : {}),
    ...(codegen ? { codegen } : {}),
    ...(hostile ? { hostile } : {}),
  };
}
