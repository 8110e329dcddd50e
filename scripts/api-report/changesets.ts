/**
 * Pending changesets (`.changeset/*.md`), read with changesets' own parser, and the bump a change
 * level needs: major for breaking, minor for additive, patch for cosmetic; below 1.0 a breaking
 * change is a minor bump, as semver and changesets treat 0.x.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import parseChangeset from "@changesets/parse";
import type { ChangeLevel } from "../spec-sync/spec-changes.ts";

export type Bump = "patch" | "minor" | "major";
export const BUMP_ORDER: readonly (Bump | "none")[] = ["none", "patch", "minor", "major"];

export function bumpFor(level: ChangeLevel, version: string): Bump {
  const belowOne = version.startsWith("0.");
  if (level === "breaking") return belowOne ? "minor" : "major";
  if (level === "additive") return "minor";
  return "patch";
}

export function atLeast(actual: Bump | "none", required: Bump | "none"): boolean {
  return BUMP_ORDER.indexOf(actual) >= BUMP_ORDER.indexOf(required);
}

export interface PendingChangeset {
  readonly file: string;
  readonly releases: ReadonlyMap<string, Bump>;
  readonly summary: string;
}

export async function pendingChangesets(root: string): Promise<PendingChangeset[]> {
  const folder = join(root, ".changeset");
  const files = (await readdir(folder)).filter((file) => file.endsWith(".md") && file !== "README.md").sort();
  return Promise.all(
    files.map(async (file) => {
      const parsed = parseChangeset(await readFile(join(folder, file), "utf8"));
      const releases = new Map<string, Bump>();
      for (const release of parsed.releases) {
        if (release.type !== "none") releases.set(release.name, release.type);
      }
      return { file, releases, summary: parsed.summary };
    }),
  );
}

/** The largest pending bump per package. */
export function pendingBumps(changesets: readonly PendingChangeset[]): Map<string, Bump> {
  const bumps = new Map<string, Bump>();
  for (const { releases } of changesets) {
    for (const [name, bump] of releases) {
      const current = bumps.get(name);
      if (!current || BUMP_ORDER.indexOf(bump) > BUMP_ORDER.indexOf(current)) bumps.set(name, bump);
    }
  }
  return bumps;
}

export function renderChangeset(releases: ReadonlyMap<string, Bump>, summary: string): string {
  const frontmatter = [...releases].map(([name, bump]) => `"${name}": ${bump}`).join("\n");
  return `---\n${frontmatter}\n---\n\n${summary.trim()}\n`;
}

export async function writeChangeset(root: string, file: string, releases: ReadonlyMap<string, Bump>, summary: string) {
  await writeFile(join(root, ".changeset", file), renderChangeset(releases, summary));
}
