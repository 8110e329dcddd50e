/**
 * What changed between two versions of a vendor's document, for the people who use its SDK.
 *
 * @useoptic/openapi-utilities computes the raw structural diff (paths matched by template, parameters
 * by name). Every raw diff is accounted for: each is placed on a change site (array keywords whose
 * order means nothing, `enum`, `required`, `oneOf`, `anyOf`, `type`, are compared as sets, so a
 * removed enum value is one row, not a shifted index per value), and each site is classified by the
 * direction its data travels:
 *   - request (parameters, request bodies, and the schemas they reach): making a field required,
 *     tightening a constraint or removing an enum value or union member breaks callers; the reverse
 *     is additive;
 *   - response (responses, their headers, and the schemas they reach): the directions reverse;
 *   - a schema both reach takes the worse of the two.
 * Also breaking: an operation, parameter, response, property, component or server removed, a
 * retyped value, changed authentication, a `$ref` pointed elsewhere, a component renamed (its
 * exported type's name changes). Additive: a new operation, optional parameter, response, property,
 * server or component. Cosmetic: wording and examples (which still reach the helpers' JSDoc, so they
 * ship as a patch) and vendor extensions the generator never reads (it reads `x-sdkforge-*` only).
 * Anything else the classifier does not place is breaking, with its JSON pointer, so no change is
 * ever lost or under-rated.
 */
import { isDeepStrictEqual } from "node:util";
import { diff } from "@useoptic/openapi-utilities";

export type ChangeLevel = "breaking" | "additive" | "cosmetic";

export interface SpecChange {
  readonly level: ChangeLevel;
  /** The operation (`DELETE /api/disks/{id}`) or document part (`servers`, `components.schemas.X`). */
  readonly where: string;
  readonly what: string;
}

export const LEVEL_ORDER: readonly ChangeLevel[] = ["cosmetic", "additive", "breaking"];

export function highestLevel(changes: readonly SpecChange[]): ChangeLevel | undefined {
  let highest: ChangeLevel | undefined;
  for (const { level } of changes) {
    if (highest === undefined || LEVEL_ORDER.indexOf(level) > LEVEL_ORDER.indexOf(highest)) highest = level;
  }
  return highest;
}

type Direction = "request" | "response";
type Documents = { readonly before: unknown; readonly after: unknown };
type RawDiff = { readonly before?: string; readonly after?: string };

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
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
/** Arrays whose order means nothing: compared as sets of members. */
const SET_KEYWORDS = new Set(["enum", "required", "oneOf", "anyOf", "type"]);
/** Constraints whose larger value admits more (`maxLength`) or fewer (`minLength`) values. */
const UPPER_BOUNDS = new Set(["maxLength", "maxItems", "maxProperties", "maximum", "exclusiveMaximum"]);
const LOWER_BOUNDS = new Set(["minLength", "minItems", "minProperties", "minimum", "exclusiveMinimum"]);
/** Constraints that only narrow what is valid when present. */
const NARROWING = new Set(["pattern", "format", "multipleOf", "uniqueItems", "const"]);
/** The only vendor extensions the generator reads (helper names, credential prefixes, failure markers). */
const READ_EXTENSION_PREFIX = "x-sdkforge-";

const rank = (level: ChangeLevel) => LEVEL_ORDER.indexOf(level);
const worst = (levels: readonly ChangeLevel[]): ChangeLevel =>
  levels.reduce((a, b) => (rank(b) > rank(a) ? b : a), "cosmetic");

function segments(pointer: string): string[] {
  return pointer
    .split("/")
    .slice(1)
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"));
}

