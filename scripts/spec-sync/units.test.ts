/**
 * The sync's parts on their own: fenced blocks as Mintlify writes them, fetching with deadlines,
 * retries and a size limit (against servers on 127.0.0.1), merging pages, the change levels, and
 * the API-report levels the release check uses.
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { bumpFor } from "../api-report/changesets.ts";
import { methodChanges, reportLevel } from "../api-report/report-diff.ts";
import { collectVendor, sourceFromOverride } from "./collect.ts";
import { indexLinks, isApiReference } from "./docs-index.ts";
import { DEFAULT_TOTAL_TIMEOUT_MS, FetchError, fetchText } from "./fetch-text.ts";
import { mergeDocuments } from "./merge-pages.ts";
import { fencedBlocks, openApiDocuments } from "./openapi-blocks.ts";
import { readVendorSources } from "./sources.ts";
import { specChanges } from "./spec-changes.ts";
import { ROOT } from "./test-support/scratch-workspace.ts";

describe("OpenAPI blocks in a docs page", () => {
  const page = [
    "# Delete",
    "```bash",
    "curl -X DELETE …",
    "```",
    "````yaml DELETE /x/{id}",
    "openapi: 3.1.0",
    "info:",
    "  title: T",
    "  version: '1'",
    "  description: |",
    "    ```json",
    '    { "success": true }',
    "    ```",
    "paths: {}",
    "````",
    "```yaml",
    "services: {}",
    "```",
  ].join("\n");

  it("closes a four-backtick fence only at four backticks, so inner ``` blocks stay inside", () => {
    const blocks = fencedBlocks(page);
    expect(blocks.map((block) => block.info)).toEqual(["bash", "yaml DELETE /x/{id}", "yaml"]);
    const [document] = openApiDocuments(page, "page.md");
    expect(document?.document.info).toEqual({
      title: "T",
      version: "1",
      description: '```json\n{ "success": true }\n```\n',
    });
    expect(openApiDocuments(page, "page.md")).toHaveLength(1);
  });

  it("names the page and line of a block that is not valid YAML", () => {
    expect(() => openApiDocuments("````yaml\nopenapi: 3.1.0\ninfo: [\n````\n", "https://docs/x.md")).toThrow(
      /^https:\/\/docs\/x\.md: the OpenAPI block at line 1 \("yaml"\) is not valid YAML/,
    );
    expect(() => openApiDocuments("```yaml\nopenapi: 3.1.0\nopenapi: 3.0.0\n```\n", "p.md")).toThrow(/not valid YAML/);
    expect(() => openApiDocuments("```yaml\nopenapi: 2.0\n```\n", "p.md")).toThrow(/not an OpenAPI 3.0\/3.1 document/);
  });

  it("reads an llms.txt index's links against its own URL and selects API reference by path", () => {
    const links = indexLinks(
      "- [A](https://d.example/api-reference/a.md): x\n- [B](/guides/b.md)\n- [A again](https://d.example/api-reference/a.md#top)",
      "https://d.example/llms.txt",
    );
    expect(links).toEqual(["https://d.example/api-reference/a.md", "https://d.example/guides/b.md"]);
    expect(links.filter((url) => isApiReference(url, ["/api-reference/"]))).toEqual([
      "https://d.example/api-reference/a.md",
    ]);
  });
});

describe("fetchText", () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  async function serve(handler: (request: IncomingMessage, response: ServerResponse, hit: number) => void) {
    let hits = 0;
    const open = new Set<ServerResponse>();
    const server = createServer((request, response) => {
      open.add(response);
      handler(request, response, ++hits);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    close = () =>
      new Promise<void>((resolve) => {
        for (const response of open) response.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      });
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/page.md`, hits: () => hits };
  }

  it("retries a 503 and returns the page", async () => {
    const site = await serve((_request, response, hit) => {
      if (hit < 3) response.writeHead(503).end();
      else response.writeHead(200).end("# Page");
    });
    expect(await fetchText(site.url, { retries: 2, backoffMs: () => 1 })).toBe("# Page");
    expect(site.hits()).toBe(3);
  });

  it("does not retry a 404, and names the URL", async () => {
    const site = await serve((_request, response) => response.writeHead(404).end());
    await expect(fetchText(site.url, { retries: 2, backoffMs: () => 1 })).rejects.toThrow(`${site.url}: HTTP 404`);
    expect(site.hits()).toBe(1);
  });

  it("gives up on a server that sends headers and then stalls, after every attempt's deadline", async () => {
    const site = await serve((_request, response) => {
      response.writeHead(200);
      response.write("> partial");
    });
    const error = await fetchText(site.url, { timeoutMs: 150, retries: 1, backoffMs: () => 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect(error.message).toMatch(/body not complete within 150 ms \(after 2 attempts\)/);
    expect(site.hits()).toBe(2);
  });

  it("bounds the whole fetch, retries and back-off included, by one overall deadline", async () => {
    const site = await serve((_request, response) => {
      response.writeHead(200);
      response.write("> partial");
    });
    // Five retries of 200 ms each would take over a second; the overall 500 ms cuts the third short.
    const error = await fetchText(site.url, {
      timeoutMs: 200,
      totalTimeoutMs: 500,
      retries: 5,
      backoffMs: () => 1,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect(error.message).toMatch(/\(after 3 attempts, 500 ms in all\)$/);
    expect(site.hits()).toBe(3);
  });

  it("gives the last attempt only the time that remains of the overall deadline", async () => {
    const site = await serve((_request, response) => {
      response.writeHead(200);
      response.write("> partial");
    });
    const error = await fetchText(site.url, { timeoutMs: 60_000, totalTimeoutMs: 300, retries: 2 }).catch((e) => e);
    expect(error.message).toMatch(/body not complete within 300 ms/);
    expect(site.hits()).toBe(1);
  });

  it("fails a stalled page within one minute with the defaults", () => {
    // Three attempts of 20 s plus back-off used to take 61 s; the overall deadline caps them.
    expect(DEFAULT_TOTAL_TIMEOUT_MS).toBeLessThan(60_000);
  });

  it("refuses a body over the size limit, declared or streamed", async () => {
    const declared = await serve((_request, response) =>
      response.writeHead(200, { "content-length": "5000" }).end("x".repeat(5000)),
    );
    await expect(fetchText(declared.url, { maxBytes: 1000 })).rejects.toThrow(/5000 bytes is over the 1000-byte limit/);
    await close?.();
    const streamed = await serve((_request, response) => {
      response.writeHead(200);
      for (let chunk = 0; chunk < 20; chunk++) response.write("y".repeat(100));
      response.end();
    });
    await expect(fetchText(streamed.url, { maxBytes: 1000 })).rejects.toThrow(/passed the 1000-byte limit/);
    expect(streamed.hits()).toBe(1);
  });
});

describe("merging pages", () => {
  const page = (path: string, method: string, extra: Record<string, unknown> = {}) => ({
    openapi: "3.1.0",
    info: { title: "API", version: "1" },
    tags: [{ name: "T" }],
    paths: { [path]: { [method]: { operationId: `${method}${path}`, responses: { "200": { description: "ok" } } } } },
    components: { schemas: { Error: { type: "object" }, ...extra } },
  });

  it("unites paths (per method on a shared path), dedupes identical components, and ignores page order", () => {
    const pages = [
      { origin: "https://d/b.md", document: page("/x/{id}", "delete") },
      { origin: "https://d/a.md", document: page("/x/{id}", "get", { Extra: { type: "string" } }) },
      { origin: "https://d/c.md", document: page("/y", "post") },
    ];
    const merged = mergeDocuments(pages);
    expect(merged).toEqual(mergeDocuments([...pages].reverse()));
    expect(Object.keys(merged.paths as object)).toEqual(["/x/{id}", "/y"]);
    expect(Object.keys((merged.paths as Record<string, object>)["/x/{id}"] ?? {})).toEqual(["get", "delete"]);
    expect((merged.components as { schemas: object }).schemas).toEqual({
      Error: { type: "object" },
      Extra: { type: "string" },
    });
    expect(merged.tags).toEqual([{ name: "T" }]);
  });

  it("refuses a component two pages define differently, naming both pages", () => {
    expect(() =>
      mergeDocuments([
        { origin: "https://d/a.md", document: page("/x", "get") },
        { origin: "https://d/b.md", document: page("/y", "get", { Error: { type: "string" } }) },
      ]),
    ).toThrow(
      /components\.schemas\.Error is defined differently by two pages \(first at `type`\):\n {2}- https:\/\/d\/a\.md\n {2}- https:\/\/d\/b\.md/,
    );
  });

  it("joins every component kind, response headers by $ref included, once per deep-equal definition", () => {
    const shared = {
      headers: { "ratelimit-limit": { description: "Per hour.", schema: { type: "integer" } } },
      parameters: { per_page: { name: "per_page", in: "query", schema: { type: "integer" } } },
      responses: { unauthorized: { description: "No." } },
      examples: { volume: { value: { id: "v1" } } },
      requestBodies: { volume: { content: { "application/json": { schema: { type: "object" } } } } },
      securitySchemes: { bearer_auth: { type: "http", scheme: "bearer" } },
      links: { self: { operationId: "get/x" } },
      callbacks: { done: { "{$request.body#/url}": { post: { responses: { "200": { description: "ok" } } } } } },
    };
    const withHeader = (path: string, method: string) => {
      const document = page(path, method);
      const operation = (document.paths[path] as Record<string, { responses: Record<string, object> }>)[method];
      if (operation) {
        operation.responses["200"] = {
          description: "ok",
          headers: { "ratelimit-limit": { $ref: "#/components/headers/ratelimit-limit" } },
        };
      }
      return { ...document, components: { ...document.components, ...structuredClone(shared) } };
    };
    const merged = mergeDocuments([
      { origin: "https://d/a.md", document: withHeader("/x", "get") },
      { origin: "https://d/b.md", document: withHeader("/y", "get") },
    ]);
    expect(merged.components).toEqual({ schemas: { Error: { type: "object" } }, ...shared });
    const conflicting = withHeader("/y", "get");
    (conflicting.components.headers["ratelimit-limit"].schema as { type: string }).type = "string";
    expect(() =>
      mergeDocuments([
        { origin: "https://d/a.md", document: withHeader("/x", "get") },
        { origin: "https://d/b.md", document: conflicting },
      ]),
    ).toThrow(/components\.headers\.ratelimit-limit is defined differently by two pages \(first at `schema\.type`\)/);
  });
});

describe("change levels", () => {
  const base = {
    openapi: "3.0.3",
    info: { title: "API", version: "1" },
    paths: {
      "/t/{id}": {
        delete: {
          description: "Deletes.",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
          responses: { "200": { description: "ok" } },
        },
      },
    },
  };
  const edit = (change: (doc: typeof base) => void) => {
    const doc = structuredClone(base);
    change(doc);
    return specChanges(base, doc).map(({ level, what }) => `${level}: ${what}`);
  };
  const operation = (doc: typeof base) =>
    doc.paths["/t/{id}"].delete as Record<string, unknown> & (typeof base.paths)["/t/{id}"]["delete"];

  it("classifies each kind of change", () => {
    expect(edit(() => {})).toEqual([]);
    expect(edit((doc) => (operation(doc).description = "Removes."))).toEqual([
      "cosmetic: operation: description reworded",
    ]);
    expect(edit((doc) => ((operation(doc).parameters[0] as { schema: object }).schema = { type: "string" }))).toEqual([
      'breaking: path parameter `id` retyped from "integer" to "string"',
    ]);
    expect(
      edit((doc) =>
        operation(doc).parameters.push({ name: "force", in: "query", required: false, schema: { type: "integer" } }),
      ),
    ).toEqual(["additive: new optional query parameter `force`"]);
    expect(
      edit((doc) =>
        operation(doc).parameters.push({ name: "force", in: "query", required: true, schema: { type: "integer" } }),
      ),
    ).toEqual(["breaking: new required query parameter `force`"]);
    expect(edit((doc) => (operation(doc).security = [{ key: [] }]))).toEqual(["breaking: authentication changed"]);
    expect(
      edit((doc) => ((operation(doc).responses as Record<string, object>)["204"] = { description: "gone" })),
    ).toEqual(["additive: response 204 added"]);
    expect(edit((doc) => ((doc.paths as Record<string, object>)["/u"] = { get: { responses: {} } }))).toEqual([
      "additive: new operation",
    ]);
    expect(edit((doc) => delete (doc.paths as Partial<typeof base.paths>)["/t/{id}"])).toEqual([
      "breaking: operation removed",
    ]);
  });

  it("maps levels to bumps, with breaking as minor below 1.0", () => {
    expect(["breaking", "additive", "cosmetic"].map((level) => bumpFor(level as "breaking", "0.3.1"))).toEqual([
      "minor",
      "minor",
      "patch",
    ]);
    expect(["breaking", "additive", "cosmetic"].map((level) => bumpFor(level as "breaking", "1.2.0"))).toEqual([
      "major",
      "minor",
      "patch",
    ]);
  });
});

describe("API report levels", () => {
  const report = (lines: string[]) => `## API Report\n\n\`\`\`ts\n${lines.join("\n")}\n\`\`\`\n`;
  const before = report(["// @public", "export const spec: {", '    readonly summary: "Delete token";', "};"]);

  it("is cosmetic for doc text, additive for added lines, breaking for removed or changed ones", () => {
    expect(reportLevel(before, before)).toBeUndefined();
    expect(reportLevel(before, before.replace("// @public", "// @public (undocumented)"))).toBe("cosmetic");
    expect(reportLevel(before, before.replace("Delete token", "Remove a token"))).toBe("cosmetic");
    expect(reportLevel(before, before.replace("};", '    readonly tag: "T";\n};'))).toBe("additive");
    expect(reportLevel(before, before.replace("export const spec", "export const facts"))).toBe("breaking");
  });

  it("lists methods gained, lost and retyped", () => {
    const methods = (lines: string[]) =>
      `x\n## Methods of the exported classes, resolved\n\n\`\`\`ts\n${lines.join("\n")}\n\`\`\`\n`;
    expect(
      methodChanges(
        methods(["A#a.delete(id: number): P", "A#b.delete(id: string): P"]),
        methods(["A#a.delete(id: string): P", "A#c.delete(id: string): P"]),
      ),
    ).toEqual([
      {
        kind: "changed",
        method: "A#a.delete",
        before: "A#a.delete(id: number): P",
        after: "A#a.delete(id: string): P",
      },
      { kind: "removed", method: "A#b.delete", before: "A#b.delete(id: string): P" },
      { kind: "added", method: "A#c.delete", after: "A#c.delete(id: string): P" },
    ]);
  });
});

describe("--from", () => {
  it("takes the same kinds as a config, and a saved site's llms.txt maps its links to the saved pages", async () => {
    const archil = await readVendorSources(ROOT, "archil");
    const filter = ["/api-reference/"];
    expect(await sourceFromOverride("https://d.example/llms.txt", archil, ROOT)).toEqual({
      kind: "docsIndex",
      url: "https://d.example/llms.txt",
      apiReferencePaths: filter,
    });
    expect(await sourceFromOverride("https://d.example/openapi.json", archil, ROOT)).toEqual({
      kind: "document",
      location: "https://d.example/openapi.json",
    });
    expect(await sourceFromOverride("https://d.example/api-reference/x.md", archil, ROOT)).toEqual({
      kind: "pages",
      urls: ["https://d.example/api-reference/x.md"],
    });

    const saved = await mkdtemp(join(tmpdir(), "sdkforge-saved-site-"));
    try {
      const fixtures = join(ROOT, "scripts/spec-sync/fixtures");
      await mkdir(join(saved, "archil", "api-reference"), { recursive: true });
      await cp(join(fixtures, "docs-site/v2/archil/llms.txt"), join(saved, "archil", "llms.txt"));
      await cp(join(fixtures, "docs-site/v1/archil/quickstart.md"), join(saved, "archil", "quickstart.md"));
      for (const page of [
        "docs-site/v2/archil/api-reference/delete-disk.md",
        "seed-pages/archil/api-reference/delete-api-token.md",
      ]) {
        await cp(join(fixtures, page), join(saved, "archil", "api-reference", page.split("/").at(-1) ?? ""));
      }
      const documents = await collectVendor(archil, { root: ROOT, from: saved });
      expect(documents.map((document) => Object.keys(document.document.paths as object))).toEqual([
        ["/api/tokens/{id}"],
        ["/api/disks/{id}"],
      ]);
      await writeFile(join(saved, "archil", "api-reference", "delete-disk.md"), "# Delete Disk\n");
      await expect(collectVendor(archil, { root: ROOT, from: saved })).rejects.toThrow(
        /delete-disk\.md: this API-reference page has no OpenAPI block/,
      );
    } finally {
      await rm(saved, { recursive: true, force: true });
    }
  });
});

describe("an API-reference page's OpenAPI block", () => {
  const operation = (path: string) => ({
    openapi: "3.1.0",
    info: { title: "Volumes", version: "1" },
    paths: { [path]: { get: { operationId: `get${path}`, responses: { "200": { description: "ok" } } } } },
  });
  const yamlBlock = (path: string) =>
    [
      `\`\`\`\`yaml GET ${path}`,
      "openapi: 3.1.0",
      "info:",
      "  title: Volumes",
      "  version: '1'",
      "paths:",
      `  ${path}:`,
      "    get:",
      `      operationId: get${path}`,
      "      responses:",
      "        '200':",
      "          description: ok",
      "````",
    ].join("\n");
  const collectPage = async (markdown: string) => {
    const saved = await mkdtemp(join(tmpdir(), "sdkforge-page-"));
    try {
      const file = join(saved, "get-volume.md");
      await writeFile(file, markdown);
      const archil = await readVendorSources(ROOT, "archil");
      return await collectVendor(archil, { root: ROOT, from: file });
    } finally {
      await rm(saved, { recursive: true, force: true });
    }
  };

  it("is found by its parsed top level: a nested `openapi:` in an example is not a document", async () => {
    const example = ["```yaml", "# a client config", "service:", "  openapi: 3.1.0", "  url: https://x", "```"];
    const [document, ...more] = await collectPage(["# Get", ...example, yamlBlock("/v")].join("\n"));
    expect(more).toEqual([]);
    expect(document?.document).toEqual(operation("/v"));
  });

  it("may be minified JSON", async () => {
    const [document] = await collectPage(`# Get\n\`\`\`json\n${JSON.stringify(operation("/v"))}\n\`\`\`\n`);
    expect(document?.document).toEqual(operation("/v"));
  });

  it("is refused when the page carries a second, different one (surface the index does not name)", async () => {
    await expect(collectPage(["# Get", yamlBlock("/v"), yamlBlock("/hidden")].join("\n"))).rejects.toThrow(
      /get-volume\.md: this page has 2 different OpenAPI blocks \(line 2 .*, line 15 .*\)/,
    );
    // The same document twice (YAML and JSON tabs) is one document.
    const tabs = [yamlBlock("/v"), "```json", JSON.stringify(operation("/v")), "```"].join("\n");
    expect(await collectPage(tabs)).toHaveLength(1);
  });
});
