/**
 * A vendor whose document is JSON, or spans several files, is followed in the layout `specs/` has:
 * the sync reads a published multi-file document file by file from a loopback site, compares it
 * with the folder in `specs/` (bundled, so a change inside a referenced file is a change), and
 * writes it back file by file; a JSON vendor stays JSON. In a scratch root with two tiny vendors;
 * `check` mode, so nothing is regenerated (scripts/new-vendor.test.ts syncs real documents end to end).
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { followDocument } from "./document-files.ts";
import { currentSpec, syncedSpec, writeSpec } from "./spec-layout.ts";
import { syncSpecs } from "./sync.ts";

const FOLDER_VENDOR = {
  "openapi.yaml": [
    "openapi: 3.0.3",
    "info: { title: Folder API, version: '1' }",
    "paths:",
    "  /tokens/{id}:",
    "    $ref: paths/tokens.yaml",
    "",
  ].join("\n"),
  "paths/tokens.yaml": [
    "delete:",
    "  operationId: deleteToken",
    "  parameters:",
    "    - { name: id, in: path, required: true, schema: { type: string } }",
    "  requestBody:",
    "    content:",
    "      application/json:",
    "        schema: { $ref: '../schemas/reason.yaml' }",
    "  responses:",
    "    '204': { description: Deleted }",
    "",
  ].join("\n"),
  "schemas/reason.yaml": ["type: object", "properties:", "  reason: { type: string }", ""].join("\n"),
};
const JSON_VENDOR = {
  openapi: "3.0.3",
  info: { title: "Json API", version: "1" },
  paths: {
    "/keys/{id}": {
      delete: {
        operationId: "deleteKey",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: { "204": { description: "Deleted" } },
      },
    },
  },
};

let root: string;
let site: Record<string, string>;
let requested: string[];
let close: () => Promise<void>;
let origin: string;

async function put(path: string, text: string): Promise<void> {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), text);
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "spec-layouts-"));
  requested = [];
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    requested.push(path);
    const text = site[path];
    if (text === undefined) response.writeHead(404).end("Not found");
    else response.writeHead(200, { "content-type": "text/plain" }).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  site = {};
  for (const [path, text] of Object.entries(FOLDER_VENDOR)) {
    site[`/folder/${path}`] = text;
    await put(`specs/folder/${path}`, text);
  }
  await put("specs/folder/README.md", "Not part of the document.\n");
  site["/json/openapi.json"] = JSON.stringify(JSON_VENDOR);
  await put("specs/json.json", `${JSON.stringify(JSON_VENDOR, null, 2)}\n`);
  for (const [vendor, entry] of [
    ["folder", "folder/openapi.yaml"],
    ["json", "json/openapi.json"],
  ] as const) {
    await put(`packages/${vendor}/package.json`, JSON.stringify({ name: `@sdkforge/${vendor}`, version: "0.1.0" }));
    await put(`packages/${vendor}/spec-sources.yaml`, `sources:\n  - document: "${origin}/${entry}"\n`);
  }
});
afterEach(async () => {
  await close();
  await rm(root, { recursive: true, force: true });
});

describe("sync-specs --check for a multi-file and a JSON vendor", () => {
  it("finds nothing to do when the published files say what specs/ says, in any formatting", async () => {
    site["/json/openapi.json"] = JSON.stringify(JSON_VENDOR, null, 4);
    const result = await syncSpecs({ root, check: true });
    expect(result.changed).toBe(false);
    expect(result.reports.map((report) => report.specFile)).toEqual(["specs/folder/", "specs/json.json"]);
    // Every file of the document was read from the site, through its references.
    expect(requested.filter((path) => path.startsWith("/folder/")).sort()).toEqual([
      "/folder/openapi.yaml",
      "/folder/paths/tokens.yaml",
      "/folder/schemas/reason.yaml",
    ]);
  });

  it("reports a change that lives in a referenced file, found by bundling both sides", async () => {
    site["/folder/schemas/reason.yaml"] = `${FOLDER_VENDOR["schemas/reason.yaml"]}required: [reason]\n`;
    const result = await syncSpecs({ root, check: true, vendors: ["folder"] });
    expect(result.changed).toBe(true);
    const [report] = result.reports;
    expect(report?.specFile).toBe("specs/folder/");
    expect(report?.specChanges.length).toBeGreaterThan(0);
    // Bundled, the referenced schema is a component of the one document.
    expect(JSON.stringify(report?.specChanges)).toMatch(/components\.schemas\.reason.*required/);
    // Check mode wrote nothing.
    expect(await readFile(join(root, "specs/folder/schemas/reason.yaml"), "utf8")).toBe(
      FOLDER_VENDOR["schemas/reason.yaml"],
    );
  });

  it("reports a new operation in a JSON vendor's document", async () => {
    const paths = { ...JSON_VENDOR.paths, "/keys": { get: { responses: { "200": { description: "OK" } } } } };
    site["/json/openapi.json"] = JSON.stringify({ ...JSON_VENDOR, paths });
    const result = await syncSpecs({ root, check: true, vendors: ["json"] });
    expect(result.changed).toBe(true);
    expect(result.reports[0]?.specFile).toBe("specs/json.json");
    expect(JSON.stringify(result.reports[0]?.specChanges)).toContain("GET /keys");
  });

  it("refuses a published reference that leaves the document's folder, and reads nothing outside it", async () => {
    site["/secret.yaml"] = "type: string\n";
    site["/folder/schemas/reason.yaml"] = "$ref: '../../secret.yaml'\n";
    await expect(syncSpecs({ root, check: true, vendors: ["folder"] })).rejects.toThrow(
      /schemas\/reason\.yaml: the reference "\.\.\/\.\.\/secret\.yaml" leaves the document's folder/,
    );
    site["/folder/schemas/reason.yaml"] = "$ref: '/secret.yaml'\n";
    await expect(syncSpecs({ root, check: true, vendors: ["folder"] })).rejects.toThrow(/leaves the document's folder/);
    expect(requested).not.toContain("/secret.yaml");
  });
});

describe("writing a synced document back in its layout", () => {
  it("writes a folder file by file, removes files the document no longer references, and keeps the others", async () => {
    site["/folder/paths/tokens.yaml"] = FOLDER_VENDOR["paths/tokens.yaml"].replace(
      "schema: { $ref: '../schemas/reason.yaml' }",
      "schema: { $ref: '../schemas/why.yaml' }",
    );
    site["/folder/schemas/why.yaml"] = "type: object\n";
    const current = await currentSpec(root, "folder");
    const published = await followDocument(new URL(`${origin}/folder/openapi.yaml`), {
      read: async (url) => site[url.pathname] ?? "",
    });
    const next = syncedSpec("folder", current, [{ origin, document: {}, files: published }], {});
    await writeSpec(root, current, next);
    const files = (await readdir(join(root, "specs/folder"), { recursive: true })).sort();
    expect(files).toEqual(["README.md", "openapi.yaml", "paths", "paths/tokens.yaml", "schemas", "schemas/why.yaml"]);
    expect(await readFile(join(root, "specs/folder/paths/tokens.yaml"), "utf8")).toBe(
      site["/folder/paths/tokens.yaml"],
    );
  });

  it("keeps a JSON vendor's document JSON, in the vendor's own text", async () => {
    const current = await currentSpec(root, "json");
    const text = JSON.stringify({ ...JSON_VENDOR, info: { title: "Json API", version: "2" } });
    const document = JSON.parse(text) as Record<string, unknown>;
    const next = syncedSpec("json", current, [{ origin, document, text }], document);
    await writeSpec(root, current, next);
    expect(await readFile(join(root, "specs/json.json"), "utf8")).toBe(`${text}\n`);
    expect(await readdir(join(root, "specs"))).toEqual(["folder", "json.json"]);
  });

  it("reads a local multi-file document the same way as a published one", async () => {
    const local = await followDocument(pathToFileURL(join(root, "specs/folder/openapi.yaml")), {
      read: (url) => readFile(url, "utf8"),
    });
    expect([...local.files.keys()]).toEqual(["openapi.yaml", "paths/tokens.yaml", "schemas/reason.yaml"]);
  });
});
