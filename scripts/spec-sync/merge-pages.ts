/**
 * Joins the documents of several docs pages (one operation each, on Mintlify) into one document.
 * Pages are sorted by origin (so the result never depends on the order an index lists them). Every
 * component of every kind (schemas, responses, parameters, examples, requestBodies, headers,
 * securitySchemes, links, callbacks, …) and every operation is joined here: a definition several
 * pages share is kept once when the pages agree (deep equality), and refused, naming both pages and
 * the first field where they differ, when they do not. openapi-merge then joins the rest (tags
 * united; `info`, `servers` and `security` from the first page); it gets no paths or components,
 * because it resolves only some component kinds (a response header `$ref` fails in it) and would
 * silently rename one of two differing components.
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

/** The first field (`schema.type`) where two definitions differ, or undefined when they agree. */
function firstDifference(a: unknown, b: unknown, at: readonly string[] = []): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (isMapping(a) && isMapping(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference(a[key], b[key], [...at, key]);
      if (found !== undefined) return found;
    }
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    for (let index = 0; index < a.length; index++) {
      const found = firstDifference(a[index], b[index], [...at, String(index)]);
      if (found !== undefined) return found;
    }
  }
  return at.length === 0 ? "(the whole definition)" : at.join(".");
}

function claim(claims: Map<string, Claim>, key: string, origin: string, value: unknown): void {
  const earlier = claims.get(key);
  if (!earlier) {
    claims.set(key, { origin, value });
  } else if (!isDeepStrictEqual(earlier.value, value)) {
    throw new MergeConflictError(
      `${key} is defined differently by two pages (first at \`${firstDifference(earlier.value, value)}\`):\n  - ${earlier.origin}\n  - ${origin}\n` +
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
  const joinedComponents = new Map<string, Mapping>();
  sorted.forEach(({ origin, document }) => {
    const components = isMapping(document.components) ? document.components : {};
    for (const [section, entries] of Object.entries(components)) {
      if (!isMapping(entries)) continue;
      const joined = joinedComponents.get(section) ?? {};
      joinedComponents.set(section, joined);
      for (const [name, value] of Object.entries(entries)) {
        claim(claims, `components.${section}.${name}`, origin, value);
        joined[name] ??= value;
      }
    }
    const paths = isMapping(document.paths) ? document.paths : {};
    for (const [path, item] of Object.entries(paths)) {
      if (!isMapping(item)) continue;
      const joined = joinedPaths.get(path) ?? {};
      joinedPaths.set(path, joined);
      for (const [key, value] of Object.entries(item)) {
        claim(claims, `paths["${path}"].${key}`, origin, value);
        joined[key] ??= value;
      }
    }
  });

  const inputs: MergeInput[] = sorted.map(({ document }) => {
    const { components: _components, ...rest } = document;
    return { oas: { ...rest, paths: {} } as MergeInput["oas"] };
  });
  const result = merge(inputs);
  if (isErrorResult(result)) throw new MergeConflictError(`Merging the pages failed: ${result.message}`);

  // Keys in the first page's order, so a one-page API comes out as that page's document.
  const merged = withoutUndefined(result.output) as Mapping;
  const first = sorted[0]?.document ?? {};
  if (joinedComponents.size > 0) merged.components = {};
  const order = [...Object.keys(first), ...Object.keys(merged).filter((key) => !(key in first))];
  const out: OpenApiDocument = {};
  for (const key of order) {
    const value =
      key === "paths"
        ? Object.fromEntries([...joinedPaths])
        : key === "components"
          ? Object.fromEntries([...joinedComponents])
          : merged[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}
