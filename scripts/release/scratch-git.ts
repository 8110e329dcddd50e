/**
 * The release rehearsal's throwaway git repository. `changeset publish` creates annotated tags,
 * and git refuses those without a committer identity; a fresh machine (or CI runner) may have none.
 * The repository therefore carries its own local identity, so the rehearsal never depends on, and
 * never writes to, the user's global git configuration.
 */
import { cleanEnv, run } from "../lib/run.ts";

export const REHEARSAL_IDENTITY = { name: "sdkforge release rehearsal", email: "release-rehearsal@localhost" } as const;

/** `git init` + one commit of everything in `dir`, with a local identity for the commits and tags that follow. */
export async function initScratchRepository(dir: string, env: NodeJS.ProcessEnv = cleanEnv()): Promise<void> {
  const git = (...args: string[]) => run("git", args, { cwd: dir, env });
  await git("init", "--quiet", "--initial-branch=main");
  await git("config", "--local", "user.name", REHEARSAL_IDENTITY.name);
  await git("config", "--local", "user.email", REHEARSAL_IDENTITY.email);
  // A user's global `tag.gpgSign` or `commit.gpgSign` would need their key; the rehearsal signs nothing.
  await git("config", "--local", "tag.gpgSign", "false");
  await git("config", "--local", "commit.gpgSign", "false");
  await git("add", "--all");
  await git("commit", "--quiet", "--no-verify", "--message", "release rehearsal");
}
