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
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      // No `target`: the default. The libraries are named so only the target is left to default.
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
      types: ["node"],
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((diagnostic) => diagnostic.file?.fileName.startsWith(dist))
      .map((diagnostic) => `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`);
    expect(problems).toEqual([]);
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
