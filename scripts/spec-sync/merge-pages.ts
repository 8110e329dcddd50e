/**
 * Joins the documents of several docs pages (one operation each, on Mintlify) into one document.
 * openapi-merge does the joining: identical components are deduplicated, tags are united, and
 * `info`, `servers` and `security` come from the first input. Before it runs, pages are sorted by
 * origin (so the result never depends on the order an index lists them), two pages documenting the
 * same path are joined per method (openapi-merge only joins whole paths), and any component or
 * operation that two pages define differently is refused, naming both pages: openapi-merge would
 * silently rename one of the two components instead.
 */
import { isDeepStrictEqual } from "node:util";
import { isErrorResult, merge } from "openapi-merge";
import type { DocumentFiles } from "./document-files.ts";
import type { OpenApiDocument } from "./openapi-blocks.ts";

export interface SourcedDocument {
  /** Where the document came from: a page URL, a document URL or a repository path. */
  readonly origin: string;
  readonly document: OpenApiDocument;
  /** The document's text as published, when it came as one block or file. */
  readonly text?: string;
  /** Every file of a document published as several files joined by relative `$ref`s. */
  readonly files?: DocumentFiles;
}

type Mapping = Record<string, unknown>;
type MergeInput = Parameters<typeof merge>[0][number];

const isMapping = (value: unknown): value is Mapping =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export class MergeConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MergeConflictError";
  }
}

interface Claim {
  readonly origin: string;
  readonly value: unknown;
}

function claim(claims: Map<string, Claim>, key: string, origin: string, value: unknown): void {
  const earlier = claims.get(key);
  if (!earlier) {
    claims.set(key, { origin, value });
  } else if (!isDeepStrictEqual(earlier.value, value)) {
    throw new MergeConflictError(
      `${key} is defined differently by two pages:\n  - ${earlier.origin}\n  - ${origin}\n` +
        "Pages of one API must agree on shared definitions; fix the docs or sync the pages separately.",
    );
  }
}

function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (!isMapping(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, child]) => child !== undefined)
      .map(([key, child]) => [key, withoutUndefined(child)]),
  );
}

export function mergeDocuments(documents: readonly SourcedDocument[]): OpenApiDocument {
  if (documents.length === 0) throw new Error("No OpenAPI document to merge: the sources selected no page");
  const sorted = [...documents].sort((a, b) => (a.origin < b.origin ? -1 : a.origin > b.origin ? 1 : 0));

  const claims = new Map<string, Claim>();
  const joinedPaths = new Map<string, Mapping>();
  const pathOwner = new Map<string, number>();
  sorted.forEach(({ origin, document }, index) => {
    const components = isMapping(document.components) ? document.components : {};
    for (const [section, entries] of Object.entries(components)) {
      if (!isMapping(entries)) continue;
      for (const [name, value] of Object.entries(entries))
        claim(claims, `components.${section}.${name}`, origin, value);
    }
    const paths = isMapping(document.paths) ? document.paths : {};
    for (const [path, item] of Object.entries(paths)) {
      if (!isMapping(item)) continue;
      const joined = joinedPaths.get(path) ?? {};
      joinedPaths.set(path, joined);
      if (!pathOwner.has(path)) pathOwner.set(path, index);
      for (const [key, value] of Object.entries(item)) {
        claim(claims, `paths["${path}"].${key}`, origin, value);
        joined[key] ??= value;
      }
    }
  });

  // Each joined path goes to the first page that has it, so openapi-merge sees every path once.
  const inputs: MergeInput[] = sorted.map(({ document }, index) => {
    const paths: Mapping = {};
    for (const [path, owner] of pathOwner) if (owner === index) paths[path] = joinedPaths.get(path);
    return { oas: { ...document, paths } as MergeInput["oas"] };
  });
  const result = merge(inputs);
  if (isErrorResult(result)) throw new MergeConflictError(`Merging the pages failed: ${result.message}`);

  // Keys in the first page's order, so a one-page API comes out as that page's document.
  const merged = withoutUndefined(result.output) as Mapping;
  const first = sorted[0]?.document ?? {};
  const order = [...Object.keys(first), ...Object.keys(merged).filter((key) => !(key in first))];
  const out: OpenApiDocument = {};
  for (const key of order) {
    const value = key === "paths" ? Object.fromEntries([...joinedPaths]) : merged[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}
