/**
 * One sync: fetch every vendor's sources, merge each vendor's pages, and compare with `specs/`.
 * Everything that can fail on the docs' side (a page that does not answer, a page without an
 * OpenAPI block, invalid YAML, a merge conflict) fails here, before anything is written.
 * Then, for the vendors whose spec changed in meaning, one transaction: write the spec, regenerate
 * (`pnpm generate`), build the package, rebuild its API report, write the changeset. If any step
 * fails, every file it touched is put back as it was, so `specs/`, `packages/` and `.changeset/`
 * never hold half a sync.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { atLeast, bumpFor, writeChangeset } from "../api-report/changesets.ts";
import { buildReports } from "../api-report/extract.ts";
import { type PublishedPackage, publishedPackages } from "../api-report/packages.ts";
import { methodChanges, reportLevel, reportPatch } from "../api-report/report-diff.ts";
import { committedReports, writeReports } from "../api-report/state.ts";
import { cleanEnv, run } from "../lib/run.ts";
import { collectVendor } from "./collect.ts";
import { sameFiles } from "./document-files.ts";
import type { FetchTextOptions } from "./fetch-text.ts";
import { mergeDocuments } from "./merge-pages.ts";
import { type ApiReportChange, changesetSummary, type PackageReport } from "./report.ts";
import { discoverVendors, type VendorSources } from "./sources.ts";
import { highestLevel, LEVEL_ORDER, type SpecChange, specChanges } from "./spec-changes.ts";
import {
  bundledSpec,
  currentDisplayName,
  currentSpec,
  displayName,
  type SpecFiles,
  syncedSpec,
  writeSpec,
} from "./spec-layout.ts";

export interface SyncOptions {
  readonly root: string;
  /** Vendor names; empty for every vendor with a sources file. */
  readonly vendors?: readonly string[];
  /** Replaces every chosen vendor's sources (see `sourceFromOverride`). */
  readonly from?: string | undefined;
  /** Compare only: write nothing. */
  readonly check?: boolean;
  readonly fetch?: FetchTextOptions;
}

export class SyncError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n\n"));
    this.name = "SyncError";
  }
}

interface Planned {
  readonly vendor: VendorSources;
  /** `specs/acme.yaml`, `specs/acme.json` or `specs/acme/`. */
  readonly specFile: string;
  readonly current: SpecFiles | undefined;
  readonly next: SpecFiles;
  /** Every file's text, for the changeset's name. */
  readonly text: string;
  readonly changes: SpecChange[];
  readonly title: string;
}

