/**
 * A vendor's document in `specs/` keeps the layout it has: `specs/<vendor>.yaml`, `specs/<vendor>.json`,
 * or a folder `specs/<vendor>/` of files joined by relative `$ref`s. This module reads the current
 * copy in that layout, turns what a sync collected into the files that layout needs, and bundles
 * either side into one document for the change report (a change inside a referenced file is a
 * change of the document).
 */
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, extname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { findVendors } from "../lib/vendors.ts";
import { type DocumentFiles, followDocument } from "./document-files.ts";
import type { SourcedDocument } from "./merge-pages.ts";
import type { OpenApiDocument } from "./openapi-blocks.ts";
import { parseSpec, sameMeaning, specText } from "./spec-text.ts";

export type Layout = "yaml" | "json" | "folder";

export interface SpecFiles {
  readonly layout: Layout;
  /** Where the files go, relative to the repository: `specs` for one file, `specs/<vendor>` for a folder. */
  readonly base: string;
  /** The document's files relative to `base`; one file for the single-file layouts. */
  readonly document: DocumentFiles;
}

/** How a person names the document: `specs/acme.yaml`, or `specs/acme/` for a folder. */
export function displayName(spec: SpecFiles): string {
  return spec.layout === "folder" ? `${spec.base}/` : `${spec.base}/${spec.document.entry}`;
}

/** How a person names the vendor's document in `specs/` today (`specs/<vendor>.yaml` for one not written yet). */
export function currentDisplayName(root: string, vendor: string): string {
  const found = findVendors(root).find((candidate) => candidate.id === vendor);
  if (!found) return `specs/${vendor}.yaml`;
  return dirname(found.specEntry) === "specs" ? found.specEntry : `${dirname(found.specEntry)}/`;
}

/** The vendor's document as `specs/` holds it now, or `undefined` for a vendor without one yet. */
export async function currentSpec(root: string, vendor: string): Promise<SpecFiles | undefined> {
  const found = findVendors(root).find((candidate) => candidate.id === vendor);
  if (!found) return undefined;
  const entry = join(root, found.specEntry);
  const base = dirname(found.specEntry);
  if (base !== "specs") {
    const read = (url: URL) => readFile(url, "utf8");
    return { layout: "folder", base, document: await followDocument(pathToFileURL(entry), { read }) };
  }
  const name = basename(entry);
  return {
    layout: extname(name) === ".json" ? "json" : "yaml",
    base,
    document: { entry: name, files: new Map([[name, await readFile(entry, "utf8")]]) },
  };
}

function jsonText(merged: OpenApiDocument, documents: readonly SourcedDocument[]): string {
  for (const { text } of documents) {
    if (text !== undefined && /^\s*\{/.test(text) && sameMeaning(JSON.parse(text), merged)) {
      return text.endsWith("\n") ? text : `${text}\n`;
    }
  }
  return `${JSON.stringify(merged, null, 2)}\n`;
}

/**
 * The files a sync would write, in the layout `current` has (a new vendor gets a YAML file, or a
 * folder when the vendor publishes several files). Published files keep their text byte for byte.
 */
export function syncedSpec(
  vendor: string,
  current: SpecFiles | undefined,
  documents: readonly SourcedDocument[],
  merged: OpenApiDocument,
): SpecFiles {
  const multiFile = documents.filter((document) => document.files !== undefined);
  const layout = current?.layout ?? (multiFile.length > 0 ? "folder" : "yaml");
  if (layout === "folder") {
    const [published] = documents;
    if (documents.length !== 1 || published?.files === undefined) {
      throw new Error(
        `specs/${vendor}/ is a multi-file document, so its source must be one document that references its other files; ` +
          `got ${documents.length === 1 ? "a single-file document" : `${documents.length} documents to merge`}`,
      );
    }
    // The entry keeps its name in specs/ (the site may call it something else); the rest keep their paths.
    const entry = current?.document.entry ?? published.files.entry;
    const files = new Map(
      [...published.files.files].map(([path, text]) => [path === published.files?.entry ? entry : path, text] as const),
    );
    return { layout, base: current?.base ?? `specs/${vendor}`, document: { entry, files } };
  }
  if (multiFile.length > 0) {
    throw new Error(
      `${multiFile[0]?.origin} is a multi-file document, but specs/ holds ${vendor}'s as one file: ` +
        `move it into a folder specs/${vendor}/ (its entry file inside) so the sync can keep every file`,
    );
  }
  const entry = current?.document.entry ?? `${vendor}.yaml`;
  const text = layout === "json" ? jsonText(merged, documents) : specText(merged, documents);
  return { layout, base: "specs", document: { entry, files: new Map([[entry, text]]) } };
}

/** One document with every `$ref` local: the single file parsed, or a folder bundled as the generator bundles it. */
export async function bundledSpec(spec: SpecFiles): Promise<unknown> {
  const { entry, files } = spec.document;
  if (spec.layout !== "folder") {
    const text = files.get(entry) ?? "";
    return spec.layout === "json" ? JSON.parse(text) : parseSpec(text);
  }
  const folder = await mkdtemp(join(tmpdir(), "spec-bundle-"));
  try {
    for (const [path, text] of files) {
      await mkdir(dirname(join(folder, path)), { recursive: true });
      await writeFile(join(folder, path), text);
    }
    const source = {
      vendor: "bundle",
      entry: join(folder, entry),
      display: entry,
      location: folder,
      overlay: undefined,
    };
    // Loaded on demand: the generator brings Redocly and TypeScript, which only a folder needs here.
    const { loadDocument } = await import("@sdkforge/generator");
    return await loadDocument(source, folder, () => {});
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * Writes every file of the new document (each through a temporary file, so none is ever half
 * written), and removes the files the old document referenced and the new one does not. Files in
 * the folder that the document never referenced (a README, a license) stay.
 */
export async function writeSpec(root: string, current: SpecFiles | undefined, next: SpecFiles): Promise<void> {
  for (const [path, text] of next.document.files) {
    const target = join(root, next.base, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(`${target}.tmp`, text);
    await rename(`${target}.tmp`, target);
  }
  for (const path of current?.document.files.keys() ?? []) {
    if (current && (current.base !== next.base || !next.document.files.has(path))) {
      await rm(join(root, current.base, path), { force: true });
    }
  }
}