const pointerOf = (parts: readonly string[]) =>
  parts.map((part) => `/${part.replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");

function valueAt(document: unknown, parts: readonly string[] | undefined): unknown {
  if (parts === undefined) return undefined;
  let node: unknown = document;
  for (const key of parts) {
    node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Where a pointer sits: the row's `where`, what to call the thing, the direction its data travels. */
interface Place {
  readonly where: string;
  readonly label: string;
  readonly directions: readonly Direction[];
  /** Index in the pointer where a schema starts, if it runs through one. */
  readonly schemaAt: number | undefined;
  readonly auth: boolean;
}

function schemaRefsOf(value: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const item of value) schemaRefsOf(item, found);
  else if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      if (key === "$ref" && typeof child === "string") found.add(child);
      else schemaRefsOf(child, found);
    }
  }
  return found;
}

/** Which directions reach each component (by `$ref`), over both versions of the document. */
function componentDirections(docs: Documents): Map<string, Set<Direction>> {
  const reached = new Map<string, Set<Direction>>();
  for (const document of [docs.before, docs.after]) {
    const roots: Record<Direction, unknown[]> = { request: [], response: [] };
    const paths = (valueAt(document, ["paths"]) ?? {}) as Record<string, Record<string, unknown>>;
    for (const item of Object.values(paths)) {
      if (!item || typeof item !== "object") continue;
      roots.request.push(item.parameters);
      for (const [method, operation] of Object.entries(item)) {
        if (!METHODS.has(method) || !operation || typeof operation !== "object") continue;
        const { parameters, requestBody, responses, callbacks } = operation as Record<string, unknown>;
        roots.request.push(parameters, requestBody, callbacks);
        roots.response.push(responses, callbacks);
      }
    }
    for (const direction of ["request", "response"] as const) {
      const pending = [...schemaRefsOf(roots[direction], new Set())];
      const seen = new Set<string>();
      while (pending.length > 0) {
        const ref = pending.pop() ?? "";
        if (seen.has(ref) || !ref.startsWith("#/")) continue;
        seen.add(ref);
        const set = reached.get(ref) ?? new Set<Direction>();
        set.add(direction);
        reached.set(ref, set);
        pending.push(...schemaRefsOf(valueAt(document, segments(ref.slice(1))), new Set()));
      }
    }
  }
  return reached;
}

function place(parts: readonly string[], docs: Documents, reached: Map<string, Set<Direction>>): Place {
  const none: Direction[] = [];
  const both: Direction[] = ["request", "response"];
  const document = (part: string | undefined): Place => ({
    where: part ?? "document",
    label: part ?? "document",
    directions: none,
    schemaAt: undefined,
    auth: part === "security",
  });
  const [top, second, third] = parts;
  if (top === "paths" && second !== undefined) {
    const onOperation = third !== undefined && METHODS.has(third);
    const where = onOperation ? `${third.toUpperCase()} ${second}` : second;
    const rest = parts.slice(onOperation ? 3 : 2);
    const offset = parts.length - rest.length;
    if (rest[0] === "parameters" && rest[1] !== undefined) {
      const at = parts.slice(0, offset + 2);
      const parameter = (valueAt(docs.after, at) ?? valueAt(docs.before, at)) as
        | { name?: string; in?: string; $ref?: string }
        | undefined;
      const label = parameter?.name
        ? `${parameter.in ?? ""} parameter \`${parameter.name}\``.trim()
        : `parameter ${parameter?.$ref ?? rest[1]}`;
      const schemaAt = rest[2] === "schema" ? offset + 3 : undefined;
      return { where, label, directions: ["request"], schemaAt, auth: false };
    }
    if (rest[0] === "requestBody") {
      const schemaAt = rest[1] === "content" && rest[3] === "schema" ? offset + 4 : undefined;
      return { where, label: "request body", directions: ["request"], schemaAt, auth: false };
    }
    if (rest[0] === "responses" && rest[1] !== undefined) {
      const label = `response ${rest[1]}`;
      if (rest[2] === "headers" && rest[3] !== undefined) {
        const schemaAt = rest[4] === "schema" ? offset + 5 : undefined;
        return { where, label: `${label} header \`${rest[3]}\``, directions: ["response"], schemaAt, auth: false };
      }
      const schemaAt = rest[2] === "content" && rest[4] === "schema" ? offset + 5 : undefined;
      return { where, label, directions: ["response"], schemaAt, auth: false };
    }
    if (rest[0] === "callbacks")
      return { where, label: "callback", directions: both, schemaAt: undefined, auth: false };
    return { where, label: "operation", directions: none, schemaAt: undefined, auth: rest[0] === "security" };
  }
  if (top === "components" && second !== undefined && third !== undefined) {
    const where = `components.${second}.${third}`;
    const fixed: Record<string, Direction[]> = {
      parameters: ["request"],
      requestBodies: ["request"],
      responses: ["response"],
      headers: ["response"],
    };
    const usage = reached.get(`#${pointerOf(parts.slice(0, 3))}`);
    // A schema nothing references is still an exported type: both directions, so the worse verdict.
    const directions = fixed[second] ?? (usage && usage.size > 0 ? [...usage] : both);
    const kind = second === "schemas" ? "schema" : second.replace(/s$/, "");
    const schemaAt = second === "schemas" ? 3 : parts[3] === "schema" ? 4 : undefined;
    const used = fixed[second] === undefined ? ` (in ${directions.map((d) => `${d}s`).join(" and ")})` : "";
    const label = `${kind} \`${third}\`${used}`;
    return { where, label, directions, schemaAt, auth: second === "securitySchemes" };
  }
  return document(top);
}

