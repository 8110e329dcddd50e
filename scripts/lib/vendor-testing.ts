/**
 * Loads a vendor's built `/testing` entry (its `testVendor` and test server) straight from the
 * package's `exports` map, so tools at the repository root reach every discovered vendor without
 * listing it among their own dependencies. Needs `pnpm build`.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { TestVendor } from "@sdkforge/core/testing";
import { REPO_ROOT, type Vendor } from "./vendors.ts";

interface Manifest {
  readonly exports?: { readonly "./testing"?: { readonly import?: { readonly default?: string } } };
}

export async function loadTestVendor(vendor: Vendor, root: string = REPO_ROOT): Promise<TestVendor> {
  const dir = join(root, vendor.packageDir);
  const manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as Manifest;
  const entry = manifest.exports?.["./testing"]?.import?.default;
  if (!entry) throw new Error(`${vendor.packageName} has no "./testing" export`);
  const testing = (await import(pathToFileURL(join(dir, entry)).href)) as { testVendor?: TestVendor };
  if (typeof testing.testVendor?.start !== "function") {
    throw new Error(`${vendor.packageName}/testing does not export a \`testVendor\` (see defineTestVendor in core)`);
  }
  return testing.testVendor;
}
