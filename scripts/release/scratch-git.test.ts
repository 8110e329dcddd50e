/**
 * The rehearsal's repository must accept the annotated tags `changeset publish` creates on a machine
 * whose git knows no user: no global or system config, an empty HOME, and no identity guessed from
 * the host name (`user.useConfigOnly`, which is what a host without a usable domain amounts to).
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { cleanEnv, run, runAllowingFailure } from "../lib/run.ts";
import { initScratchRepository, REHEARSAL_IDENTITY } from "./scratch-git.ts";

let work: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "scratch-git-"));
  const home = join(work, "home");
  const emptyConfig = join(work, "empty.gitconfig");
  await writeFile(emptyConfig, "");
  const stripped = Object.fromEntries(
    Object.entries(cleanEnv()).filter(([key]) => !/^(GIT_|EMAIL$)/.test(key)),
  ) as NodeJS.ProcessEnv;
  env = {
    ...stripped,
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: emptyConfig,
    GIT_CONFIG_COUNT: "1",
    GIT_CONFIG_KEY_0: "user.useConfigOnly",
    GIT_CONFIG_VALUE_0: "true",
  };
});
afterAll(() => rm(work, { recursive: true, force: true }));

async function repoWithOneFile(name: string): Promise<string> {
  const dir = join(work, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "package.json"), "{}\n");
  return dir;
}

it("this machine simulation really has no git identity (the control)", async () => {
  const dir = await repoWithOneFile("control");
  await run("git", ["init", "--quiet"], { cwd: dir, env });
  await run("git", ["add", "--all"], { cwd: dir, env });
  const commit = await runAllowingFailure("git", ["commit", "--quiet", "-m", "x"], { cwd: dir, env });
  expect(commit.code).not.toBe(0);
  expect(commit.output).toMatch(/identity|user\.(email|name)|empty ident/i);
});

it("the scratch repository commits and takes annotated tags with its own identity", async () => {
  const dir = await repoWithOneFile("rehearsal");
  await initScratchRepository(dir, env);
  await run("git", ["tag", "-a", "@sdkforge/core@0.1.0", "-m", "@sdkforge/core@0.1.0"], { cwd: dir, env });
  const { stdout } = await run("git", ["for-each-ref", "--format=%(taggername) %(taggeremail)", "refs/tags"], {
    cwd: dir,
    env,
  });
  expect(stdout.trim()).toBe(`${REHEARSAL_IDENTITY.name} <${REHEARSAL_IDENTITY.email}>`);
  // Nothing was written outside the repository.
  const global = await runAllowingFailure("git", ["config", "--global", "--list"], { cwd: dir, env });
  expect(global.stdout.trim()).toBe("");
});
