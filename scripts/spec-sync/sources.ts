/**
 * Where each vendor's spec comes from: `packages/<vendor>/spec-sources.yaml`, beside the package
 * the spec generates. Vendors are discovered from those files; nothing lists them.
 *
 * A source is one of:
 *   - `docsIndex`: an `llms.txt` index; the linked pages whose URL path contains one of
 *     `apiReferencePaths` are API reference and must each carry an OpenAPI block;
 *   - `pages`: docs pages, each carrying an OpenAPI block;
 *   - `document`: the URL or path (relative to the repository) of a whole OpenAPI document.
 * Several sources are merged into one document.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";

export type Source =
  | { readonly kind: "docsIndex"; readonly url: string; readonly apiReferencePaths: readonly string[] }
  | { readonly kind: "pages"; readonly urls: readonly string[] }
  | { readonly kind: "document"; readonly location: string };

export interface VendorSources {
  readonly vendor: string;
  /** The npm name of the package the spec generates. */
  readonly packageName: string;
  /** `packages/<vendor>/spec-sources.yaml`, relative to the repository. */
  readonly configFile: string;
  readonly sources: readonly Source[];
}

export const SOURCES_FILE = "spec-sources.yaml";

function fail(configFile: string, message: string): never {
  throw new Error(`${configFile}: ${message}`);
}

function stringList(configFile: string, value: unknown, what: string): string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((item) => typeof item === "string" && item !== "")) {
    fail(configFile, `${what} must be a non-empty list of strings`);
  }
  return value as string[];
}

function parseSource(configFile: string, entry: unknown, index: number): Source {
  const where = `sources[${index}]`;
  if (typeof entry !== "object" || entry === null || Array.isArray(entry))
    fail(configFile, `${where} is not a mapping`);
  const fields = entry as Record<string, unknown>;
  const kinds = ["docsIndex", "pages", "document"].filter((kind) => kind in fields);
  if (kinds.length !== 1) fail(configFile, `${where} needs exactly one of docsIndex, pages or document`);
  if (typeof fields.docsIndex === "string") {
    return {
      kind: "docsIndex",
      url: fields.docsIndex,
      apiReferencePaths: stringList(configFile, fields.apiReferencePaths, `${where}.apiReferencePaths`),
    };
  }
  if ("pages" in fields) return { kind: "pages", urls: stringList(configFile, fields.pages, `${where}.pages`) };
  if (typeof fields.document === "string" && fields.document !== "") {
    return { kind: "document", location: fields.document };
  }
  fail(configFile, `${where}: docsIndex and document take one URL or path`);
}

export async function readVendorSources(root: string, vendor: string): Promise<VendorSources> {
  const configFile = `packages/${vendor}/${SOURCES_FILE}`;
  const config: unknown = parseYaml(await readFile(join(root, configFile), "utf8"));
  const manifest = JSON.parse(await readFile(join(root, "packages", vendor, "package.json"), "utf8")) as {
    name: string;
  };
  const list = (config as { sources?: unknown } | null)?.sources;
  if (!Array.isArray(list) || list.length === 0) fail(configFile, "needs a non-empty `sources` list");
  return {
    vendor,
    packageName: manifest.name,
    configFile,
    sources: list.map((entry, index) => parseSource(configFile, entry, index)),
  };
}

/** Every vendor with a sources file, sorted; `only` narrows to the named ones (and fails on unknown names). */
export async function discoverVendors(root: string, only: readonly string[] = []): Promise<VendorSources[]> {
  const found: string[] = [];
  for (const folder of (await readdir(join(root, "packages"))).sort()) {
    const present = await readFile(join(root, "packages", folder, SOURCES_FILE), "utf8").then(
      () => true,
      () => false,
    );
    if (present) found.push(folder);
  }
  const unknown = only.filter((name) => !found.includes(name));
  if (unknown.length > 0) {
    throw new Error(
      `No ${SOURCES_FILE} for ${unknown.join(", ")}: vendors with sources are ${found.join(", ") || "none"}`,
    );
  }
  const chosen = only.length === 0 ? found : found.filter((name) => only.includes(name));
  return Promise.all(chosen.map((vendor) => readVendorSources(root, vendor)));
}
