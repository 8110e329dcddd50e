/**
 * The SDKs under test: every vendor of the workspace (found by scripts/lib/vendors.ts), each driven
 * through the `testVendor` its `/testing` entry exports, so that every suite runs unchanged against
 * all of them and a new vendor is covered without a line here.
 */
import { readFileSync } from "node:fs";
import type { TestDeleteResource, TestServer, TestVendor } from "@sdkforge/core/testing";
import { findVendors } from "../../../scripts/lib/vendors.ts";

export type AnyDeleteResource = TestDeleteResource;
export type VendorServer = TestServer;

export interface VendorUnderTest extends Omit<TestVendor, "start"> {
  /** The npm name, e.g. `@sdkforge/acme`. */
  readonly packageName: string;
  /** The document's entry file, relative to the repository root. */
  readonly specFile: string;
  start(ids: Iterable<unknown>): Promise<VendorServer>;
}

function isTestVendor(value: unknown): value is TestVendor {
  const candidate = value as Partial<TestVendor> | undefined;
  return typeof candidate?.name === "string" && typeof candidate.start === "function";
}

async function load(): Promise<VendorUnderTest[]> {
  const found = findVendors();
  if (found.length === 0) throw new Error("no vendor packages found under packages/ with a document under specs/");
  // A vendor must be a dependency of this package, or turbo would not build it before these suites run.
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    devDependencies?: Record<string, string>;
  };
  const missing = found.filter(({ packageName }) => manifest.devDependencies?.[packageName] === undefined);
  if (missing.length > 0) {
    const names = missing.map(({ packageName }) => `"${packageName}": "workspace:*"`).join(", ");
    throw new Error(`packages/conformance/package.json lacks devDependencies ${names} (pnpm new-vendor adds them)`);
  }
  return Promise.all(
    found.map(async ({ packageName, specEntry }) => {
      const testing = (await import(`${packageName}/testing`)) as { testVendor?: unknown };
      if (!isTestVendor(testing.testVendor)) {
        throw new Error(
          `${packageName}/testing does not export a \`testVendor\` (see defineTestVendor in core/testing)`,
        );
      }
      const vendor = testing.testVendor;
      return { ...vendor, packageName, specFile: specEntry, start: (ids: Iterable<unknown>) => vendor.start({ ids }) };
    }),
  );
}

/** Every vendor whose SDK has a helper the suites can drive by one id (see `TestVendor.drivable`). */
async function loadDrivable(): Promise<VendorUnderTest[]> {
  const all = await load();
  const drivable = all.filter((vendor) => vendor.drivable);
  for (const vendor of all) {
    if (!vendor.drivable) console.info(`${vendor.name}: no helper to drive by one id; the suites skip it`);
  }
  return drivable;
}

export const VENDORS: readonly VendorUnderTest[] = await loadDrivable();
