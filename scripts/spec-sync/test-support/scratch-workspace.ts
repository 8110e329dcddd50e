/**
 * A throwaway copy of the workspace for tests that sync, generate and build: the files git sees
 * (tracked or new, not ignored), the packages' built `dist/`, and every `node_modules` linked to the
 * real one (so nothing is installed), in a fresh git repository so a test can ask git what a
 * command changed. The live `specs/` and `packages/` are never touched.
 */
import { cp, mkdir, mkdtemp, readdir, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cleanEnv, run } from "../../lib/run.ts";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export interface ScratchWorkspace {
  readonly root: string;
  /** `git status --porcelain` lines: what changed since the copy. */
  changes(): Promise<string[]>;
  remove(): Promise<void>;
}

const git = (cwd: string, ...args: string[]) =>
  run("git", ["-c", "user.name=scratch", "-c", "user.email=scratch@localhost", ...args], { cwd, env: cleanEnv() });

export async function scratchWorkspace(): Promise<ScratchWorkspace> {
  const root = await mkdtemp(join(tmpdir(), "sdkforge-sync-"));
  const { stdout } = await run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT });
  for (const file of stdout.split("\0").filter(Boolean)) {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await cp(join(ROOT, file), join(root, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
  }
  await symlink(join(ROOT, "node_modules"), join(root, "node_modules"));
  for (const folder of await readdir(join(ROOT, "packages"))) {
    const from = join(ROOT, "packages", folder);
    await symlink(join(from, "node_modules"), join(root, "packages", folder, "node_modules")).catch(() => {});
    await cp(join(from, "dist"), join(root, "packages", folder, "dist"), { recursive: true }).catch(() => {});
  }
  await git(root, "init", "--quiet", "--initial-branch=main");
  await git(root, "add", "--all");
  await git(root, "commit", "--quiet", "--no-verify", "--message", "scratch");
  return {
    root,
    async changes() {
      const status = await git(root, "status", "--porcelain", "--untracked-files=all");
      return status.stdout.split("\n").filter(Boolean).sort();
    },
    remove: () => rm(root, { recursive: true, force: true, maxRetries: 3 }),
  };
}