/** `a.b[]` for a pointer through `properties/a/properties/b/items`; stops at the first other keyword. */
function fieldPath(parts: readonly string[], from: number | undefined): string {
  if (from === undefined) return "";
  let path = "";
  for (let index = from; index < parts.length; index++) {
    const part = parts[index];
    if (part === "properties" && parts[index + 1] !== undefined) {
      path += `${path ? "." : ""}${parts[index + 1]}`;
      index++;
    } else if (part === "items") path += "[]";
    else if ((part === "allOf" || part === "oneOf" || part === "anyOf") && /^\d+$/.test(parts[index + 1] ?? "")) {
      index++;
    } else break;
  }
  return path;
}

function subject(at: Place, parts: readonly string[], field = fieldPath(parts, at.schemaAt)): string {
  return field ? `${at.label} field \`${field}\`` : at.label;
}

/** A request rejects more (breaking) or accepts more (additive); a response's reader sees the reverse. */
function directed(at: Place, narrows: boolean): ChangeLevel {
  const directions = at.directions.length > 0 ? at.directions : (["request", "response"] as const);
  return worst(directions.map((direction) => ((direction === "request") === narrows ? "breaking" : "additive")));
}

function isWording(parts: readonly string[]): boolean {
  return parts.some((part, index) => WORDING_KEYS.has(part) && parts[index - 1] !== "properties");
}

function extensionAt(parts: readonly string[]): string | undefined {
  return parts.find((part, index) => part.startsWith("x-") && parts[index - 1] !== "properties");
}

/** The site of a raw diff: set-valued keywords collapse to the keyword itself. */
function siteOf(parts: readonly string[]): string[] {
  for (let index = 0; index < parts.length - 1; index++) {
    const part = parts[index] ?? "";
    if (SET_KEYWORDS.has(part) && parts[index - 1] !== "properties" && /^\d+$/.test(parts[index + 1] ?? "")) {
      return parts.slice(0, index + 1);
    }
  }
  return [...parts];
}

function memberName(member: unknown): string {
  if (member && typeof member === "object") {
    const { $ref, title, type } = member as { $ref?: unknown; title?: unknown; type?: unknown };
    if (typeof $ref === "string") return `\`${$ref.split("/").pop()}\``;
    if (typeof title === "string") return `\`${title}\``;
    if (type !== undefined) return show(member);
  }
  return show(member);
}

