/**
 * Reads and writes a package's report files: `api-report/<entry>.api.md` (the committed current
 * API) and `api-report/released/<entry>.api.md` (the API as of the package's last release).
 */
import { cp, mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { type PublishedPackage, RELEASED_DIR, REPORT_DIR } from "./packages.ts";

export type Reports = ReadonlyMap<string, string>;

async function readReports(folder: string): Promise<Map<string, string>> {
  const files = await readdir(folder).catch(() => [] as string[]);
  const reports = new Map<string, string>();
  for (const file of files.filter((name) => name.endsWith(".api.md")).sort()) {
    reports.set(file, await readFile(join(folder, file), "utf8"));
  }
  return reports;
}

export const committedReports = (root: string, pkg: PublishedPackage) =>
  readReports(join(root, "packages", pkg.folder, REPORT_DIR));

export const releasedReports = (root: string, pkg: PublishedPackage) =>
  readReports(join(root, "packages", pkg.folder, RELEASED_DIR));

/** Writes each report through a temporary file and a rename, so a reader never sees half a report. */
export async function writeReports(root: string, pkg: PublishedPackage, reports: Reports): Promise<string[]> {
  const folder = join(root, "packages", pkg.folder, REPORT_DIR);
  await mkdir(folder, { recursive: true });
  const written: string[] = [];
  const existing = await committedReports(root, pkg);
  for (const [file, text] of reports) {
    if (existing.get(file) === text) continue;
    const target = join(folder, file);
    await writeFile(`${target}.tmp`, text);
    await rename(`${target}.tmp`, target);
    written.push(`packages/${pkg.folder}/${REPORT_DIR}/${file}`);
  }
  return written;
}

/** After `changeset version`: the current reports become the released ones. */
export async function markReleased(root: string, pkg: PublishedPackage): Promise<void> {
  const from = join(root, "packages", pkg.folder, REPORT_DIR);
  const to = join(root, "packages", pkg.folder, RELEASED_DIR);
  await mkdir(dirname(to), { recursive: true });
  await mkdir(to, { recursive: true });
  for (const [file] of await committedReports(root, pkg)) await cp(join(from, file), join(to, file));
}
