/**
 * Installs the packages the way users get them: `pnpm pack` of each (which rewrites `workspace:`
 * ranges), then plain `npm install` of the tarballs into an app folder outside the workspace, with
 * the smoke scenario's sources copied next to it. Runtimes then resolve `@sdkforge/*` through an
 * ordinary node_modules, not the workspace's symlinks (which Deno does not load as packages).
 */
import { cp, mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { cleanEnv, run } from "../lib/run.ts";
import { publishablePackages } from "../release/workspace-copy.ts";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = join(here, "..", "..");

/** Returns the app folder; its `src/` holds the scenario and both entry points. */
export async function installPacked(dir: string): Promise<string> {
  const packs = join(dir, "packs");
  const app = join(dir, "app");
  await mkdir(join(app, "src"), { recursive: true });
  const env = cleanEnv();
  await Promise.all(
    (await publishablePackages(root)).map(({ folder }) =>
      run("pnpm", ["pack", "--pack-destination", packs], { cwd: join(root, "packages", folder), env }),
    ),
  );
  const tarballs = (await readdir(packs)).filter((file) => file.endsWith(".tgz")).map((file) => join(packs, file));
  await writeFile(join(app, "package.json"), JSON.stringify({ name: "smoke-app", private: true, type: "module" }));
  await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", ...tarballs], {
    cwd: app,
    env,
  });
  for (const file of ["scenario.ts", "cli-entry.ts", "browser-entry.ts", "worker-entry.ts"]) {
    await cp(join(here, file), join(app, "src", file));
  }
  return app;
}
