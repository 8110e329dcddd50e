/**
 * Meaning, not bytes: two spec texts are the same when they parse to the same data (so quoting,
 * folding and key order are not changes; a reworded description is). The text written for a changed
 * spec is the vendor's own when one published document already says everything; otherwise it is
 * the merged document as YAML.
 */
import { isDeepStrictEqual } from "node:util";
import { parse as parseYaml, stringify } from "yaml";
import type { SourcedDocument } from "./merge-pages.ts";
import type { OpenApiDocument } from "./openapi-blocks.ts";

export function parseSpec(text: string): unknown {
  return parseYaml(text, { uniqueKeys: true });
}

export function sameMeaning(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(a, b);
}

export function specText(merged: OpenApiDocument, documents: readonly SourcedDocument[]): string {
  for (const { text } of documents) {
    if (text !== undefined && sameMeaning(parseSpec(text), merged)) return text.endsWith("\n") ? text : `${text}\n`;
  }
  return stringify(merged, { lineWidth: 100 });
}
