/**
 * `pnpm spec-diff [vendor…] [--base <git-ref>]`: what changed in each vendor's spec and public API
 * between `<git-ref>` (default `HEAD`, i.e. what a sync has just written) and the working tree, in
 * the same report `pnpm sync-specs` prints, with the bump the change needs. Reads committed files
 * only (`specs/`, `packages/<vendor>/api-report/`); run `pnpm api-report` first after hand edits.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bumpFor } from "../api-report/changesets.ts";
import { publishedPackages } from "../api-report/packages.ts";
import { methodChanges, reportLevel, reportPatch } from "../api-report/report-diff.ts";
import { committedReports } from "../api-report/state.ts";
import { cleanEnv, runAllowingFailure } from "../lib/run.ts";
import { type ApiReportChange, type PackageReport, renderReport } from "./report.ts";
import { highestLevel, LEVEL_ORDER, specChanges } from "./spec-changes.ts";
import { parseSpec } from "./spec-text.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const args = process.argv.slice(2);
const baseIndex = args.indexOf("--base");
const base = baseIndex >= 0 ? args[baseIndex + 1] : "HEAD";
if (!base || base.startsWith("--")) {
  console.error("--base needs a git ref. Usage: pnpm spec-diff [vendor…] [--base <git-ref>]");
  process.exit(2);
}
const only = args.filter((arg, index) => !arg.startsWith("--") && index !== baseIndex + 1);

async function atBase(path: string): Promise<string | undefined> {
  const result = await runAllowingFailure("git", ["show", `${base}:${path}`], { cwd: root, env: cleanEnv() });
  return result.code === 0 ? result.stdout : undefined;
}

const reports: PackageReport[] = [];
for (const pkg of await publishedPackages(root)) {
  const specFile = `specs/${pkg.folder}.yaml`;
  const current = await readFile(join(root, specFile), "utf8").catch(() => undefined);
  if (current === undefined || (only.length > 0 && !only.includes(pkg.folder))) continue;
  const previous = await atBase(specFile);
  const changes = specChanges(previous === undefined ? {} : parseSpec(previous), parseSpec(current));
  const apiChanges: ApiReportChange[] = [];
  const methods: ReturnType<typeof methodChanges> = [];
  for (const [file, after] of await committedReports(root, pkg)) {
    const path = `packages/${pkg.folder}/api-report/${file}`;
    const before = await atBase(path);
    const level = reportLevel(before, after);
    if (!level) continue;
    apiChanges.push({ file: path, level, patch: reportPatch(path, before, after) });
    methods.push(...methodChanges(before, after));
  }
  const levels = [highestLevel(changes), ...apiChanges.map((change) => change.level)].filter((level) => !!level);
  const level =
    levels.length === 0
      ? undefined
      : levels.reduce((a, b) => (LEVEL_ORDER.indexOf(b) > LEVEL_ORDER.indexOf(a) ? b : a));
  reports.push({
    vendor: pkg.folder,
    packageName: pkg.name,
    specFile,
    specChanges: changes,
    apiChanges,
    methodChanges: methods,
    level,
    bump: level ? bumpFor(level, pkg.version) : undefined,
  });
}
if (reports.length === 0) {
  console.error(`No vendor spec matches ${only.join(", ") || "specs/*.yaml"}.`);
  process.exit(1);
}
console.log(renderReport(reports, `Spec and API changes since ${base}`));
