/** Renders benchmark results as the Markdown tables BENCHMARKS.md carries. */
import type { BenchResults } from "./run.js";
import { BUNDLE_BUDGET_BROTLI_BYTES, BUNDLE_TARGET_BROTLI_BYTES } from "./sections/bundle.js";

const integer = (value: number) => Math.round(value).toLocaleString("en-US");
const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : "–");
const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

export function renderReport(results: BenchResults): string {
  const { machine } = results;
  const out: string[] = [
    `Run ${results.startedAt}${results.quick ? " (quick mode: figures are not meaningful)" : ""} on ${machine.cpu}, ` +
      `${machine.cores} cores, ${machine.memoryGB} GB, Node ${machine.node} (${machine.platform}), ` +
      `load average ${fixed(machine.loadAverage, 2)} at start.`,
  ];

  for (const overhead of results.overhead) {
    const { rounds, opsPerRound } = overhead.options;
    out.push(
      `\n### Per-call overhead, ${overhead.mode} (${rounds} interleaved rounds × ${integer(opsPerRound)} sequential calls)\n`,
      table(
        [
          "client",
          "ops/s (median)",
          "µs/op",
          "CPU µs/op",
          "× raw fetch",
          "× bare openapi-fetch",
          "× raw fetch (CPU)",
          "× bare openapi-fetch (CPU)",
        ],
        overhead.rows.map((row) => [
          row.name,
          integer(row.opsPerSec),
          fixed(row.microsPerOp, 1),
          fixed(row.cpuMicrosPerOp, 1),
          fixed(row.vsRawFetch, 3),
          fixed(row.vsOpenapiFetch, 3),
          fixed(row.vsRawFetchCpu, 3),
          fixed(row.vsOpenapiFetchCpu, 3),
        ]),
      ),
    );
  }

  if (results.bulk) {
    const { count, rounds } = results.bulk.options;
    out.push(
      `\n### Bulk: ${integer(count)} ids on loopback (${rounds} interleaved rounds, median)\n`,
      table(
        ["server delay", "case", "ids/s", "× sequential loop"],
        results.bulk.throughput.map((row) => [
          `${row.delayMs} ms`,
          row.name,
          integer(row.idsPerSec),
          fixed(row.vsSequential, 2),
        ]),
      ),
      `\nPeak RSS growth, each case in a fresh process (server delay 0 ms):\n`,
      table(
        ["case", "RSS before", "peak RSS", "peak growth", "heap retained after GC", "time"],
        results.bulk.rss.map((row) => [
          row.name,
          `${fixed(row.baselineMB, 1)} MB`,
          `${fixed(row.peakMB, 1)} MB`,
          `${fixed(row.growthMB, 1)} MB`,
          `${fixed(row.retainedMB, 2)} MB`,
          `${fixed(row.seconds, 2)} s`,
        ]),
      ),
    );
  }

  if (results.stream) {
    const { count, concurrency } = results.stream.options;
    out.push(
      `\n### Streaming bulk: ${integer(count)} ids from a generator, concurrency ${concurrency}, \`keepResults: false\` (fresh process each)\n`,
      table(
        [
          "case",
          "settled",
          "time",
          "RSS before",
          "peak growth",
          "longest loop block",
          "abort → settled",
          "longest block, abort → settled",
        ],
        results.stream.rows.map((row) => [
          row.name,
          integer(row.settled),
          `${fixed(row.seconds, 2)} s`,
          `${fixed(row.baselineRss / 1024 ** 2, 1)} MB`,
          `${fixed((row.peakRss - row.baselineRss) / 1024 ** 2, 1)} MB`,
          `${fixed(row.maxLoopBlockMs, 1)} ms`,
          row.abortToSettleMs === null ? "–" : `${fixed(row.abortToSettleMs, 1)} ms`,
          row.abortLoopBlockMs === null ? "–" : `${fixed(row.abortLoopBlockMs, 1)} ms`,
        ]),
      ),
      "\nChecked against the targets:\n",
      table(
        ["check", "measured", "limit", ""],
        results.stream.checks.map((check) => [
          check.name,
          `${fixed(check.value, 1)} ${check.unit}`,
          `${check.limit} ${check.unit}`,
          check.pass ? "pass" : "**FAIL**",
        ]),
      ),
    );
  }

  if (results.bundle) {
    out.push(
      `\n### Bundle size of an app that deletes one token (esbuild --minify, ESM, browser)\n`,
      table(
        ["client", "minified", "gzip -9", "brotli -11", "target / enforced budget", "largest parts (minified)"],
        results.bundle.map((row) => [
          row.name,
          kB(row.minifiedBytes),
          kB(row.gzipBytes),
          kB(row.brotliBytes),
          row.budgeted
            ? `${kB(BUNDLE_TARGET_BROTLI_BYTES)} ${row.brotliBytes <= BUNDLE_TARGET_BROTLI_BYTES ? "met" : "missed"} / ${kB(BUNDLE_BUDGET_BROTLI_BYTES)}`
            : "–",
          row.breakdown
            .slice(0, 3)
            .map((part) => `${part.from} ${kB(part.bytes)}`)
            .join(", "),
        ]),
      ),
    );
  }

  if (results.codegen) {
    const { rows, growth } = results.codegen;
    out.push(
      `\n### Codegen and type-check scale (median of ${results.codegen.options.repeats})\n`,
      table(
        ["DELETE operations", "generateVendor", "generated size", "tsc --noEmit (wall)", "tsc check time"],
        rows.map((row) => [
          integer(row.operations),
          `${integer(row.generateMs)} ms`,
          `${(row.generatedBytes / 1e6).toFixed(2)} MB`,
          `${integer(row.tscMs)} ms`,
          `${integer(row.checkMs)} ms`,
        ]),
      ),
    );
    if (growth.length > 0) {
      out.push(
        `\nGrowth exponent k (time ∝ N^k; 1 = linear):\n`,
        table(
          ["from → to", "generateVendor", "tsc (wall)", "tsc check time"],
          growth.map((step) => [
            `${integer(step.from)} → ${integer(step.to)}`,
            fixed(step.generate, 2),
            fixed(step.tsc, 2),
            fixed(step.check, 2),
          ]),
        ),
      );
    }
  }
  if (results.hostile) {
    const { rows, growth, options } = results.hostile;
    out.push(
      `\n### Hostile bodies through a whole call, in process (median of ${options.repeats})\n`,
      table(
        ["body", "bytes", "ms per call", "ms per MB"],
        rows.map((row) => [row.name, integer(row.bodyBytes), fixed(row.ms, 2), fixed(row.msPerMB, 2)]),
      ),
      "\nGrowth exponent k from each size to ten times it (time ∝ size^k; 1 = linear, 2 = quadratic):\n",
      table(
        ["body", "k"],
        growth.map((step) => [step.name, fixed(step.exponent, 2)]),
      ),
    );
  }
  return `${out.join("\n")}\n`;
}