function setDifference(from: unknown, to: unknown): unknown[] {
  const members = Array.isArray(from) ? from : from === undefined ? [] : [from];
  const others = Array.isArray(to) ? to : to === undefined ? [] : [to];
  return members.filter((member) => !others.some((other) => isDeepStrictEqual(member, other)));
}

function setChanges(at: Place, parts: readonly string[], before: unknown, after: unknown): SpecChange[] {
  const keyword = parts.at(-1) ?? "";
  const removed = setDifference(before, after);
  const added = setDifference(after, before);
  const { where } = at;
  const field = fieldPath(parts, at.schemaAt);
  if (keyword === "required") {
    const name = (property: unknown) => `\`${field ? `${field}.` : ""}${String(property)}\``;
    return [
      ...added.map((property) => ({
        level: directed(at, true),
        where,
        what: `${at.label} field ${name(property)} is now required`,
      })),
      ...removed.map((property) => ({
        level: directed(at, false),
        where,
        what: `${at.label} field ${name(property)} is now optional`,
      })),
    ];
  }
  const what = subject(at, parts, field);
  if (keyword === "enum") {
    if (before === undefined)
      return [{ level: directed(at, true), where, what: `${what} now limited to ${show(after)}` }];
    if (after === undefined)
      return [{ level: directed(at, false), where, what: `${what} no longer limited to ${show(before)}` }];
    if (removed.length === 1 && added.length === 1) {
      const level = worst([directed(at, true), directed(at, false)]);
      return [{ level, where, what: `${what}: enum value ${show(removed[0])} renamed to ${show(added[0])}` }];
    }
    return [
      ...removed.map((value) => ({
        level: directed(at, true),
        where,
        what: `${what}: enum value ${show(value)} removed`,
      })),
      ...added.map((value) => ({
        level: directed(at, false),
        where,
        what: `${what}: enum value ${show(value)} added`,
      })),
    ];
  }
  if (keyword === "type") {
    if (removed.length > 0 && added.length > 0) {
      return [{ level: "breaking", where, what: `${what} retyped from ${show(before)} to ${show(after)}` }];
    }
    return [
      ...removed.map((type) => ({
        level: directed(at, true),
        where,
        what: `${what} no longer accepts type ${show(type)}`,
      })),
      ...added.map((type) => ({
        level: directed(at, false),
        where,
        what: `${what} now also accepts type ${show(type)}`,
      })),
    ];
  }
  // oneOf / anyOf, by member: fewer members accept less.
  const kind = keyword === "oneOf" ? "union (oneOf)" : "union (anyOf)";
  return [
    ...removed.map((member) => ({
      level: directed(at, true),
      where,
      what: `${what}: ${kind} member ${memberName(member)} dropped`,
    })),
    ...added.map((member) => ({
      level: directed(at, false),
      where,
      what: `${what}: ${kind} member ${memberName(member)} added`,
    })),
  ];
}

