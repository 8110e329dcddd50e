/**
 * Fresh projects outside the workspace that install the SDKs from the local registry with plain
 * npm, as users would, and must type-check on the oldest supported TypeScript, the current 5.x,
 * TypeScript 6 and TypeScript 7's native preview (`tsgo`), then run `consumers/shared/scenario.ts` against the embedded servers, over every vendor of
 * the workspace (`src/vendors.ts`, written by consumer-vendors.ts):
 *   esm      "type": "module",   `module: nodenext`, runs through `import`
 *   cjs      "type": "commonjs", `module: node16`,   runs through `require()`
 *   bundled  `moduleResolution: bundler`, bundled by esbuild into one file that runs on its own
 * The CommonJS project also shows that core's openapi-fetch guard is needed and works.
 */
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { cleanEnv, run, runAllowingFailure } from "../lib/run.ts";
import { check } from "./check.ts";
import { type ConsumerVendor, consumerVendorsModule } from "./consumer-vendors.ts";
import type { Versions } from "./release-rounds.ts";

/** openapi-fetch 0.17's declarations (exposed through `Client`) need 5.4; TS 5.0–5.3 reject them with TS2344. */
export const OLDEST_TYPESCRIPT = "5.4.5";
export const CURRENT_TYPESCRIPT = "5.9.3";
/** TypeScript 6: `types` defaults to `[]` and `node10` resolution is deprecated. */
export const TYPESCRIPT_6 = "6.0.3";
/** TypeScript 7, the native (Go) compiler, as `tsgo` from its preview package. */
export const TYPESCRIPT_7_PREVIEW = "7.0.0-dev.20260707.2";

const fixtures = fileURLToPath(new URL("./consumers/", import.meta.url));
const INSTALL_FLAGS = ["--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"];

type Kind = "esm" | "cjs" | "bundled";

interface Tools {
  readonly tscOldest: string;
  readonly tscCurrent: string;
  readonly tsc6: string;
  readonly tsgo: string;
  readonly esbuild: string;
}

/** Compilers live in their own folder so each consumer's dependencies are just what a user installs. */
export async function installTools(dir: string, esbuildVersion: string): Promise<Tools> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "consumer-tools", private: true }));
  await run(
    "npm",
    [
      "install",
      ...INSTALL_FLAGS,
      `typescript-oldest@npm:typescript@${OLDEST_TYPESCRIPT}`,
      `typescript@${CURRENT_TYPESCRIPT}`,
      `typescript-6@npm:typescript@${TYPESCRIPT_6}`,
      `@typescript/native-preview@${TYPESCRIPT_7_PREVIEW}`,
      `esbuild@${esbuildVersion}`,
    ],
    { cwd: dir, env: cleanEnv() },
  );
  return {
    tscOldest: join(dir, "node_modules", "typescript-oldest", "bin", "tsc"),
    tscCurrent: join(dir, "node_modules", "typescript", "bin", "tsc"),
    tsc6: join(dir, "node_modules", "typescript-6", "bin", "tsc"),
    tsgo: join(dir, "node_modules", ".bin", "tsgo"),
    esbuild: join(dir, "node_modules", ".bin", "esbuild"),
  };
}

async function createProject(
  dir: string,
  kind: Kind,
  registryUrl: string,
  vendors: readonly ConsumerVendor[],
): Promise<void> {
  await mkdir(join(dir, "src"), { recursive: true });
  const type = kind === "cjs" ? "commonjs" : "module";
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: `consumer-${kind}`, private: true, type }));
  await writeFile(join(dir, ".npmrc"), `@sdkforge:registry=${registryUrl}\n`);
  await cp(join(fixtures, kind, "tsconfig.json"), join(dir, "tsconfig.json"));
  await cp(join(fixtures, kind, "index.ts"), join(dir, "src", "index.ts"));
  await cp(join(fixtures, "shared", "scenario.ts"), join(dir, "src", "scenario.ts"));
  await writeFile(join(dir, "src", "vendors.ts"), consumerVendorsModule(vendors));
}

async function checkInstalled(dir: string, versions: Versions): Promise<void> {
  for (const [name, version] of Object.entries(versions)) {
    const installed = join(dir, "node_modules", ...name.split("/"));
    const manifest = JSON.parse(await readFile(join(installed, "package.json"), "utf8")) as { version: string };
    check(manifest.version === version, `consumer: ${name} installed at ${manifest.version}, expected ${version}`);
    for (const file of ["LICENSE", "CHANGELOG.md"]) {
      await readFile(join(installed, file)).catch(() => {
        throw new Error(`consumer check failed: the published ${name} has no ${file}`);
      });
    }
  }
  // One copy of core, shared by every vendor: `instanceof` on its errors depends on it.
  const { stdout } = await run("npm", ["ls", "@sdkforge/core", "--all", "--parseable"], { cwd: dir, env: cleanEnv() });
  const copies = stdout.split("\n").filter((line) => line.endsWith("@sdkforge/core"));
  check(copies.length === 1, `consumer: expected one installed copy of @sdkforge/core, found ${copies.length}`);
}

