/**
 * The SDKs under test: every vendor of the workspace (found by scripts/lib/vendors.ts), each driven
 * through the `testVendor` its `/testing` entry exports, so that every suite runs unchanged against
 * all of them and a new vendor is covered without a line here.
 */
import { readFileSync } from "node:fs";
import type { ApiSpec } from "@sdkforge/core";
import type { TestDeleteResource, TestServer, TestVendor } from "@sdkforge/core/testing";
import { findVendors } from "../../../scripts/lib/vendors.ts";

export type AnyDeleteResource = TestDeleteResource;
export type VendorServer = TestServer;

export interface VendorUnderTest extends Omit<TestVendor, "start"> {
  /** The npm name, e.g. `@sdkforge/acme`. */
  readonly packageName: string;
  /** `packages/<id>`, relative to the repository root. */
  readonly packageDir: string;
  /** The document's entry file, relative to the repository root. */
  readonly specFile: string;
  /** The generated facts the package exports (`spec`). */
  readonly spec: ApiSpec;
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
    found.map(async ({ packageName, packageDir, specEntry }) => {
      const testing = (await import(`${packageName}/testing`)) as { testVendor?: unknown };
      const main = (await import(packageName)) as { spec?: ApiSpec };
      if (!main.spec) throw new Error(`${packageName} does not export its generated \`spec\``);
      const spec = main.spec;
      if (!isTestVendor(testing.testVendor)) {
        throw new Error(
          `${packageName}/testing does not export a \`testVendor\` (see defineTestVendor in core/testing)`,
        );
      }
      const vendor = testing.testVendor;
      const start = (ids: Iterable<unknown>) => vendor.start({ ids });
      return { ...vendor, packageName, packageDir, specFile: specEntry, spec, start };
    }),
  );
}

/** Every vendor of the workspace, whatever helpers its document gives it. */
export const ALL_VENDORS: readonly VendorUnderTest[] = await load();

/** The vendors whose SDK has a helper the suites can drive by one id (see `TestVendor.drivable`). */
export const VENDORS: readonly VendorUnderTest[] = ALL_VENDORS.filter((vendor) => vendor.drivable);
