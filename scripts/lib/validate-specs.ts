/**
 * `pnpm validate-specs`: Redocly's lint (rules in `.redocly.yaml`) over every vendor's document,
 * found by discovery (one file or the entry of a multi-file folder). Redocly's output is passed
 * through as it arrives, minus its Node 20 end-of-life box (see node20-notice.ts); its exit code
 * is ours.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { Node20NoticeFilter } from "./node20-notice.ts";
import { findVendors, REPO_ROOT } from "./vendors.ts";

const entries = findVendors().map((vendor) => vendor.specEntry);
if (entries.length === 0) {
  console.error("validate-specs: no vendor has a document under specs/.");
  process.exit(1);
}

const cli = join(
  createRequire(join(REPO_ROOT, "package.json")).resolve("@redocly/cli/package.json"),
  "..",
  "bin",
  "cli.js",
);
const child = spawn(process.execPath, [cli, "lint", "--config", ".redocly.yaml", ...entries], {
  cwd: REPO_ROOT,
  env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  stdio: ["ignore", "inherit", "pipe"],
});
const filter = new Node20NoticeFilter();
const lines = createInterface({ input: child.stderr });
lines.on("line", (line) => {
  for (const text of filter.push(line)) process.stderr.write(`${text}\n`);
});
child.once("close", (code, signal) => {
  for (const text of filter.end()) process.stderr.write(`${text}\n`);
  process.exitCode = code ?? (signal ? 1 : 0);
});
