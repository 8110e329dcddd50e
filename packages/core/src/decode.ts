/**
 * Response decoding that never throws: any body (JSON, HTML, empty, truncated) becomes either the
 * operation's data or a human-readable message for an `APIError`.
 */
import type { SchemaSpec } from "./spec.js";

const MAX_MESSAGE_LENGTH = 300;
/**
 * Only the start of a text body is searched for a message: a `<title>` sits near the top, and the
 * message is clipped to 300 characters anyway, so a hostile megabyte costs no more than this.
 */
const MESSAGE_WINDOW = 16_384;

/** JSON when it parses, the raw text otherwise, `undefined` for an empty body. */
export function parseBody(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    return text;
  }
}

function clip(text: string): string {
  // Collapsing whitespace in a long field would cost its whole length for 300 characters kept.
  const head = text.length > MESSAGE_WINDOW ? text.slice(0, MESSAGE_WINDOW) : text;
  const oneLine = head.replace(/\s+/g, " ").trim();
  return oneLine.length > MAX_MESSAGE_LENGTH ? `${oneLine.slice(0, MAX_MESSAGE_LENGTH)}…` : oneLine;
}

function stringField(value: unknown, key: string): string | undefined {
  if (!value || typeof value !== "object") return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === "string" && field.trim() ? field : undefined;
}

/**
 * Finds the vendor's message in an error body: `message`, `error`, `error.message`, `detail`, or an
 * HTML `<title>`. The patterns cannot backtrack across a `<` (`[^<>]*`), so each runs in linear time.
 */
export function messageFromBody(body: unknown): string | undefined {
  if (typeof body === "string") {
    const window = body.length > MESSAGE_WINDOW ? body.slice(0, MESSAGE_WINDOW) : body;
    const title = /<title[^<>]*>([^<]*)<\/title>/i.exec(window)?.[1];
    if (title?.trim()) return clip(title);
    if (window.trimStart().startsWith("<")) {
      const text = window.replace(/<[^<>]*>/g, " ");
      return text.trim() ? clip(text) : undefined;
    }
    return clip(window) || undefined;
  }
  const found =
    stringField(body, "message") ??
    stringField(body, "error") ??
    stringField((body as { error?: unknown } | null)?.error, "message") ??
    stringField(body, "detail") ??
    stringField(body, "title");
  return found === undefined ? undefined : clip(found);
}

/** The `APIError.message` for a response: the vendor's words first, the status line otherwise. */
export function errorMessage(status: number, statusText: string, body: unknown): string {
  const vendor = messageFromBody(body);
  const statusLine = `${status}${statusText ? ` ${statusText}` : ""}`;
  return vendor ? vendor : `${statusLine} (no error message in the response body)`;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** The first place `value` breaks `schema`, or `undefined` when it conforms. */
export function schemaViolation(schema: SchemaSpec | undefined, value: unknown, at = "body"): string | undefined {
  if (!schema) return undefined;
  if (schema.type) {
    const actual = typeOf(value);
    const ok = actual === schema.type || (schema.type === "number" && actual === "integer");
    if (!ok) return `${at} should be ${schema.type}, got ${actual}`;
  }
  if (schema.type === "object" && value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    for (const name of schema.required ?? []) {
      if (!(name in record)) return `${at}.${name} is required`;
    }
    for (const [name, child] of Object.entries(schema.properties ?? {})) {
      if (record[name] === undefined) continue;
      const problem = schemaViolation(child, record[name], `${at}.${name}`);
      if (problem) return problem;
    }
  }
  return undefined;
}

/**
 * Is the success schema a `{ success, data }` envelope? Read from the spec, so vendors with a plain
 * body (VectorAI's `{status, message}`) and wrapped ones (Archil) go through the same code.
 */
export function isEnvelope(schema: SchemaSpec | undefined): boolean {
  const props = schema?.properties;
  return props?.success?.type === "boolean" && props.data !== undefined;
}

/**
 * For an object schema that lists properties, at least one of them must be present: a body made
 * only of keys the document never mentions (`{"error": "Access token not found"}` where the schema
 * is `{status, message}`) is someone else's answer, even though a schema without `required` would
 * accept it.
 */
export function sharesADocumentedProperty(schema: SchemaSpec | undefined, body: unknown): boolean {
  const names = Object.keys(schema?.properties ?? {});
  if (schema?.type !== "object" || names.length === 0) return true;
  return body !== null && typeof body === "object" && names.some((name) => name in body);
}

export type Unwrapped =
  | { readonly kind: "data"; readonly data: unknown }
  | { readonly kind: "refused"; readonly message: string }
  | { readonly kind: "invalid"; readonly problem: string };

/**
 * Checks a 2xx body against the spec's schema and unwraps an envelope. `success: false` is a
 * refusal whatever the schema: a body that says it failed is never taken for a success, even from
 * a vendor whose schema (having no required fields) would accept it.
 */
export function unwrapSuccess(schema: SchemaSpec | undefined, body: unknown): Unwrapped {
  if (body === undefined) return { kind: "data", data: undefined };
  if (body && typeof body === "object" && (body as { success?: unknown }).success === false) {
    return { kind: "refused", message: messageFromBody(body) ?? "the server reported success: false" };
  }
  if (typeof body === "string") return { kind: "invalid", problem: `body is not JSON: ${clip(body).slice(0, 80)}` };
  const problem = schemaViolation(schema, body);
  if (problem) return { kind: "invalid", problem };
  if (!sharesADocumentedProperty(schema, body))
    return { kind: "invalid", problem: "body has none of the documented fields" };
  return { kind: "data", data: isEnvelope(schema) ? (body as { data: unknown }).data : body };
}
