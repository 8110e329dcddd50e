import { describe, expect, it } from "vitest";
import { isNodeBuiltin, scanBrowserBundle, TESTING_MARKER } from "./bundle-scan.ts";

describe("isNodeBuiltin", () => {
  it("knows node: specifiers, bare built-ins and their subpaths", () => {
    expect(isNodeBuiltin("node:http")).toBe(true);
    expect(isNodeBuiltin("node:anything")).toBe(true);
    expect(isNodeBuiltin("http")).toBe(true);
    expect(isNodeBuiltin("fs/promises")).toBe(true);
  });

  it("leaves packages alone, including ones whose name starts like a built-in", () => {
    expect(isNodeBuiltin("openapi-fetch")).toBe(false);
    expect(isNodeBuiltin("@sdkforge/core")).toBe(false);
    expect(isNodeBuiltin("http-errors")).toBe(false);
    expect(isNodeBuiltin("./http")).toBe(false);
  });
});

describe("scanBrowserBundle", () => {
  it("passes a bundle that loads nothing Node-only", () => {
    const clean = `const client = createClient({ baseUrl: "https://api.example" });\nexport { client };\n`;
    expect(scanBrowserBundle(clean)).toEqual([]);
  });

  it.each([
    [`import { createServer } from "node:http";`, "node:http"],
    [`import"node:net";`, "node:net"],
    [`const fs = await import( 'node:fs/promises' );`, "node:fs/promises"],
    [`var http = require("http");`, "http"],
    [`export * from "node:stream";`, "node:stream"],
  ])("names the Node module in %s", (code, module) => {
    expect(scanBrowserBundle(code)).toEqual([`the output still loads the Node module ${module}`]);
  });

  it("names each module once, however often it is loaded", () => {
    const code = `import a from "node:http";\nimport b from "node:http";\nrequire("node:os");`;
    expect(scanBrowserBundle(code)).toEqual([
      "the output still loads the Node module node:http",
      "the output still loads the Node module node:os",
    ]);
  });

  it("catches Vite's stub, which builds fine and throws only when used", () => {
    const code = `var __vite_browser_external = {};\n//#region __vite-browser-external\n`;
    expect(scanBrowserBundle(code)).toEqual([
      "the output holds Vite's browser stub for a Node module (__vite-browser-external)",
    ]);
  });

  it("catches /testing code by its marker", () => {
    const code = `response.setHeader("${TESTING_MARKER}", "GET, POST");`;
    expect(scanBrowserBundle(code)).toEqual([
      `the output holds the /testing entry's code (it contains "${TESTING_MARKER}")`,
    ]);
  });
});
