/**
 * `pnpm spec-diff [vendor…] [--base <git-ref>]`: what changed in each named vendor's spec (every
 * vendor when none is named) and public API between `<git-ref>` (default `HEAD`, i.e. what a sync has
 * just written) and the working tree, in the same report `pnpm sync-specs` prints, with the bump the
 * change needs. Reads committed files only (`specs/`, `packages/<vendor>/api-report/`); run
 * `pnpm api-report` first after hand edits.
 *
 * `pnpm spec-diff <old> <new>`: the spec changes between two documents given by path (a file, or a
 * folder holding `openapi.yaml`); no public API is compared.
 *
 * Exit code 2 for a usage error: an unknown vendor, a missing `--base` ref.
 */
import { fileURLToPath } from "node:url";
import { bumpFor } from "../api-report/changesets.ts";
import { publishedPackages } from "../api-report/packages.ts";
import { methodChanges, reportLevel, reportPatch } from "../api-report/report-diff.ts";
import { committedReports } from "../api-report/state.ts";
import { cleanEnv, runAllowingFailure } from "../lib/run.ts";
import { findVendors } from "../lib/vendors.ts";
import { documentAtPath, documentAtRef, documentInTree, isPath, shortName } from "./diff-sides.ts";
import { type ApiReportChange, type PackageReport, renderReport } from "./report.ts";
import { highestLevel, LEVEL_ORDER, specChanges } from "./spec-changes.ts";

const USAGE = "Usage: pnpm spec-diff [vendor…] [--base <git-ref>] | pnpm spec-diff <old-document> <new-document>";
const root = fileURLToPath(new URL("../../", import.meta.url));

function usageError(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const args = process.argv.slice(2);
const baseIndex = args.indexOf("--base");
const base = baseIndex >= 0 ? args[baseIndex + 1] : "HEAD";
if (!base || base.startsWith("--")) usageError("--base needs a git ref.");
const named = args.filter((arg, index) => !arg.startsWith("--") && (baseIndex < 0 || index !== baseIndex + 1));
const unknownFlag = args.find((arg) => arg.startsWith("--") && arg !== "--base");
if (unknownFlag) usageError(`Unknown option ${unknownFlag}.`);

const vendors = findVendors(root);
const vendorIds = new Set(vendors.map((vendor) => vendor.id));
const twoDocuments =
  named.length === 2 && baseIndex < 0 && named.every((arg) => !vendorIds.has(arg)) && (await isPath(named[0] ?? ""));

async function twoDocumentReport(oldPath: string, newPath: string): Promise<PackageReport> {
  if (!(await isPath(newPath))) usageError(`${newPath}: no such file or folder.`);
  const changes = specChanges(await documentAtPath(oldPath), await documentAtPath(newPath));
  const level = highestLevel(changes);
  return {
    vendor: shortName(newPath),
    packageName: `${shortName(oldPath)} → ${shortName(newPath)}`,
    specFile: shortName(newPath),
    specChanges: changes,
    apiChanges: [],
    methodChanges: [],
    apiCompared: false,
    level,
    bump: undefined,
  };
}

async function atBase(path: string): Promise<string | undefined> {
  const result = await runAllowingFailure("git", ["show", `${base}:${path}`], { cwd: root, env: cleanEnv() });
  return result.code === 0 ? result.stdout : undefined;
}

async function vendorReports(): Promise<PackageReport[]> {
  const unknown = named.filter((name) => !vendorIds.has(name));
  if (unknown.length > 0) {
    usageError(`Unknown vendor ${unknown.join(", ")}: the vendors with a spec are ${[...vendorIds].join(", ")}.`);
  }
  const wanted = new Set(named.length > 0 ? named : vendorIds);
  const packages = new Map((await publishedPackages(root)).map((pkg) => [pkg.folder, pkg]));
  const reports: PackageReport[] = [];
  for (const vendor of vendors) {
    if (!wanted.has(vendor.id)) continue;
    const pkg = packages.get(vendor.id);
    const previous = await documentAtRef(root, vendor.specEntry, base ?? "HEAD");
    const changes = specChanges(previous ?? {}, await documentInTree(root, vendor.specEntry));
    const apiChanges: ApiReportChange[] = [];
    const methods: ReturnType<typeof methodChanges> = [];
    for (const [file, after] of pkg ? await committedReports(root, pkg) : []) {
      const path = `packages/${vendor.id}/api-report/${file}`;
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
      vendor: vendor.id,
      packageName: vendor.packageName,
      specFile: vendor.specEntry,
      specChanges: changes,
      apiChanges,
      methodChanges: methods,
      level,
      bump: level ? bumpFor(level, pkg?.version ?? "0.0.0") : undefined,
    });
  }
  return reports;
}

if (twoDocuments) {
  const [oldPath = "", newPath = ""] = named;
  const report = await twoDocumentReport(oldPath, newPath);
  console.log(
    renderReport([report], `Spec changes from ${oldPath} to ${newPath}`, () => "The two documents mean the same."),
  );
} else {
  const reports = await vendorReports();
  if (reports.length === 0) {
    console.error("No vendor has a spec under specs/.");
    process.exit(1);
  }
  const unchanged = (report: PackageReport) => `\`${report.specFile}\` and the API report are unchanged since ${base}.`;
  console.log(renderReport(reports, `Spec and API changes since ${base}`, unchanged));
}
