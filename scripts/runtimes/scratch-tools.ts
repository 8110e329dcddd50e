/**
 * The browser bundlers and the Workers simulator the matrix builds with, installed by one plain
 * `npm install` into a scratch folder (so the workspace lockfile does not grow; `scratchTools`)
 * and loaded from there. Each is pinned to the newest version whose `engines` still allow Node 20.19:
 *   vite 8.4 (`^20.19 || >=22.12`), webpack 5 and rollup 4 (any Node ≥ 18),
 *   miniflare 4.20260426.0: the last release before miniflare moved to `node >=22`. It brings
 *   workerd 1.20260426.1, whose Linux binary comes as an npm optional dependency.
 * Only the few members the matrix calls are typed here, since the packages are not workspace
 * dependencies.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { cleanEnv, run } from "../lib/run.ts";

export const TOOL_VERSIONS = {
  vite: "8.4.0",
  webpack: "5.112.2",
  rollup: "4.68.8",
  "@rollup/plugin-node-resolve": "16.0.3",
  miniflare: "4.20260426.0",
} as const;

const TOOLS_PREFIX = "sdkforge-runtime-tools-";

const COMPLETE = "installed.json";

/** Where the tools of these versions live under `root`: the name carries a hash of the versions. */
export function toolsFolder(root: string): string {
  const key = createHash("sha256").update(JSON.stringify(TOOL_VERSIONS)).digest("hex").slice(0, 12);
  return join(root, `${TOOLS_PREFIX}${key}`);
}

/** Whether `dir` holds a finished install of exactly these versions (`JSON.stringify(TOOL_VERSIONS)`). */
export async function isComplete(dir: string, versions: string): Promise<boolean> {
  if ((await readFile(join(dir, COMPLETE), "utf8").catch(() => undefined)) !== versions) return false;
  // A temp cleaner may have taken files since: every tool must still be there.
  return Object.keys(TOOL_VERSIONS).every((name) => existsSync(join(dir, "node_modules", name, "package.json")));
}

/**
 * The folder holding every tool, installed by one `npm install` the first time and reused while
 * the pinned versions stay the same (a clean machine, CI's included, pays the install once). It
 * lives in the system's temporary folder, outside any workspace, so nothing in it resolves
 * through the workspace's own node_modules, and its name carries a hash of the versions. Runs at
 * once each install into a folder of their own, and the first to finish moves it into place; a
 * folder is moved there only once its install is complete, so one in use is never replaced.
 */
export async function scratchTools(root: string = tmpdir()): Promise<{ dir: string; reused: boolean }> {
  const versions = JSON.stringify(TOOL_VERSIONS);
  const dir = toolsFolder(root);
  if (await isComplete(dir, versions)) return { dir, reused: true };

  const fresh = await mkdtemp(join(root, `${TOOLS_PREFIX}installing-`));
  try {
    await writeFile(join(fresh, "package.json"), JSON.stringify({ name: "runtime-matrix-tools", private: true }));
    const specs = Object.entries(TOOL_VERSIONS).map(([name, version]) => `${name}@${version}`);
    await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", ...specs], {
      cwd: fresh,
      env: cleanEnv(),
      timeoutMs: 300_000,
    });
    await writeFile(join(fresh, COMPLETE), versions);
    if (await isComplete(dir, versions)) return { dir, reused: false }; // another run finished first
    // What is there is unfinished or damaged, so no run uses it.
    await rm(dir, { recursive: true, force: true });
    await rename(fresh, dir).catch(async (error: NodeJS.ErrnoException) => {
      const anotherRunWon =
        (error.code === "ENOTEMPTY" || error.code === "EEXIST") && (await isComplete(dir, versions));
      if (!anotherRunWon) throw error;
    });
    return { dir, reused: false };
  } finally {
    await rm(fresh, { recursive: true, force: true });
  }
}

/**
 * What the matrix calls, re-exported by a module written into the scratch folder, so that each
 * package resolves there through its own `exports` map with ESM conditions.
 */
const LOADER = `export { build as viteBuild } from "vite";
export { default as webpack } from "webpack";
export { rollup } from "rollup";
export { nodeResolve } from "@rollup/plugin-node-resolve";
export { Miniflare } from "miniflare";
`;

/** A Rollup plugin, which Vite (on Rolldown) takes as well: the one hook the matrix uses. */
export interface ResolvePlugin {
  readonly name: string;
  readonly enforce?: "pre";
  resolveId(source: string, importer: string | undefined): { id: string; external: true } | null;
}

export interface WebpackCompiler {
  readonly hooks: {
    readonly normalModuleFactory: {
      tap(name: string, hook: (factory: WebpackModuleFactory) => void): void;
    };
  };
}

export interface WebpackModuleFactory {
  readonly hooks: {
    readonly beforeResolve: {
      /** Returning `false` leaves the request out of the bundle. */
      tap(name: string, hook: (data: { request: string; contextInfo: { issuer?: string } }) => false | undefined): void;
    };
  };
}

export interface WebpackStats {
  hasErrors(): boolean;
  toJson(options: { all: false; errors: true }): { errors?: { message: string }[] };
}

export interface MiniflareInstance {
  dispatchFetch(url: string): Promise<{ status: number; text(): Promise<string> }>;
  dispose(): Promise<void>;
}

export interface ScratchTools {
  viteBuild(config: Readonly<Record<string, unknown>>): Promise<unknown>;
  webpack(
    config: Readonly<Record<string, unknown>>,
    callback: (error: Error | null, stats: WebpackStats | undefined) => void,
  ): { close(callback: () => void): void };
  rollup(options: Readonly<Record<string, unknown>>): Promise<{
    write(options: Readonly<Record<string, unknown>>): Promise<unknown>;
    close(): Promise<void>;
  }>;
  nodeResolve(options: Readonly<Record<string, unknown>>): unknown;
  Miniflare: new (options: Readonly<Record<string, unknown>>) => MiniflareInstance;
}

export async function loadScratchTools(tools: string): Promise<ScratchTools> {
  const loader = join(tools, "load-tools.mjs");
  await writeFile(loader, LOADER);
  return (await import(pathToFileURL(loader).href)) as ScratchTools;
}

/** The version of a package in the scratch folder (workerd's, for instance, which comes with miniflare). */
export function installedVersion(tools: string, name: string): string {
  const require = createRequire(join(tools, "package.json"));
  return (require(`${name}/package.json`) as { version: string }).version;
}