async function plan(options: SyncOptions): Promise<{ vendors: VendorSources[]; changed: Planned[] }> {
  const vendors = await discoverVendors(options.root, options.vendors ?? []);
  if (options.from && vendors.length > 1) {
    // One URL, or a folder without a subfolder per vendor, would feed every vendor the same pages.
    const perVendor = await Promise.all(
      vendors.map((vendor) =>
        stat(join(resolve(options.root, options.from ?? ""), vendor.vendor)).then(
          (info) => info.isDirectory(),
          () => false,
        ),
      ),
    );
    if (/^https?:\/\//.test(options.from) || perVendor.includes(false)) {
      throw new SyncError([
        `--from ${options.from} stands for one vendor's docs: name the vendor (pnpm sync-specs <vendor> --from …), ` +
          `or give a folder with a subfolder per vendor (${vendors.map((vendor) => vendor.vendor).join(", ")})`,
      ]);
    }
  }
  const problems: string[] = [];
  const changed: Planned[] = [];
  await Promise.all(
    vendors.map(async (vendor) => {
      try {
        const documents = await collectVendor(vendor, {
          root: options.root,
          from: options.from,
          fetch: options.fetch ?? {},
        });
        const merged = mergeDocuments(documents);
        // The document keeps the layout it has in specs/ (one YAML or JSON file, or a folder of files).
        const current = await currentSpec(options.root, vendor.vendor);
        const next = syncedSpec(vendor.vendor, current, documents, merged);
        if (current && sameFiles(current.document, next.document)) return;
        const before = current ? await bundledSpec(current) : {};
        const changes = specChanges(before, next.layout === "folder" ? await bundledSpec(next) : merged);
        const info = merged.info as { title?: unknown } | undefined;
        const title = typeof info?.title === "string" ? info.title : vendor.vendor;
        const text = [...next.document.files].map(([path, file]) => `${path}\n${file}`).join("\n");
        changed.push({ vendor, specFile: displayName(next), current, next, text, changes, title });
      } catch (error) {
        problems.push(`${vendor.vendor}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  );
  if (problems.length > 0) throw new SyncError(problems.sort());
  changed.sort((a, b) => (a.vendor.vendor < b.vendor.vendor ? -1 : 1));
  return { vendors, changed };
}

/** Files as they were before the transaction; `null` for a file that did not exist. */
class Backup {
  private readonly saved = new Map<string, string | null>();

  constructor(private readonly root: string) {}

  async file(relative: string): Promise<void> {
    if (this.saved.has(relative)) return;
    this.saved.set(relative, await readFile(join(this.root, relative), "utf8").catch(() => null));
  }

  async folder(relative: string): Promise<void> {
    const entries = await readdir(join(this.root, relative), { recursive: true, withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.isFile()) await this.file(join(entry.parentPath.slice(this.root.length + 1), entry.name));
    }
  }

  /** Puts every saved file back, and removes files the transaction created under saved folders. */
  async restore(createdFolders: readonly string[]): Promise<void> {
    for (const folder of createdFolders) {
      const entries = await readdir(join(this.root, folder), { recursive: true, withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        const relative = join(entry.parentPath.slice(this.root.length + 1), entry.name);
        if (entry.isFile() && !this.saved.has(relative)) await rm(join(this.root, relative), { force: true });
      }
    }
    for (const [relative, text] of this.saved) {
      if (text === null) await rm(join(this.root, relative), { force: true });
      else await writeFile(join(this.root, relative), text);
    }
  }
}

async function apiReportChanges(
  root: string,
  pkg: PublishedPackage,
): Promise<{ changes: ApiReportChange[]; methods: ReturnType<typeof methodChanges> }> {
  const before = await committedReports(root, pkg);
  const after = await buildReports(root, pkg);
  const changes: ApiReportChange[] = [];
  const methods: ReturnType<typeof methodChanges> = [];
  for (const file of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const level = reportLevel(before.get(file), after.get(file));
    if (!level) continue;
    const path = `packages/${pkg.folder}/api-report/${file}`;
    changes.push({ file: path, level, patch: reportPatch(path, before.get(file), after.get(file)) });
    methods.push(...methodChanges(before.get(file), after.get(file)));
  }
  await writeReports(root, pkg, after);
  return { changes, methods };
}

export interface SyncResult {
  readonly reports: PackageReport[];
  /** True when some vendor's docs differ from `specs/` (in `check` mode nothing was written). */
  readonly changed: boolean;
}

export async function syncSpecs(options: SyncOptions): Promise<SyncResult> {
  const { root } = options;
  const { vendors, changed } = await plan(options);
  const packages = await publishedPackages(root);
  const unchanged = (vendor: VendorSources): PackageReport => ({
    vendor: vendor.vendor,
    packageName: vendor.packageName,
    specFile: currentDisplayName(root, vendor.vendor),
    specChanges: [],
    apiChanges: [],
    methodChanges: [],
    level: undefined,
    bump: undefined,
  });
  const byVendor = new Map(vendors.map((vendor) => [vendor.vendor, unchanged(vendor)]));

  if (options.check || changed.length === 0) {
    for (const planned of changed) {
      const level = highestLevel(planned.changes);
      const pkg = packages.find((candidate) => candidate.name === planned.vendor.packageName);
      byVendor.set(planned.vendor.vendor, {
        ...unchanged(planned.vendor),
        specChanges: planned.changes,
        level,
        bump: level && pkg ? bumpFor(level, pkg.version) : undefined,
      });
    }
    return { reports: [...byVendor.values()], changed: changed.length > 0 };
  }

  const backup = new Backup(root);
  const touchedFolders: string[] = [];
  try {
    for (const { vendor, current, next } of changed) {
      for (const spec of [current, next]) {
        if (spec?.layout === "folder") {
          await backup.folder(spec.base);
          touchedFolders.push(spec.base);
        } else if (spec) await backup.file(join(spec.base, spec.document.entry));
      }
      const generated = `packages/${vendor.vendor}/src/generated`;
      const reports = `packages/${vendor.vendor}/api-report`;
      await backup.folder(generated);
      await backup.folder(reports);
      touchedFolders.push(generated, reports);
    }
    for (const { current, next } of changed) await writeSpec(root, current, next);

    const env = cleanEnv({ TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" });
    const names = changed.map(({ vendor }) => vendor.vendor);
    await run("pnpm", ["generate", ...names], { cwd: root, env, timeoutMs: 300_000 });
    const filters = changed.map(({ vendor }) => `--filter=${vendor.packageName}`);
    await run("pnpm", ["exec", "turbo", "run", "build", ...filters, "--output-logs=errors-only"], {
      cwd: root,
      env,
      timeoutMs: 600_000,
    });

    for (const planned of changed) {
      const pkg = packages.find((candidate) => candidate.name === planned.vendor.packageName);
      if (!pkg) throw new Error(`${planned.vendor.packageName} is not a published package in packages/`);
      const { changes, methods } = await apiReportChanges(root, pkg);
      const level = [highestLevel(planned.changes), ...changes.map((change) => change.level)]
        .filter((entry) => entry !== undefined)
        .reduce((a, b) => (LEVEL_ORDER.indexOf(b) > LEVEL_ORDER.indexOf(a) ? b : a));
      const bump = bumpFor(level, pkg.version);
      // Named after the new spec's content: a later sync adds its own changeset beside a pending one.
      const hash = createHash("sha256").update(planned.text).digest("hex").slice(0, 8);
      const changesetFile = `spec-sync-${planned.vendor.vendor}-${hash}.md`;
      const report: PackageReport = {
        vendor: planned.vendor.vendor,
        packageName: pkg.name,
        specFile: planned.specFile,
        specChanges: planned.changes,
        apiChanges: changes,
        methodChanges: methods,
        level,
        bump,
        changesetFile,
      };
      if (!atLeast(bump, "patch")) throw new Error(`no bump for ${pkg.name}`);
      await backup.file(`.changeset/${changesetFile}`);
      await mkdir(join(root, ".changeset"), { recursive: true });
      await writeChangeset(root, changesetFile, new Map([[pkg.name, bump]]), changesetSummary(report, planned.title));
      byVendor.set(planned.vendor.vendor, report);
    }
    return { reports: [...byVendor.values()], changed: true };
  } catch (error) {
    await backup.restore(touchedFolders);
    throw error;
  }
}
