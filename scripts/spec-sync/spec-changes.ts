/**
 * What changed between two versions of a vendor's document, for the people who use its SDK.
 * @useoptic/openapi-utilities computes the structural diff and groups it by operation (path
 * parameters are matched by name, not position; paths by their template); each grouped change is
 * then classified:
 *   - breaking: an operation, parameter, response or server removed; a parameter retyped or made
 *     required; a new required parameter; changed security; any other changed schema;
 *   - additive: a new operation, optional parameter, response, server or component;
 *   - cosmetic: wording and examples only (descriptions, summaries, titles, examples, code samples),
 *     which still reach the helpers' JSDoc and so still ship, as a patch.
 */
import { isDeepStrictEqual } from "node:util";
import { diff, groupDiffsByEndpoint } from "@useoptic/openapi-utilities";

export type ChangeLevel = "breaking" | "additive" | "cosmetic";

export interface SpecChange {
  readonly level: ChangeLevel;
  /** The operation (`DELETE /api/disks/{id}`) or document part (`servers`, `components.schemas.X`). */
  readonly where: string;
  readonly what: string;
}

type GroupedDiff = {
  trail: string;
  change: "added" | "changed" | "removed";
  before?: string | undefined;
  after?: string | undefined;
};
type FlatDocument = Parameters<typeof groupDiffsByEndpoint>[0]["from"];
type Documents = { readonly before: unknown; readonly after: unknown };

const WORDING_KEYS = new Set([
  "description",
  "summary",
  "title",
  "example",
  "examples",
  "externalDocs",
  "x-codeSamples",
  "x-code-samples",
  "contact",
  "license",
  "termsOfService",
  "deprecated",
]);

export const LEVEL_ORDER: readonly ChangeLevel[] = ["cosmetic", "additive", "breaking"];

export function highestLevel(changes: readonly SpecChange[]): ChangeLevel | undefined {
  let highest: ChangeLevel | undefined;
  for (const { level } of changes) {
    if (highest === undefined || LEVEL_ORDER.indexOf(level) > LEVEL_ORDER.indexOf(highest)) highest = level;
  }
  return highest;
}

function segments(pointer: string): string[] {
  return pointer
    .split("/")
    .slice(1)
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"));
}

