/**
 * The rule that keeps a breaking change from shipping as a patch: when a package's committed API
 * report differs from its report as of the last release (`api-report/released/`), the pending
 * changesets must bump that package at least as much as the change needs (see `bumpFor`).
 * A package with no released report has never been released, and its first release needs no
 * comparison. Reads committed files only, so it needs neither a build nor git history.
 */
import { atLeast, type Bump, bumpFor, pendingBumps, pendingChangesets } from "./changesets.ts";
import type { PublishedPackage } from "./packages.ts";
import { reportLevel } from "./report-diff.ts";
import { committedReports, releasedReports } from "./state.ts";

export async function releaseProblems(root: string, packages: readonly PublishedPackage[]): Promise<string[]> {
  const bumps = pendingBumps(await pendingChangesets(root));
  const problems: string[] = [];
  for (const pkg of packages) {
    const released = await releasedReports(root, pkg);
    if (released.size === 0) continue;
    const committed = await committedReports(root, pkg);
    let needed: Bump | "none" = "none";
    const changedFiles: string[] = [];
    for (const file of [...new Set([...released.keys(), ...committed.keys()])].sort()) {
      const level = reportLevel(released.get(file), committed.get(file));
      if (!level) continue;
      changedFiles.push(file);
      const bump = bumpFor(level, pkg.version);
      if (!atLeast(needed, bump)) needed = bump;
    }
    const pending = bumps.get(pkg.name) ?? "none";
    if (!atLeast(pending, needed)) {
      problems.push(
        `${pkg.name}: its API changed since ${pkg.version} was released (${changedFiles.join(", ")}), which needs a ` +
          `${needed} bump, but the pending changesets give it ${pending === "none" ? "none" : `only ${pending}`}.\n` +
          `Add one with \`pnpm changeset\` (${needed} for ${pkg.name}); \`pnpm spec-diff\` shows what changed.`,
      );
    }
  }
  return problems;
}
