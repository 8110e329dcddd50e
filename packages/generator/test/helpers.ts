/**
 * Runs the generator on a behaviour folder's `specs/`, copied to a scratch directory first, so a
 * test can never change a fixture (or the live `specs/`). Also type-checks generated code with a
 * consumer, in a scratch package where `@sdkforge/core` resolves.
 */
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import {
  APIClient,
  type ApiSpec,
  basicCredential,
  type ClientOptions,
  cookieCredential,
  encodeBody,
  queryCredential,
  type SpecFeatures,
  serverVariables,
} from "@sdkforge/core";
import { findSpecs, type GeneratedVendor, generateVendor, type SpecSource } from "../src/index.ts";
import { specFeatures } from "../src/spec-features.ts";

const testDir = fileURLToPath(new URL(".", import.meta.url));
const run = promisify(execFile);

export interface Generated extends GeneratedVendor {
  readonly warnings: readonly string[];
  file(name: string): string;
}

/** A scratch copy of `test/<folder>/specs/` and its sources, removed with `cleanup()`. */
export async function scratchSpecs(
  folder: string,
): Promise<{ root: string; sources: SpecSource[]; cleanup(): Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), `generator-${folder}-`));
  await cp(join(testDir, folder, "specs"), join(root, "specs"), { recursive: true });
  return {
    root,
    sources: await findSpecs(join(root, "specs"), root),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/** Generates one vendor of a behaviour folder. */
export async function generateFixture(
  folder: string,
  vendor: string,
  options: { readonly strict?: boolean } = {},
): Promise<Generated> {
  const scratch = await scratchSpecs(folder);
  try {
    const source = scratch.sources.find((s) => s.vendor === vendor);
    if (!source) throw new Error(`test/${folder}/specs has no document for ${vendor}`);
    const warnings: string[] = [];
    const generated = await generateVendor(source, {
      ...options,
      root: scratch.root,
      warn: (message) => warnings.push(message),
    });
    const file = (name: string) => generated.files.find((f) => f.name === name)?.contents ?? "";
    return { ...generated, warnings, file };
  } finally {
    await scratch.cleanup();
  }
}

/**
 * A client class over a generated spec, as a vendor package's `client.ts` would write it, with the
 * `features` the generated `spec.ts` would import: only those, so a feature the generator forgets fails here.
 */
export function clientFor(spec: ApiSpec) {
  const every: Required<SpecFeatures> = {
    basicCredential,
    cookieCredential,
    encodeBody,
    queryCredential,
    serverVariables,
  };
  const features = Object.fromEntries(specFeatures(spec).map((name) => [name, every[name]]));
  const withFeatures: ApiSpec = { ...spec, features };
  return class extends APIClient<object> {
    constructor(options: ClientOptions & Record<string, unknown> = {}) {
      super(withFeatures, options);
    }
  } as unknown as new (
    options?: ClientOptions & Record<string, unknown>,
  ) => APIClient<object> & Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>;
}

const tscFile = createRequire(import.meta.url).resolve("typescript/lib/tsc.js");
// Inside node_modules so that `@sdkforge/core` resolves from this package and git ignores it.
const typecheckCache = join(testDir, "..", "node_modules", ".cache", "generator-typecheck");

/**
 * Type-checks each package's generated files with its consumer source (which may use
 * `@ts-expect-error` for what must not compile); rejects with tsc's output on any error.
 */
export async function typecheck(
  packages: Readonly<Record<string, { generated: Generated; consumer: string }>>,
): Promise<void> {
  await mkdir(typecheckCache, { recursive: true });
  // Its own directory per call: test files run in parallel.
  const typecheckRoot = await mkdtemp(join(typecheckCache, "run-"));
  const files: string[] = [];
  for (const [name, { generated, consumer }] of Object.entries(packages)) {
    const dir = join(typecheckRoot, name);
    await mkdir(dir, { recursive: true });
    for (const file of generated.files) await writeFile(join(dir, file.name), file.contents);
    await writeFile(join(dir, "consumer.ts"), consumer);
    files.push(`${name}/consumer.ts`);
  }
  await writeFile(join(typecheckRoot, "package.json"), '{ "type": "module", "private": true }\n');
  await writeFile(
    join(typecheckRoot, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        lib: ["ES2024", "DOM"],
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        exactOptionalPropertyTypes: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
      },
      files,
    }),
  );
  try {
    await run(process.execPath, [tscFile, "-p", typecheckRoot], { maxBuffer: 16 << 20 });
  } catch (error) {
    throw new Error(`tsc found errors:\n${(error as { stdout?: string }).stdout ?? String(error)}`);
  } finally {
    await rm(typecheckRoot, { recursive: true, force: true });
  }
}

/** The start of a consumer: a client class declared from the generated files, as a vendor package does. */
export const CONSUMER_PRELUDE = `import { APIClient, type ClientOptions } from "@sdkforge/core";
import type { paths } from "./openapi.js";
import type { SpecOptions } from "./options.js";
import type { Resources } from "./resources.js";
import { spec } from "./spec.js";

interface Client extends Resources {}
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: as in every vendor package.
class Client extends APIClient<paths> {
  constructor(options: ClientOptions & SpecOptions = {}) {
    super(spec, options);
  }
}
`;
