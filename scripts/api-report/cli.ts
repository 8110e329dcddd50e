/**
 * `pnpm api-report`                  rebuilds every published package's API report from its built
 *                                    `.d.ts` (run `pnpm build` first) and writes the changed ones.
 * `pnpm api-report --check`          fails, showing the diff, when a built API differs from its
 *                                    committed report; and when a committed report differs from the
 *                                    package's last released report without a pending changeset that
 *                                    bumps the package at least as much as the change needs.
 * `pnpm api-report [--check] core`   limits either to the named folders under packages/.
 * `pnpm api-report --mark-released`  (part of `pnpm version-packages`) records the current reports as
 *                                    the released ones, since the changesets were just consumed.
 *
 * "Changed on the branch" (release-check.ts) is measured against `api-report/released/`, which is committed: the check
 * needs no git history, so it gives the same answer in a shallow CI checkout, a fresh clone of main,
 * and a branch, and it keeps failing on main until a release carries the change.
 */

import { fileURLToPath } from "node:url";
import { buildReports } from "./extract.ts";
import { publishedPackages } from "./packages.ts";
import { releaseProblems } from "./release-check.ts";
import { reportPatch } from "./report-diff.ts";
import { committedReports, markReleased, writeReports } from "./state.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const args = process.argv.slice(2);
const only = args.filter((arg) => !arg.startsWith("--"));
const packages = (await publishedPackages(root)).filter((pkg) => only.length === 0 || only.includes(pkg.folder));
if (packages.length === 0) {
  console.error(`No published package in packages/${only.length > 0 ? ` named ${only.join(", ")}` : ""}.`);
  process.exit(1);
}

if (args.includes("--mark-released")) {
  for (const pkg of packages) await markReleased(root, pkg);
  console.log(`api-report: recorded the released API of ${packages.map((pkg) => pkg.name).join(", ")}`);
  process.exit(0);
}

const check = args.includes("--check");
const problems: string[] = [];

for (const pkg of packages) {
  const built = await buildReports(root, pkg);
  const committed = await committedReports(root, pkg);
  const files = [...new Set([...built.keys(), ...committed.keys()])].sort();
  if (!check) {
    for (const file of await writeReports(root, pkg, built)) console.log(`wrote ${file}`);
    continue;
  }
  for (const file of files) {
    if (built.get(file) === committed.get(file)) continue;
    const path = `packages/${pkg.folder}/api-report/${file}`;
    problems.push(
      `${path} no longer matches the built API of ${pkg.name}:\n${reportPatch(path, committed.get(file), built.get(file))}` +
        "Review the change, then run `pnpm api-report` and commit the report.",
    );
  }

}
if (check) problems.push(...(await releaseProblems(root, packages)));

if (problems.length > 0) {
  console.error(problems.join("\n\n"));
  process.exit(1);
}
console.log(
  check ? `API reports match the built packages (${packages.length} packages)` : "API reports are up to date",
);
