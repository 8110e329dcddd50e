/**
 * `pnpm bench [--quick] [--only=overhead,bulk,stream,bundle,codegen,hostile] [--json=FILE]`
 * Prints the Markdown tables for BENCHMARKS.md; `--json` also writes the raw results.
 */
import { writeFile } from "node:fs/promises";
import { renderReport } from "./report.js";
import { runBenchmarks, SECTIONS, type Section } from "./run.js";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = args.find((arg) => arg.startsWith("--only="))?.slice("--only=".length);
const json = args.find((arg) => arg.startsWith("--json="))?.slice("--json=".length);

const sections = only ? only.split(",").map((name) => name.trim()) : [...SECTIONS];
const unknown = sections.filter((name) => !(SECTIONS as readonly string[]).includes(name));
if (unknown.length > 0) {
  console.error(`Unknown section(s): ${unknown.join(", ")}. Choose from ${SECTIONS.join(", ")}.`);
  process.exit(2);
}
if (!(globalThis as { gc?: unknown }).gc) {
  console.error("Note: run with --expose-gc (as `pnpm bench` does) to collect garbage between batches.");
}

const results = await runBenchmarks({
  quick,
  sections: sections as Section[],
  log: (line) => console.error(`… ${line}`),
});
console.log(renderReport(results));
if (json) await writeFile(json, `${JSON.stringify(results, null, 2)}\n`);
// The streaming targets are enforced (quick mode's counts are too small for them to mean anything).
const missed = quick ? [] : (results.stream?.checks ?? []).filter((check) => !check.pass);
for (const check of missed)
  console.error(
    `bench check failed: ${check.name} ${check.value.toFixed(1)} ${check.unit} > ${check.limit} ${check.unit}`,
  );
if (missed.length > 0) process.exitCode = 1;
