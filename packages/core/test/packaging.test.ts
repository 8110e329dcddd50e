/**
 * What a new user meets when installing the built package: types that check under strict settings
 * TypeScript does not default away, declaration maps that exist, and error classes that stay
 * `instanceof`-compatible when an app loads both the ESM and the CommonJS build.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, test } from "vitest";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const require = createRequire(import.meta.url);

describe("the built package", () => {
  test("every sourceMappingURL in dist points at a file that is there", () => {
    const files = readdirSync(dist);
    const missing = files.flatMap((file) => {
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(dist, file), "utf8"))?.[1];
      return url && !existsSync(join(dist, url)) ? [`${file} → ${url}`] : [];
    });
    expect(files.some((file) => file.endsWith(".d.ts"))).toBe(true);
    expect(missing).toEqual([]);
  });

  // One program for every entry: loading the DOM and Node libraries is most of the cost.
  test("the declarations type-check with skipLibCheck off and TypeScript's default target", {
    timeout: 240_000,
  }, () => {
    const entries = ["index.d.ts", "index.d.cts", "testing.d.ts", "testing.d.cts"].map((entry) => join(dist, entry));
    const program = ts.createProgram(entries, {
      strict: true,
      skipLibCheck: false,
      noEmit: true,
      // `module: NodeNext` would imply a modern target; ESNext with bundler resolution leaves the
      // default (ES5), the setting under which a `#private` member fails with TS18028.
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      // Only ES2022 is named: @types/node supplies fetch, Response and Headers, and leaving out the
      // DOM library keeps this check cheap.
      lib: ["lib.es2022.d.ts"],
      types: ["node"],
    });
    // Only the package's own files are checked: checking all of @types/node would cost seconds.
    expect(program.getCompilerOptions().target, "TypeScript's default target").toBeUndefined();
    const own = program.getSourceFiles().filter((file) => file.fileName.startsWith(dist));
    expect(own.length).toBeGreaterThanOrEqual(entries.length);
    const problems = own
      .flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)])
      .map((diagnostic) => `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`);
    expect(problems).toEqual([]);
  });

  // A consumer who never listed `types: ["node"]` (TypeScript 6 no longer loads every @types
  // package by default) must still get Node's types for `/testing`, through its own reference.
  test("the /testing declarations bring Node's types themselves", { timeout: 240_000 }, () => {
    const entries = ["testing.d.ts", "testing.d.cts"].map((entry) => join(dist, entry));
    for (const entry of entries) expect(readFileSync(entry, "utf8")).toMatch(/^\/\/\/ <reference types="node" \/>/);
    const program = ts.createProgram(entries, {
      strict: true,
      skipLibCheck: false,
      noEmit: true,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ["lib.es2022.d.ts"],
      types: [],
    });
    const problems = program
      .getSourceFiles()
      .filter((file) => file.fileName.startsWith(dist))
      .flatMap((file) => program.getSemanticDiagnostics(file))
      .map((diagnostic) => `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`);
    expect(problems).toEqual([]);
  });

  test("@types/node is an optional peer, for /testing's declarations", () => {
    const manifest = JSON.parse(readFileSync(join(dist, "..", "package.json"), "utf8")) as {
      peerDependencies?: Record<string, string>;
      peerDependenciesMeta?: Record<string, { optional?: boolean }>;
    };
    expect(manifest.peerDependencies?.["@types/node"]).toBeDefined();
    expect(manifest.peerDependenciesMeta?.["@types/node"]?.optional).toBe(true);
  });

  test("an error from the CommonJS build is instanceof the ESM build's class, and back", async () => {
    const esm = (await import(join(dist, "index.js"))) as typeof import("../src/index.js");
    const cjs = require(join(dist, "index.cjs")) as typeof import("../src/index.js");
    expect(cjs.NotFoundError).not.toBe(esm.NotFoundError);
    const init = { status: 404, message: "gone", method: "DELETE", path: "/x/{id}" };
    const fromCjs = new cjs.NotFoundError(init);
    const fromEsm = new esm.NotFoundError(init);
    expect(fromCjs).toBeInstanceOf(esm.NotFoundError);
    expect(fromCjs).toBeInstanceOf(esm.APIError);
    expect(fromCjs).toBeInstanceOf(esm.SDKError);
    expect(fromEsm).toBeInstanceOf(cjs.NotFoundError);
    expect(fromCjs).not.toBeInstanceOf(esm.RateLimitError);
    expect(new cjs.InvalidArgumentError("id", "bad")).toBeInstanceOf(esm.InvalidArgumentError);
    expect(new cjs.InvalidArgumentError("id", "bad")).not.toBeInstanceOf(esm.APIError);
  });
});
