/**
 * The browser bundlers and the Workers simulator the matrix builds with, installed by one plain
 * `npm install` into a scratch folder (so the workspace lockfile does not grow) and loaded from
 * there. Each is pinned to the newest version whose `engines` still allow Node 20.19:
 *   vite 8.4 (`^20.19 || >=22.12`), webpack 5 and rollup 4 (any Node ≥ 18),
 *   miniflare 4.20260426.0: the last release before miniflare moved to `node >=22`. It brings
 *   workerd 1.20260426.1, whose Linux binary comes as an npm optional dependency.
 * Only the few members the matrix calls are typed here, since the packages are not workspace
 * dependencies.
 */
import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
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

/** Installs every tool at once; resolves with the folder they are installed in. */
export async function installScratchTools(dir: string): Promise<string> {
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "runtime-matrix-tools", private: true }));
  const specs = Object.entries(TOOL_VERSIONS).map(([name, version]) => `${name}@${version}`);
  await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", ...specs], {
    cwd: dir,
    env: cleanEnv(),
    timeoutMs: 300_000,
  });
  return dir;
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
