/** Discovery on scratch workspaces: what counts as a vendor, where its document starts, which files are its own. */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { vendorNames } from "./vendor-template.ts";
import { findVendors, operationCounts, REPO_ROOT } from "./vendors.ts";

let root: string;

async function put(file: string, contents: string): Promise<void> {
  await mkdir(dirname(join(root, file)), { recursive: true });
  await writeFile(join(root, file), contents);
}
const manifest = (name: string, extra: Record<string, unknown> = {}) => JSON.stringify({ name, ...extra });

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "vendors-"));
  await put("packages/core/package.json", manifest("@sdkforge/core"));
  // One file, with an overlay beside it; a vendor of the same prefix must not claim it.
  await put("packages/acme/package.json", manifest("@sdkforge/acme"));
  await put("specs/acme.yaml", "openapi: 3.1.0\n");
  await put("specs/acme.overlay.yaml", "overlay: 1.0.0\n");
  await put("packages/acme-two/package.json", manifest("@sdkforge/acme-two"));
  await put("specs/acme-two.json", '{ "openapi": "3.0.3" }\n');
  // A folder entered through openapi.yaml.
  await put("packages/folded/package.json", manifest("@sdkforge/folded"));
  await put("specs/folded/openapi.yaml", "openapi: 3.0.3\n");
  await put("specs/folded/paths/items.yaml", "get: {}\n");
  // A folder whose one top-level document has another name (as DigitalOcean's does).
  await put("packages/ocean/package.json", manifest("@sdkforge/ocean"));
  await put("specs/ocean/Ocean-public.v2.yaml", "openapi: '3.0.0'\n");
  await put("specs/ocean/description.yml", "introduction: text\n");
  await put("specs/ocean/resources/a.yml", "a: 1\n");
  // Not vendors: a private package with a spec, a package without one, a spec without a package.
  await put("packages/conformance/package.json", manifest("@sdkforge/conformance", { private: true }));
  await put("specs/conformance.yaml", "openapi: 3.0.3\n");
  await put("packages/lonely/package.json", manifest("@sdkforge/lonely"));
  await put("specs/orphan.yaml", "openapi: 3.0.3\n");
});
afterAll(() => rm(root, { recursive: true, force: true }));

it("finds publishable packages whose document is under specs/, in every layout the generator accepts", () => {
  expect(findVendors(root)).toEqual([
    {
      id: "acme",
      packageName: "@sdkforge/acme",
      packageDir: "packages/acme",
      specEntry: "specs/acme.yaml",
      specFiles: ["specs/acme.overlay.yaml", "specs/acme.yaml"],
    },
    {
      id: "acme-two",
      packageName: "@sdkforge/acme-two",
      packageDir: "packages/acme-two",
      specEntry: "specs/acme-two.json",
      specFiles: ["specs/acme-two.json"],
    },
    {
      id: "folded",
      packageName: "@sdkforge/folded",
      packageDir: "packages/folded",
      specEntry: "specs/folded/openapi.yaml",
      specFiles: ["specs/folded/openapi.yaml", "specs/folded/paths/items.yaml"],
    },
    {
      id: "ocean",
      packageName: "@sdkforge/ocean",
      packageDir: "packages/ocean",
      specEntry: "specs/ocean/Ocean-public.v2.yaml",
      specFiles: ["specs/ocean/Ocean-public.v2.yaml", "specs/ocean/description.yml", "specs/ocean/resources/a.yml"],
    },
  ]);
});

it("finds this workspace's vendors", () => {
  const vendors = findVendors(REPO_ROOT);
  expect(vendors.length).toBeGreaterThan(0);
  for (const vendor of vendors) expect(vendor.specFiles).toContain(vendor.specEntry);
});

it("names a new vendor's package, class, variable and env prefix from its id", () => {
  expect(vendorNames("acme-cloud", "Acme Cloud API")).toEqual({
    id: "acme-cloud",
    packageName: "@sdkforge/acme-cloud",
    className: "AcmeCloud",
    variable: "acmeCloud",
    env: "ACME_CLOUD",
    title: "Acme Cloud API",
  });
  expect(vendorNames("digitalocean", "DigitalOcean API").className).toBe("Digitalocean");
});

it("counts the operations and helpers of generated facts, with or without the features they import", async () => {
  const facts = (features: string) =>
    'import { type ApiSpec, encodeBody } from "@sdkforge/core";\n\nexport const spec: ApiSpec = {\n' +
    '  "name": "Acme",\n  "operations": {\n    "a": {},\n    "b": {},\n    "c": {}\n  },\n' +
    `  "resources": {\n    "things": {\n      "delete": "a",\n      "deleteOther": "b"\n    }\n  }${features}\n};\n`;
  const [acme] = findVendors(root);
  if (!acme) throw new Error("no acme vendor");
  for (const features of ["", ',\n  "features": { encodeBody, serverVariables }']) {
    await put("packages/acme/src/generated/spec.ts", facts(features));
    expect(operationCounts(acme, root)).toEqual({ operations: 3, helpers: 2 });
  }
});