function addedOrRemoved(at: Place, parts: readonly string[], before: unknown, after: unknown): SpecChange | undefined {
  const { where } = at;
  const key = parts.at(-1) ?? "";
  const parent = parts.at(-2);
  const added = before === undefined;
  const [top, second, third] = parts;
  if (top === "paths" && parts.length === 3) {
    if (!METHODS.has(key)) return undefined;
    return added
      ? { level: "additive", where, what: "new operation" }
      : { level: "breaking", where, what: "operation removed" };
  }
  if (parent === "parameters" && /^\d+$/.test(key)) {
    const value = (added ? after : before) as { required?: unknown; in?: unknown };
    if (!added) return { level: "breaking", where, what: `${at.label} removed` };
    const required = value?.required === true;
    return {
      level: required || value?.in === "path" ? "breaking" : "additive",
      where,
      what: `new ${required ? "required" : "optional"} ${at.label}`,
    };
  }
  if (parent === "responses" && top === "paths") {
    return added
      ? { level: "additive", where, what: `${at.label} added` }
      : { level: "breaking", where, what: `${at.label} removed` };
  }
  if (key === "requestBody" && top === "paths") {
    const required = (after as { required?: unknown } | undefined)?.required === true;
    if (!added) return { level: "breaking", where, what: "request body removed" };
    return {
      level: required ? "breaking" : "additive",
      where,
      what: `new ${required ? "required" : "optional"} request body`,
    };
  }
  if (parent === "properties" && parts[parts.length - 3] !== "properties") {
    const field = `\`${fieldPath(parts, at.schemaAt)}\``;
    return added
      ? { level: "additive", where, what: `${at.label} field ${field} added` }
      : { level: "breaking", where, what: `${at.label} field ${field} removed` };
  }
  if (top === "components" && parts.length === 3 && second !== undefined && third !== undefined) {
    return added
      ? { level: "additive", where, what: `${second} component \`${third}\` added` }
      : { level: "breaking", where, what: `${second} component \`${third}\` removed` };
  }
  if (top === "servers" || (parent === "servers" && top === "paths")) {
    return added
      ? { level: "additive", where, what: `server added (${show(after)})` }
      : { level: "breaking", where, what: `server removed (${show(before)})` };
  }
  return undefined;
}

function classify(parts: readonly string[], docs: Documents, reached: Map<string, Set<Direction>>): SpecChange[] {
  const before = valueAt(docs.before, parts);
  const after = valueAt(docs.after, parts);
  const at = place(parts, docs, reached);
  const { where } = at;
  const key = parts.at(-1) ?? "";
  const pointer = pointerOf(parts);
  const extension = extensionAt(parts);
  if (extension !== undefined && !extension.startsWith(READ_EXTENSION_PREFIX) && !WORDING_KEYS.has(extension)) {
    return [
      {
        level: "cosmetic",
        where,
        what: `${at.label}: vendor extension \`${extension}\` changed (not read by the generator)`,
      },
    ];
  }
  if (isWording(parts)) {
    const wording = parts.find((part, index) => WORDING_KEYS.has(part) && parts[index - 1] !== "properties");
    return [{ level: "cosmetic", where, what: `${subject(at, parts)}: ${wording} reworded` }];
  }
  const [top] = parts;
  if (top === "info" || top === "tags" || top === "openapi" || top === "jsonSchemaDialect") {
    return [{ level: "cosmetic", where, what: `${parts.join(".")} changed` }];
  }
  if (at.auth || parts.includes("security")) {
    return [{ level: "breaking", where, what: "authentication changed" }];
  }
  if (
    SET_KEYWORDS.has(key) &&
    parts.at(-2) !== "properties" &&
    (Array.isArray(before) || Array.isArray(after) || key === "type")
  ) {
    return setChanges(at, parts, before, after);
  }
  if (before === undefined || after === undefined) {
    const change = addedOrRemoved(at, parts, before, after);
    if (change) return [change];
  }
  if (key === "required" && (typeof before === "boolean" || typeof after === "boolean")) {
    return after === true
      ? [{ level: "breaking", where, what: `${at.label} is now required` }]
      : [{ level: "additive", where, what: `${at.label} is now optional` }];
  }
  if (top === "paths" && parts.length === 2 && (before === undefined || after === undefined)) {
    const item = (before ?? after) as Record<string, unknown>;
    return Object.keys(item)
      .filter((method) => METHODS.has(method))
      .map((method) => ({
        level: before === undefined ? "additive" : "breaking",
        where: `${method.toUpperCase()} ${parts[1]}`,
        what: before === undefined ? "new operation" : "operation removed",
      }));
  }
  const what = subject(at, parts);
  if (UPPER_BOUNDS.has(key) || LOWER_BOUNDS.has(key) || NARROWING.has(key)) {
    if (typeof before === "number" && typeof after === "number") {
      const narrows = UPPER_BOUNDS.has(key) ? after < before : LOWER_BOUNDS.has(key) ? after > before : true;
      return [
        {
          level: directed(at, narrows),
          where,
          what: `${what}: ${key} ${narrows ? "tightened" : "relaxed"} from ${before} to ${after}`,
        },
      ];
    }
    if (before === undefined)
      return [{ level: directed(at, true), where, what: `${what}: ${key} ${show(after)} added` }];
    if (after === undefined)
      return [{ level: directed(at, false), where, what: `${what}: ${key} ${show(before)} removed` }];
    return [
      { level: directed(at, true), where, what: `${what}: ${key} changed from ${show(before)} to ${show(after)}` },
    ];
  }
  if (key === "$ref") {
    return [{ level: "breaking", where, what: `${what} now refers to ${show(after)} instead of ${show(before)}` }];
  }
  // Not placed: counted as breaking, with the pointer, so a reviewer sees it and no change is under-rated.
  return [
    {
      level: "breaking",
      where,
      what: `${what}: unclassified change at \`${pointer}\` (${show(before)} → ${show(after)})`,
    },
  ];
}

