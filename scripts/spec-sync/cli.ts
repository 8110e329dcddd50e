/**
 * `pnpm sync-specs [vendor…] [--from <url|dir>] [--check] [--report-file <path>]`
 *
 * Fetches each vendor's spec from the sources in `packages/<vendor>/spec-sources.yaml` (or from
 * `--from`: an `llms.txt` URL, a page URL, a document URL, or a folder of saved pages), merges
 * the pages, and, where the result means something else than `specs/<vendor>.yaml`, writes the
 * spec, regenerates and rebuilds the package, updates its API report and writes a changeset.
 * Prints the report (also to `--report-file`, for a pull-request body). Local paths are relative
 * to the repository root.
 * `--check` writes nothing and exits 1 when the docs differ from `specs/`.
 */
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { renderReport } from "./report.ts";
import { SyncError, syncSpecs } from "./sync.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const args = process.argv.slice(2);
const vendors: string[] = [];
let from: string | undefined;
let reportFile: string | undefined;
let check = false;
for (let index = 0; index < args.length; index++) {
  const arg = args[index] ?? "";
  if (arg === "--check") check = true;
  else if (arg === "--from" || arg === "--report-file") {
    const value = args[++index];
    if (!value) {
      console.error(`${arg} needs a value`);
      process.exit(2);
    }
    // `pnpm <script>` runs in the repository root, so local paths are relative to it.
    if (arg === "--from") from = /^https?:\/\//.test(value) ? value : resolve(root, value);
    else reportFile = resolve(root, value);
  } else if (arg.startsWith("--")) {
    console.error(
      `Unknown option ${arg}. Usage: pnpm sync-specs [vendor…] [--from <url|dir>] [--check] [--report-file <path>]`,
    );
    process.exit(2);
  } else vendors.push(arg);
}

try {
  const result = await syncSpecs({ root, vendors, from, check });
  const report = renderReport(result.reports, check ? "Spec check: docs compared with specs/" : "Spec sync");
  console.log(report);
  if (reportFile) await writeFile(reportFile, report);
  if (check && result.changed) {
    console.error("The published docs differ from specs/: run `pnpm sync-specs` to update.");
    process.exitCode = 1;
  }
} catch (error) {
  const problems =
    error instanceof SyncError ? error.problems : [error instanceof Error ? error.message : String(error)];
  console.error(`sync-specs failed; specs/, packages/ and .changeset/ are unchanged.\n\n${problems.join("\n\n")}`);
  process.exitCode = 1;
}