function valueAt(document: unknown, pointer: string | undefined): unknown {
  if (pointer === undefined) return undefined;
  let node: unknown = document;
  for (const key of segments(pointer)) {
    node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

/** Wording-only: the pointer runs through a wording keyword (not a property that happens to share its name). */
function isWording(pointer: string | undefined): boolean {
  if (pointer === undefined) return false;
  const parts = segments(pointer);
  return parts.some((part, index) => WORDING_KEYS.has(part) && parts[index - 1] !== "properties");
}

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function changeOf(entry: GroupedDiff, docs: Documents): { before: unknown; after: unknown } {
  return { before: valueAt(docs.before, entry.before), after: valueAt(docs.after, entry.after) };
}

function describeDetail(what: string, entry: GroupedDiff, docs: Documents): { level: ChangeLevel; what: string } {
  const { before, after } = changeOf(entry, docs);
  const trail = entry.trail || "";
  const pointer = entry.after ?? entry.before;
  if (isWording(pointer)) return { level: "cosmetic", what: `${what}: ${trail.slice(1) || "wording"} reworded` };
  if (trail === "/schema/type" || trail.endsWith("/type")) {
    return { level: "breaking", what: `${what} retyped from ${show(before)} to ${show(after)}` };
  }
  if (trail === "/required") {
    return after === true
      ? { level: "breaking", what: `${what} is now required` }
      : { level: "additive", what: `${what} is now optional` };
  }
  if (entry.change === "added") {
    return { level: "additive", what: `${what}: ${trail.slice(1)} added (${show(after)})` };
  }
  return {
    level: "breaking",
    what: `${what}: ${trail.slice(1) || "definition"} ${entry.change} (${show(before)} → ${show(after)})`,
  };
}

function parameterChanges(
  kind: string,
  parameters: Record<string, { diffs: GroupedDiff[] }>,
  where: string,
  docs: Documents,
  out: SpecChange[],
): void {
  for (const [name, { diffs }] of Object.entries(parameters)) {
    const label = `${kind} parameter \`${name}\``;
    for (const entry of diffs) {
      if (entry.trail === "" && entry.change === "added") {
        const required = (valueAt(docs.after, entry.after) as { required?: boolean } | undefined)?.required === true;
        out.push({
          level: required || kind === "path" ? "breaking" : "additive",
          where,
          what: `new ${required ? "required" : "optional"} ${label}`,
        });
      } else if (entry.trail === "" && entry.change === "removed") {
        out.push({ level: "breaking", where, what: `${label} removed` });
      } else {
        out.push({ where, ...describeDetail(label, entry, docs) });
      }
    }
  }
}

function documentPartChange(entry: GroupedDiff, docs: Documents): SpecChange {
  const pointer = entry.after ?? entry.before ?? "";
  const parts = segments(pointer);
  const top = parts[0] ?? "";
  const where = top === "components" ? parts.slice(0, 3).join(".") : top;
  const { before, after } = changeOf(entry, docs);
  if (isWording(pointer) || top === "info" || top === "tags" || top === "openapi") {
    return { level: "cosmetic", where, what: `${parts.join(".")} ${entry.change}` };
  }
  if (top === "security" || (top === "components" && parts[1] === "securitySchemes")) {
    return { level: "breaking", where, what: `authentication changed (${show(before)} → ${show(after)})` };
  }
  if (entry.change === "added") return { level: "additive", where, what: `${parts.join(".")} added (${show(after)})` };
  return { level: "breaking", where, what: `${parts.join(".")} ${entry.change} (${show(before)} → ${show(after)})` };
}

export function specChanges(before: unknown, after: unknown): SpecChange[] {
  if (isDeepStrictEqual(before, after)) return [];
  const docs: Documents = { before, after };
  const diffs = diff(before, after);
  const grouped = groupDiffsByEndpoint({ from: before as FlatDocument, to: after as FlatDocument }, diffs, []);
  const out: SpecChange[] = [];
  for (const endpoint of Object.values(grouped.endpoints)) {
    const where = `${endpoint.method.toUpperCase()} ${endpoint.path}`;
    for (const entry of endpoint.diffs as GroupedDiff[]) {
      if (entry.trail === "" && entry.change === "added") out.push({ level: "additive", where, what: "new operation" });
      else if (entry.trail === "" && entry.change === "removed") {
        out.push({ level: "breaking", where, what: "operation removed" });
      } else if (entry.trail.startsWith("/security")) {
        out.push({ level: "breaking", where, what: "authentication changed" });
      } else out.push({ where, ...describeDetail("operation", entry, docs) });
    }
    parameterChanges("path", endpoint.pathParameters, where, docs, out);
    parameterChanges("query", endpoint.queryParameters, where, docs, out);
    parameterChanges("header", endpoint.headerParameters, where, docs, out);
    parameterChanges("cookie", endpoint.cookieParameters, where, docs, out);
    for (const entry of endpoint.request.diffs as GroupedDiff[]) {
      out.push({ where, ...describeDetail("request body", entry, docs) });
    }
    for (const [type, body] of Object.entries(endpoint.request.contents)) {
      for (const entry of [...body.examples.diffs, ...Object.values(body.fields).flatMap((field) => field.diffs)]) {
        out.push({ where, ...describeDetail(`request body (${type})`, entry as GroupedDiff, docs) });
      }
    }
    for (const [status, response] of Object.entries(endpoint.responses)) {
      const label = `response ${status}`;
      for (const entry of response.diffs as GroupedDiff[]) {
        if (entry.trail === "" && entry.change === "added")
          out.push({ level: "additive", where, what: `${label} added` });
        else if (entry.trail === "" && entry.change === "removed") {
          out.push({ level: "breaking", where, what: `${label} removed` });
        } else out.push({ where, ...describeDetail(label, entry, docs) });
      }
      const nested = [
        ...Object.values(response.headers).flatMap((header) => header.diffs),
        ...Object.values(response.contents).flatMap((body) => [
          ...body.examples.diffs,
          ...Object.values(body.fields).flatMap((field) => field.diffs),
        ]),
      ];
      for (const entry of nested) out.push({ where, ...describeDetail(label, entry as GroupedDiff, docs) });
    }
  }
  for (const entry of [...grouped.specification.diffs, ...grouped.unmatched.diffs] as GroupedDiff[]) {
    out.push(documentPartChange(entry, docs));
  }
  return out;
}
