/**
 * Turns a vendor's sources (or a `--from` replacement) into the OpenAPI documents they carry: an
 * index's API-reference pages, listed pages, or whole documents, fetched over HTTP or read from a
 * folder of saved pages. Every selected page must carry an OpenAPI block; any failure throws, so
 * the caller writes nothing.
 */

import { readdir, readFile, stat } from "node:fs/promises";
import { dirname, extname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { parse as parseYaml } from "yaml";
import { indexLinks, isApiReference } from "./docs-index.ts";
import { followDocument, hasFileReferences } from "./document-files.ts";
import { type FetchTextOptions, fetchText } from "./fetch-text.ts";
import type { SourcedDocument } from "./merge-pages.ts";
import { type OpenApiDocument, openApiDocuments } from "./openapi-blocks.ts";
import type { Source, VendorSources } from "./sources.ts";

export interface CollectOptions {
  /** The repository root: relative document paths and origins are resolved against it. */
  readonly root: string;
  readonly fetch?: FetchTextOptions;
}

/** A location is an http(s) URL or a local path; a local "page URL" is the saved page's file. */
async function readLocation(location: string, options: CollectOptions): Promise<string> {
  if (/^https?:\/\//.test(location)) return fetchText(location, options.fetch);
  const path = location.startsWith("file:") ? fileURLToPath(location) : resolve(options.root, location);
  const limit = options.fetch?.maxBytes ?? 5 * 1024 * 1024;
  const info = await stat(path).catch(() => {
    throw new Error(`${location}: no such file`);
  });
  if (info.size > limit) throw new Error(`${location}: ${info.size} bytes is over the ${limit}-byte limit`);
  return readFile(path, "utf8");
}

function displayOrigin(location: string, root: string): string {
  if (/^https?:\/\//.test(location)) return location;
  const path = location.startsWith("file:") ? fileURLToPath(location) : resolve(root, location);
  const inside = relative(root, path);
  return inside.startsWith("..") ? path : inside.split(sep).join("/");
}

/**
 * The one document of an API-reference page. A page the index lists documents one operation; a
 * second, different OpenAPI block would add surface the index never named, so it is refused (the
 * same document shown twice, as YAML and JSON tabs, counts once).
 */
function pageDocuments(markdown: string, origin: string): SourcedDocument[] {
  const found = openApiDocuments(markdown, origin);
  const [first, ...others] = found;
  if (!first) {
    throw new Error(
      `${origin}: this API-reference page has no OpenAPI block (a fenced yaml/json block with "openapi" at its top level)`,
    );
  }
  const different = others.filter(({ document }) => !isDeepStrictEqual(document, first.document));
  if (different.length > 0) {
    const lines = [first, ...different].map(({ block }) => `line ${block.line} ("${block.info}")`).join(", ");
    throw new Error(
      `${origin}: this page has ${different.length + 1} different OpenAPI blocks (${lines}); ` +
        "a reference page documents one operation, so the sync adds nothing the docs index does not name",
    );
  }
  return [{ origin, document: first.document, text: first.block.text }];
}

function parseDocument(text: string, origin: string): OpenApiDocument {
  let document: unknown;
  try {
    // JSON.parse for JSON: the YAML parser reads a large JSON document tens of times slower.
    document = /^\s*[[{]/.test(text) ? JSON.parse(text) : parseYaml(text, { uniqueKeys: true });
  } catch (error) {
    throw new Error(
      `${origin}: not valid YAML or JSON: ${error instanceof Error ? error.message.split("\n")[0] : error}`,
    );
  }
  if (typeof document !== "object" || document === null || typeof (document as OpenApiDocument).openapi !== "string") {
    throw new Error(`${origin}: not an OpenAPI document (no top-level "openapi" version)`);
  }
  return document as OpenApiDocument;
}

async function collectPages(locations: readonly string[], options: CollectOptions): Promise<SourcedDocument[]> {
  const pages = await Promise.all(
    locations.map(async (location) =>
      pageDocuments(await readLocation(location, options), displayOrigin(location, options.root)),
    ),
  );
  return pages.flat();
}

/**
 * An index's API-reference pages. A saved index (`file:`) keeps the site's absolute links; each maps
 * to the saved file at the same path under the index's folder (with or without `.md`).
 */
async function collectIndex(
  indexLocation: string,
  apiReferencePaths: readonly string[],
  options: CollectOptions,
): Promise<SourcedDocument[]> {
  const text = await readLocation(indexLocation, options);
  const base = /^https?:\/\//.test(indexLocation) ? indexLocation : "https://saved.invalid/llms.txt";
  const selected = indexLinks(text, base).filter((url) => isApiReference(url, apiReferencePaths));
  if (selected.length === 0) {
    throw new Error(
      `${displayOrigin(indexLocation, options.root)}: the index links no page under ${apiReferencePaths.join(", ")}`,
    );
  }
  if (/^https?:\/\//.test(indexLocation)) return collectPages(selected, options);
  const indexPath = indexLocation.startsWith("file:")
    ? fileURLToPath(indexLocation)
    : resolve(options.root, indexLocation);
  const folder = dirname(indexPath);
  const files = await Promise.all(
    selected.map(async (url) => {
      const path = join(folder, decodeURIComponent(new URL(url).pathname));
      for (const candidate of [path, `${path}.md`]) {
        if (
          await stat(candidate).then(
            (info) => info.isFile(),
            () => false,
          )
        )
          return candidate;
      }
      throw new Error(
        `${url}: the index links this page, but it is not saved in ${displayOrigin(folder, options.root)}`,
      );
    }),
  );
  return collectPages(files, options);
}

async function markdownFiles(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await markdownFiles(path)));
    else if ([".md", ".mdx", ".txt"].includes(extname(entry.name)) && entry.name !== "llms.txt") found.push(path);
  }
  return found.sort();
}

export async function collectSource(source: Source, options: CollectOptions): Promise<SourcedDocument[]> {
  switch (source.kind) {
    case "docsIndex":
      return collectIndex(source.url, source.apiReferencePaths, options);
    case "pages":
      return collectPages(source.urls, options);
    case "document": {
      const origin = displayOrigin(source.location, options.root);
      const text = await readLocation(source.location, options);
      const document = parseDocument(text, origin);
      if (!hasFileReferences(document)) return [{ origin, document, text }];
      // A multi-file document: every file it references, read beside the entry (its URL or folder).
      const entryUrl = /^(https?|file):/.test(source.location)
        ? new URL(source.location)
        : pathToFileURL(resolve(options.root, source.location));
      const read = (url: URL) => (url.href === entryUrl.href ? Promise.resolve(text) : readLocation(url.href, options));
      return [{ origin, document, text, files: await followDocument(entryUrl, { read }) }];
    }
  }
}

/**
 * What `--from` means for one vendor: the same kinds as a config, chosen by what it names (an
 * `llms.txt`, a document, a page, or a folder of saved pages), with the configured
 * `apiReferencePaths` still deciding which pages count. A folder holding a subfolder named after the
 * vendor stands for that subfolder, so one folder can serve several vendors.
 */
export async function sourceFromOverride(from: string, vendor: VendorSources, root: string): Promise<Source> {
  const configured = vendor.sources.find((source) => source.kind === "docsIndex");
  const apiReferencePaths = configured?.kind === "docsIndex" ? configured.apiReferencePaths : ["/"];
  if (/^https?:\/\//.test(from)) {
    const path = new URL(from).pathname;
    if (path.endsWith("llms.txt")) return { kind: "docsIndex", url: from, apiReferencePaths };
    if (/\.(ya?ml|json)$/.test(path)) return { kind: "document", location: from };
    return { kind: "pages", urls: [from] };
  }
  let path = resolve(root, from);
  const info = await stat(path).catch(() => {
    throw new Error(`--from ${from}: no such file or folder`);
  });
  if (!info.isDirectory()) {
    if (/\.(ya?ml|json)$/.test(path)) return { kind: "document", location: path };
    return { kind: "pages", urls: [pathToFileURL(path).href] };
  }
  if (
    await stat(join(path, vendor.vendor)).then(
      (sub) => sub.isDirectory(),
      () => false,
    )
  ) {
    path = join(path, vendor.vendor);
  }
  if (
    await stat(join(path, "llms.txt")).then(
      (file) => file.isFile(),
      () => false,
    )
  ) {
    return { kind: "docsIndex", url: pathToFileURL(join(path, "llms.txt")).href, apiReferencePaths };
  }
  const pages = (await markdownFiles(path)).filter((file) =>
    apiReferencePaths.some((fragment) => `/${relative(path, file).split(sep).join("/")}`.includes(fragment)),
  );
  if (pages.length === 0) {
    throw new Error(`--from ${from}: no saved page under ${apiReferencePaths.join(", ")} in ${path}`);
  }
  return { kind: "pages", urls: pages.map((file) => pathToFileURL(file).href) };
}

export async function collectVendor(
  vendor: VendorSources,
  options: CollectOptions & { readonly from?: string | undefined },
): Promise<SourcedDocument[]> {
  const sources = options.from ? [await sourceFromOverride(options.from, vendor, options.root)] : vendor.sources;
  const collected = await Promise.all(sources.map((source) => collectSource(source, options)));
  return collected.flat();
}
