/**
 * What a browser bundle of the SDKs' main entries must not contain: a Node built-in (imported,
 * required, or swapped for Vite's browser stub, which only throws when used), or code of a
 * `/testing` entry (the embedded servers, which need `node:http`). The bundlers' own resolution is
 * watched as well (browser-bundles.ts); this reads what they wrote, in case a module got through
 * another way.
 */
import { builtinModules } from "node:module";

/**
 * A string only the `/testing` entry has: the embedded servers answer CORS preflights, the SDKs
 * never send one themselves. The matrix's control bundle, which imports `/testing` on purpose,
 * proves that the marker is found there.
 */
export const TESTING_MARKER = "access-control-allow-methods";

/** `node:x`, or a bare built-in name such as `http` or `fs/promises`. */
export function isNodeBuiltin(request: string): boolean {
  return request.startsWith("node:") || builtinModules.includes(request);
}

const MODULE_REFERENCE = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s*)["']([^"'\s]+)["']/g;

/** Each thing the bundle must not hold, named; empty when it is clean. */
export function scanBrowserBundle(text: string): string[] {
  const problems = new Set<string>();
  for (const match of text.matchAll(MODULE_REFERENCE)) {
    const request = match[1] ?? "";
    if (isNodeBuiltin(request)) problems.add(`the output still loads the Node module ${request}`);
  }
  if (text.includes("__vite-browser-external")) {
    problems.add("the output holds Vite's browser stub for a Node module (__vite-browser-external)");
  }
  if (text.includes(TESTING_MARKER)) {
    problems.add(`the output holds the /testing entry's code (it contains "${TESTING_MARKER}")`);
  }
  return [...problems];
}