/** Removed and added components with the same definition: renames (their exported types change name). */
function renames(sites: readonly string[][], docs: Documents): Map<string, string> {
  const isComponent = (parts: readonly string[]) => parts.length === 3 && parts[0] === "components";
  const removed = sites.filter((parts) => isComponent(parts) && valueAt(docs.after, parts) === undefined);
  const added = sites.filter((parts) => isComponent(parts) && valueAt(docs.before, parts) === undefined);
  const found = new Map<string, string>();
  for (const gone of removed) {
    const match = added.find(
      (fresh) =>
        fresh[1] === gone[1] &&
        ![...found.values()].includes(pointerOf(fresh)) &&
        isDeepStrictEqual(valueAt(docs.before, gone), valueAt(docs.after, fresh)),
    );
    if (match) found.set(pointerOf(gone), pointerOf(match));
  }
  return found;
}

export function specChanges(before: unknown, after: unknown): SpecChange[] {
  if (isDeepStrictEqual(before, after)) return [];
  const docs: Documents = { before, after };
  const reached = componentDirections(docs);
  const sites = new Map<string, string[]>();
  for (const raw of diff(before, after) as RawDiff[]) {
    for (const pointer of [raw.before, raw.after]) {
      if (pointer === undefined) continue;
      const site = siteOf(segments(pointer));
      sites.set(pointerOf(site), site);
    }
  }
  const renamed = renames([...sites.values()], docs);
  const renamedRefs = new Map([...renamed].map(([from, to]) => [`#${from}`, `#${to}`]));
  const out: SpecChange[] = [];
  for (const [from, to] of renamed) {
    const [, kind, oldName] = segments(from);
    const newName = segments(to)[2];
    out.push({
      level: "breaking",
      where: `components.${kind}.${oldName}`,
      what: `${kind} component \`${oldName}\` renamed to \`${newName}\` (its exported type's name changes)`,
    });
  }
  const seen = new Set<string>();
  for (const [pointer, parts] of sites) {
    if (renamed.has(pointer) || [...renamed.values()].includes(pointer)) continue;
    // Inside a site already reported whole (an added operation's own fields).
    if (parts.some((_, index) => index > 0 && sites.has(pointerOf(parts.slice(0, index))))) continue;
    const beforeValue = valueAt(before, parts);
    const afterValue = valueAt(after, parts);
    if (isDeepStrictEqual(beforeValue, afterValue)) continue;
    if (parts.at(-1) === "$ref" && typeof beforeValue === "string" && renamedRefs.get(beforeValue) === afterValue)
      continue;
    for (const change of classify(parts, docs, reached)) {
      const key = `${change.level}|${change.where}|${change.what}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(change);
    }
  }
  if (out.length === 0) {
    out.push({
      level: "breaking",
      where: "document",
      what: "the documents differ in a way no change site accounts for",
    });
  }
  return out;
}
