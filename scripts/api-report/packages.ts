/**
 * The published packages (every `packages/*` without `"private": true`) and the entry points their
 * `exports` declare, read from each package.json: nothing here lists them.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

export interface EntryPoint {
  /** `.` or a subpath such as `./testing`. */
  readonly subpath: string;
  /** The built declaration file, relative to the package folder (`dist/index.d.ts`). */
  readonly types: string;
  /** `archil.api.md`, `archil-testing.api.md`. */
  readonly reportFile: string;
}

export interface PublishedPackage {
  readonly name: string;
  /** Folder under `packages/`. */
  readonly folder: string;
  readonly version: string;
  readonly entryPoints: readonly EntryPoint[];
}

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  exports?: Record<string, unknown>;
}

/** Committed reports of a package's current API. */
export const REPORT_DIR = "api-report";
/** The reports as of the package's last release (`pnpm version-packages` refreshes them). */
export const RELEASED_DIR = "api-report/released";

function importTypes(target: unknown): string | undefined {
  if (typeof target !== "object" || target === null) return undefined;
  const conditions = target as Record<string, unknown>;
  const imported = conditions.import;
  if (typeof imported === "object" && imported !== null) {
    const types = (imported as Record<string, unknown>).types;
    if (typeof types === "string") return types;
  }
  return typeof conditions.types === "string" ? conditions.types : undefined;
}

export async function publishedPackages(root: string): Promise<PublishedPackage[]> {
  const found: PublishedPackage[] = [];
  for (const folder of (await readdir(join(root, "packages"))).sort()) {
    const text = await readFile(join(root, "packages", folder, "package.json"), "utf8").catch(() => null);
    if (text === null) continue;
    const manifest = JSON.parse(text) as Manifest;
    if (manifest.private) continue;
    const base = manifest.name.replace(/^@[^/]+\//, "");
    const entryPoints: EntryPoint[] = [];
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      const types = importTypes(target);
      if (!types) continue;
      const suffix = subpath === "." ? "" : `-${subpath.replace(/^\.\//, "").replaceAll("/", "-")}`;
      entryPoints.push({ subpath, types: types.replace(/^\.\//, ""), reportFile: `${base}${suffix}.api.md` });
    }
    found.push({ name: manifest.name, folder, version: manifest.version, entryPoints });
  }
  return found;
}