/** Builds `import createClient from "openapi-fetch"` both naively and through core's guard, with Node's interop. */
async function proveInteropGuard(dir: string, tools: Tools): Promise<string> {
  for (const variant of ["naive", "guarded"]) {
    const outfile = join(dir, `interop-${variant}.cjs`);
    await run(
      tools.esbuild,
      [
        join(fixtures, "interop", `${variant}.ts`),
        "--bundle",
        "--platform=node",
        "--format=cjs",
        "--external:openapi-fetch",
        `--outfile=${outfile}`,
        "--log-level=warning",
      ],
      { cwd: dir, env: cleanEnv() },
    );
    const result = await runAllowingFailure(process.execPath, [outfile], { cwd: dir, env: cleanEnv() });
    if (variant === "guarded")
      check(result.code === 0 && result.stdout.trim() === "function", `consumer: guarded: ${result.output}`);
    else
      check(
        result.code !== 0 && result.output.includes("is not a function"),
        `naive build did not fail: ${result.output}`,
      );
  }
  return "a naive CommonJS build throws `(0, import_openapi_fetch.default) is not a function`; core's guard returns a client";
}

export async function checkConsumer(
  dir: string,
  kind: Kind,
  registryUrl: string,
  versions: Versions,
  typesNodeVersion: string,
  tools: Promise<Tools>,
  vendors: readonly ConsumerVendor[],
): Promise<string[]> {
  const started = performance.now();
  const env = cleanEnv();
  const notes: string[] = [];
  await createProject(dir, kind, registryUrl, vendors);
  const packages = vendors.map(({ vendor }) => `${vendor.packageName}@${versions[vendor.packageName]}`);
  await run("npm", ["install", ...INSTALL_FLAGS, ...packages, `@types/node@${typesNodeVersion}`], { cwd: dir, env });
  await checkInstalled(dir, versions);
  const all = await tools;
  const { tscOldest, tscCurrent, esbuild } = all;

  // The type-only checks do not depend on each other: run them side by side.
  await Promise.all([
    run(process.execPath, [tscOldest, "--noEmit", "-p", "."], { cwd: dir, env }),
    run(process.execPath, [all.tsc6, "--noEmit", "-p", "."], { cwd: dir, env }),
    run(all.tsgo, ["--noEmit", "-p", "."], { cwd: dir, env }),
  ]);
  notes.push(`tsc ${OLDEST_TYPESCRIPT}, ${TYPESCRIPT_6} and tsgo ${TYPESCRIPT_7_PREVIEW} ok`);
  if (kind === "bundled") {
    await run(process.execPath, [tscCurrent, "--noEmit", "-p", "."], { cwd: dir, env });
    notes.push(`tsc ${CURRENT_TYPESCRIPT} ok`);
    // The bundle is copied away from node_modules before it runs, so nothing can be resolved at run time.
    const bundle = join(dir, "dist", "app.mjs");
    await run(
      esbuild,
      ["src/index.ts", "--bundle", "--platform=node", "--format=esm", `--outfile=${bundle}`, "--log-level=warning"],
      { cwd: dir, env },
    );
    const text = await readFile(bundle, "utf8");
    check(
      !/from\s*["'](@sdkforge|openapi-fetch)/.test(text),
      "consumer: the bundle still imports a package at run time",
    );
    const alone = join(dir, "..", "bundle-alone");
    await mkdir(alone, { recursive: true });
    await cp(bundle, join(alone, "app.mjs"));
    const { stdout } = await run(process.execPath, ["app.mjs"], { cwd: alone, env });
    notes.push(stdout.trim(), `bundle ${Math.round(text.length / 1024)} kB unminified`);
  } else {
    // The current compiler type-checks while it emits the JavaScript that runs next.
    await run(process.execPath, [tscCurrent, "-p", "."], { cwd: dir, env });
    notes.push(`tsc ${CURRENT_TYPESCRIPT} ok`);
    const { stdout } = await run(process.execPath, [join("dist", "index.js")], { cwd: dir, env });
    notes.push(stdout.trim());
  }
  if (kind === "cjs") notes.push(await proveInteropGuard(dir, all));
  notes.push(`${((performance.now() - started) / 1000).toFixed(1)} s`);
  return notes;
}
