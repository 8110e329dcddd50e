/**
 * A disposable copy of the workspace to version and publish from, so a release rehearsal never
 * touches the real working tree: the files git would see (tracked or new, not ignored), the
 * packages' built `dist/`, dependencies linked from the local pnpm store (no network), and a fresh
 * git repository with its own identity for the tags `changeset publish` creates (see scratch-git.ts).
 */
import { cp, mkdir, readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { cleanEnv, run } from "../lib/run.ts";
import { initScratchRepository } from "./scratch-git.ts";

export interface PublishablePackage {
  readonly name: string;
  /** Folder under `packages/`. */
  readonly folder: string;
}

export async function publishablePackages(root: string): Promise<PublishablePackage[]> {
  const found: PublishablePackage[] = [];
  for (const folder of (await readdir(join(root, "packages"))).sort()) {
    const manifest = JSON.parse(await readFile(join(root, "packages", folder, "package.json"), "utf8")) as {
      name: string;
      private?: boolean;
    };
    if (!manifest.private) found.push({ name: manifest.name, folder });
  }
  return found;
}

export async function copyWorkspace(root: string, target: string): Promise<void> {
  const { stdout } = await run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root });
  for (const file of stdout.split("\0").filter(Boolean)) {
    await mkdir(dirname(join(target, file)), { recursive: true });
    // A tracked file deleted in the working tree is simply not part of the copy.
    await cp(join(root, file), join(target, file), { force: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
  }
  for (const { folder } of await publishablePackages(root)) {
    const dist = join(root, "packages", folder, "dist");
    await cp(dist, join(target, "packages", folder, "dist"), { recursive: true }).catch(() => {
      throw new Error(`packages/${folder}/dist is missing: build the packages first (pnpm build)`);
    });
  }
  // `pnpm publish` reads each `workspace:` dependency's version from the linked package.
  await run("pnpm", ["install", "--offline", "--frozen-lockfile", "--reporter=silent"], {
    cwd: target,
    env: cleanEnv(),
  });

  await initScratchRepository(target);
}
