/**
 * A small side-by-side harness. Every contender runs in the same process, in interleaved rounds:
 * round r runs each contender once (a batch of sequential calls), starting from a rotated
 * position so no contender always goes first. On a 2-core machine the noise comes from the
 * whole machine drifting (turbo boost, other processes, GC); interleaving makes every
 * contender see the same drift, and the median of the per-round ratios cancels most of it.
 */

export interface Contender {
  readonly name: string;
  /** One operation; must reject on any wrong answer so a broken contender cannot look fast. */
  readonly run: () => Promise<unknown>;
}

export interface CompareOptions {
  readonly rounds: number;
  readonly opsPerRound: number;
  readonly warmupOps: number;
}

export interface ContenderResult {
  readonly name: string;
  /** Median over rounds, by the wall clock. */
  readonly opsPerSec: number;
  /** Per-round ops/s by the wall clock, in round order. */
  readonly samples: readonly number[];
  /** Wall-clock microseconds per operation at the median. */
  readonly microsPerOp: number;
  /**
   * Per-round ops per second of this process's CPU time (user + system, all its threads). On a
   * shared machine the wall clock also counts time this process spent descheduled; CPU time does not.
   */
  readonly cpuSamples: readonly number[];
  /** CPU microseconds per operation at the median. */
  readonly cpuMicrosPerOp: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Collect garbage between batches (when node runs with --expose-gc) so one batch's garbage is not billed to the next. */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

interface BatchRate {
  readonly wall: number;
  readonly cpu: number;
}

async function batch(contender: Contender, ops: number): Promise<BatchRate> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < ops; i++) await contender.run();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { wall: ops / seconds, cpu: ops / ((cpu.user + cpu.system) / 1e6) };
}

export async function compare(contenders: readonly Contender[], options: CompareOptions): Promise<ContenderResult[]> {
  for (const contender of contenders) await batch(contender, options.warmupOps);
  const samples = contenders.map((): BatchRate[] => []);
  for (let round = 0; round < options.rounds; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const index = (round + k) % contenders.length;
      collectGarbage();
      samples[index]?.push(await batch(contenders[index] as Contender, options.opsPerRound));
    }
  }
  return contenders.map((contender, index) => {
    const wall = (samples[index] ?? []).map((rate) => rate.wall);
    const cpu = (samples[index] ?? []).map((rate) => rate.cpu);
    const opsPerSec = median(wall);
    return {
      name: contender.name,
      opsPerSec,
      samples: wall,
      microsPerOp: 1e6 / opsPerSec,
      cpuSamples: cpu,
      cpuMicrosPerOp: 1e6 / median(cpu),
    };
  });
}

/**
 * The median over rounds of `a / b`: each round's pair ran back to back, so the ratio is
 * steadier than the ratio of the two medians.
 */
export function pairedRatio(a: ContenderResult, b: ContenderResult, clock: "wall" | "cpu" = "wall"): number {
  const [own, other] = clock === "wall" ? [a.samples, b.samples] : [a.cpuSamples, b.cpuSamples];
  return median(own.map((value, round) => value / (other[round] ?? Number.NaN)));
}
