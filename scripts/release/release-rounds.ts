/**
 * Three releases through the real changesets flow (`pnpm version-packages`, then `changeset publish`)
 * into the local registry, each followed by checks of what the registry now holds:
 *   1. the pending changesets (or, when none are pending, a patch for every package): everything
 *      is published, and the vendors depend on `^<core version>`, not `workspace:^`;
 *   2. a fix in one vendor (the first one): that vendor alone gets a new version; the other vendors
 *      and core are not republished;
 *   3. a breaking core release: core leaves the vendors' range, so every vendor gets a patch release
 *      whose dependency range follows core.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { cleanEnv, run } from "../lib/run.ts";
import { check } from "./check.ts";
import type { LocalRegistry } from "./local-registry.ts";
import type { PublishablePackage } from "./workspace-copy.ts";

export type Versions = Record<string, string>;
type Bump = "patch" | "minor" | "major";

const CORE = "@sdkforge/core";

function sameList(actual: readonly string[], expected: readonly string[], what: string): void {
  check(
    JSON.stringify(actual) === JSON.stringify(expected),
    `${what}: expected [${expected.join(", ")}], got [${actual.join(", ")}]`,
  );
}

async function readVersions(repo: string, packages: readonly PublishablePackage[]): Promise<Versions> {
  const versions: Versions = {};
  for (const { name, folder } of packages) {
    const manifest = JSON.parse(await readFile(join(repo, "packages", folder, "package.json"), "utf8"));
    versions[name] = (manifest as { version: string }).version;
  }
  return versions;
}

async function addChangeset(repo: string, file: string, bumps: Record<string, Bump>, summary: string): Promise<void> {
  const frontmatter = Object.entries(bumps).map(([name, bump]) => `"${name}": ${bump}`);
  await writeFile(join(repo, ".changeset", file), `---\n${frontmatter.join("\n")}\n---\n\n${summary}\n`);
}

async function hasPendingChangesets(repo: string): Promise<boolean> {
  return (await readdir(join(repo, ".changeset"))).some((file) => file.endsWith(".md") && file !== "README.md");
}

export async function versionAndPublish(
  title: string,
  repo: string,
  registry: LocalRegistry,
  packages: readonly PublishablePackage[],
): Promise<Versions> {
  const previous = await readVersions(repo, packages);
  const started = performance.now();
  await run("pnpm", ["version-packages"], { cwd: repo, env: cleanEnv() });
  // changesets picks the registry from npm_config_registry for both `npm info` and `pnpm publish`;
  // the publish token comes from a user config that exists only for this rehearsal.
  await run(join(repo, "node_modules", ".bin", "changeset"), ["publish"], {
    cwd: repo,
    env: cleanEnv({ npm_config_registry: registry.url, npm_config_userconfig: registry.npmrc }),
  });
  const versions = await readVersions(repo, packages);
  const newlyPublished = Object.entries(versions).filter(([name, version]) => previous[name] !== version);
  console.log(
    `  ${title}: published ${newlyPublished.map(([name, version]) => `${name}@${version}`).join(", ")}` +
      ` (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  return versions;
}

async function dependencyOnCore(registry: LocalRegistry, name: string, version: string): Promise<string | undefined> {
  const manifest = (await registry.manifest(name, version)) as { dependencies?: Record<string, string> };
  return manifest.dependencies?.[CORE];
}

async function changelogHas(repo: string, folder: string, version: string): Promise<boolean> {
  const text = await readFile(join(repo, "packages", folder, "CHANGELOG.md"), "utf8").catch(() => "");
  return text.includes(`## ${version}\n`);
}

export async function runReleaseRounds(
  repo: string,
  registry: LocalRegistry,
  packages: readonly PublishablePackage[],
  vendors: readonly string[],
): Promise<Versions> {
  const names = packages.map((pkg) => pkg.name).sort();
  sameList(names, [CORE, ...vendors].sort(), "publishable packages (core and the vendors found)");
  const [fixed, ...others] = vendors;
  if (fixed === undefined) throw new Error("release check failed: no vendor packages to release");
  const publishedVersions = async (): Promise<Record<string, string[]>> =>
    Object.fromEntries(await Promise.all(names.map(async (name) => [name, await registry.versions(name)] as const)));

  // Round 1: the first publish of everything.
  if (!(await hasPendingChangesets(repo))) {
    const bumps = Object.fromEntries(names.map((name) => [name, "patch" as const]));
    await addChangeset(repo, "rehearsal-all.md", bumps, "Rehearsal.");
  }
  const first = await versionAndPublish("round 1, first release", repo, registry, packages);
  let published = await publishedVersions();
  for (const { name, folder } of packages) {
    const version = first[name] ?? "";
    sameList(published[name] ?? [], [version], `round 1: ${name} in the registry`);
    check(await changelogHas(repo, folder, version), `round 1: packages/${folder}/CHANGELOG.md has a ${version} entry`);
  }
  for (const vendor of vendors) {
    const range = await dependencyOnCore(registry, vendor, first[vendor] ?? "");
    check(range === `^${first[CORE]}`, `round 1: ${vendor} depends on ${CORE} ^${first[CORE]}, not ${range}`);
  }

  // Round 2: a fix in one vendor package republishes that package only.
  await addChangeset(repo, "rehearsal-vendor-fix.md", { [fixed]: "patch" }, `Rehearsal: a ${fixed}-only fix.`);
  const second = await versionAndPublish(`round 2, ${fixed}-only fix`, repo, registry, packages);
  published = await publishedVersions();
  check(second[fixed] !== first[fixed], `round 2: ${fixed} got a new version`);
  sameList(published[fixed] ?? [], [first[fixed] ?? "", second[fixed] ?? ""], `round 2: ${fixed} versions`);
  for (const other of [...others, CORE]) {
    sameList(published[other] ?? [], [first[other] ?? ""], `round 2: ${other} was not republished`);
  }

  // Round 3: a core release outside the vendors' `^` range carries every vendor along.
  const breaking: Bump = (first[CORE] ?? "").startsWith("0.") ? "minor" : "major";
  await addChangeset(repo, "rehearsal-core-break.md", { [CORE]: breaking }, "Rehearsal: a breaking core change.");
  const third = await versionAndPublish("round 3, breaking core release", repo, registry, packages);
  published = await publishedVersions();
  sameList(published[CORE] ?? [], [first[CORE] ?? "", third[CORE] ?? ""], "round 3: core versions");
  for (const other of others) {
    sameList(published[other] ?? [], [first[other] ?? "", third[other] ?? ""], `round 3: ${other} versions`);
  }
  check((published[fixed] ?? []).at(-1) === third[fixed], `round 3: ${fixed} republished`);
  for (const vendor of vendors) {
    const range = await dependencyOnCore(registry, vendor, third[vendor] ?? "");
    check(
      range === `^${third[CORE]}`,
      `round 3: ${vendor}@${third[vendor]} depends on core ^${third[CORE]}, not ${range}`,
    );
  }

  const { stdout: tags } = await run("git", ["tag", "--list"], { cwd: repo, env: cleanEnv() });
  for (const name of names) {
    check(tags.includes(`${name}@${third[name]}`), `changeset publish tagged ${name}@${third[name]}`);
  }
  return third;
}
