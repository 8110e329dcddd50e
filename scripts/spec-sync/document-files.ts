/**
 * The files of a multi-file OpenAPI document, found the way a reader of the document finds them:
 * from its entry file, through every relative `$ref`, file by file. The same walk reads a vendor's
 * published document (over HTTP) and the copy in `specs/<vendor>/` (from disk), so both sides name
 * the same files by the same relative paths.
 *
 * A published document is the vendor's, not ours: a reference may not leave the entry's folder or
 * its origin (`../../.ssh/id_rsa`, `file:///etc/passwd`, another host), and the walk is bounded in
 * files, so a hostile or broken site cannot make a sync read or write anywhere else.
 */
import { posix } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { parse as parseYaml } from "yaml";

export interface DocumentFiles {
  /** The entry's file name, e.g. `openapi.yaml`. */
  readonly entry: string;
  /** Every file reached, the entry included, by its path relative to the entry's folder; sorted. */
  readonly files: ReadonlyMap<string, string>;
}

export interface FollowOptions {
  /** Reads one file; its URL is the entry's URL resolved against the reference. */
  readonly read: (url: URL) => Promise<string>;
  /** Default 10 000 (DigitalOcean's document has about 2 000 files). */
  readonly maxFiles?: number;
  /** Files read at once. Default 8. */
  readonly concurrency?: number;
}

/** A `$ref` that names another file: a string that is neither local (`#…`) nor has a scheme. */
export function fileReference(key: string, value: unknown): string | undefined {
  if (key !== "$ref" || typeof value !== "string") return undefined;
  if (/^(#|[a-z][a-z0-9+.-]*:)/i.test(value)) return undefined;
  const file = value.split("#")[0] ?? "";
  return file === "" ? undefined : file;
}

function referencedFiles(value: unknown, found: Set<string>): Set<string> {
  if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      const file = fileReference(key, child);
      if (file !== undefined) found.add(file);
      else referencedFiles(child, found);
    }
  }
  return found;
}

export function hasFileReferences(document: unknown): boolean {
  return referencedFiles(document, new Set()).size > 0;
}

function parse(text: string, where: string): unknown {
  try {
    return /^\s*[[{]/.test(text) ? JSON.parse(text) : parseYaml(text, { maxAliasCount: -1 });
  } catch (error) {
    throw new Error(`${where}: not valid YAML or JSON: ${(error as Error).message.split("\n")[0]}`);
  }
}

/** `from`'s reference `ref` as a path relative to the entry's folder, or an error naming both. */
function inside(from: string, ref: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(ref);
  } catch {
    throw new Error(`${from}: the reference "${ref}" is not a valid relative path`);
  }
  const joined = posix.normalize(posix.join(posix.dirname(from), decoded));
  const escapes = joined === ".." || joined.startsWith("../") || decoded.startsWith("/") || decoded.includes("\\");
  if (escapes) {
    throw new Error(
      `${from}: the reference "${ref}" leaves the document's folder; a published document's files must sit beside or below its entry`,
    );
  }
  return joined;
}

/** Walks a document from its entry URL and returns every file it references, directly or not. */
export async function followDocument(entryUrl: URL, options: FollowOptions): Promise<DocumentFiles> {
  const maxFiles = options.maxFiles ?? 10_000;
  const concurrency = options.concurrency ?? 8;
  const entry = posix.basename(decodeURIComponent(entryUrl.pathname));
  const folder = new URL(".", entryUrl);
  const files = new Map<string, string>();
  const queued = new Set<string>([entry]);
  let pending = [entry];
  while (pending.length > 0) {
    const batch = pending;
    pending = [];
    for (let start = 0; start < batch.length; start += concurrency) {
      const slice = batch.slice(start, start + concurrency);
      const texts = await Promise.all(
        slice.map((path) => options.read(new URL(path.split("/").map(encodeURIComponent).join("/"), folder))),
      );
      slice.forEach((path, index) => {
        const text = texts[index] ?? "";
        files.set(path, text);
        for (const ref of referencedFiles(parse(text, path), new Set())) {
          const target = inside(path, ref);
          if (queued.has(target)) continue;
          queued.add(target);
          if (queued.size > maxFiles) {
            throw new Error(`${entryUrl.href}: the document references more than ${maxFiles} files`);
          }
          pending.push(target);
        }
      });
    }
  }
  return { entry, files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
}

/** Whether two documents' files mean the same: the same paths, each parsing to the same data. */
export function sameFiles(a: DocumentFiles, b: DocumentFiles): boolean {
  if (a.entry !== b.entry || a.files.size !== b.files.size) return false;
  for (const [path, text] of a.files) {
    const other = b.files.get(path);
    if (other === undefined) return false;
    if (other !== text && !isDeepStrictEqual(parse(other, path), parse(text, path))) return false;
  }
  return true;
}
