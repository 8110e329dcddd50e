/**
 * When a 404 means "this resource does not exist": only when it is the API's own documented "not
 * found" answer. A proxy's HTML page, a framework's default 404 for an unknown route (a `baseUrl`
 * with the wrong path prefix) or a different body shape say nothing about the resource, and
 * taking them for "already gone" would report a live credential as revoked.
 */
import { schemaViolation, sharesADocumentedProperty } from "./decode.js";
import type { ResponseSpec, SchemaSpec } from "./spec.js";

export type NotFoundVerdict = { readonly gone: true } | { readonly gone: false; readonly why: string };

/** `application/json; charset=utf-8` → `application/json`. */
function mediaType(value: string | null | undefined): string {
  return (value ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/**
 * For an object schema that lists properties but requires none, every one of them must be present.
 * Gateways answer 404 with a lone `message` (Kong's "no Route matched with those values", API
 * Gateway's "Not Found"); sharing that one optional field with the API's own 404 is not enough to
 * call the answer the API's, and calling it "gone" would report a live credential as revoked.
 */
function carriesEveryDocumentedProperty(schema: SchemaSpec, body: unknown): boolean {
  const names = Object.keys(schema.properties ?? {});
  if (schema.type !== "object" || names.length === 0 || (schema.required ?? []).length > 0) return true;
  return body !== null && typeof body === "object" && names.every((name) => name in body);
}

/**
 * Whether a 404 is the answer the document describes. `documented` is the operation's
 * `responses["404"]`; `contentType` the response's header; `body` the decoded body.
 */
export function isDocumentedNotFound(
  documented: ResponseSpec | undefined,
  contentType: string | null,
  body: unknown,
  repeatedKey?: string,
): NotFoundVerdict {
  if (repeatedKey !== undefined) return { gone: false, why: `its body repeats the key \`${repeatedKey}\`` };
  if (documented === undefined) return { gone: false, why: "the API documents no 404 for this operation" };
  const expected = documented.contentType;
  if (expected === undefined) {
    // The document promises a 404 without a body: only an empty one is that answer.
    return body === undefined ? { gone: true } : { gone: false, why: "the API documents its 404 without a body" };
  }
  const actual = mediaType(contentType);
  if (actual !== mediaType(expected)) {
    return {
      gone: false,
      why: `its content type is ${actual || "missing"}, not the documented ${mediaType(expected)}`,
    };
  }
  const { schema } = documented;
  if (schema !== undefined) {
    const problem = schemaViolation(schema, body);
    if (problem !== undefined) return { gone: false, why: `its body does not match the documented one (${problem})` };
    if (!sharesADocumentedProperty(schema, body)) {
      return { gone: false, why: "its body has none of the documented fields" };
    }
    if (!carriesEveryDocumentedProperty(schema, body)) {
      return { gone: false, why: "its body lacks some of the documented fields, as a gateway's 404 does" };
    }
  }
  return { gone: true };
}

/** The message of a 404 that is not the API's: it most likely came from something else at that URL. */
export function notFoundHint(vendorMessage: string, why: string): string {
  return (
    `${vendorMessage} — this 404 is not the API's own "not found" answer (${why}), so it does not show that ` +
    "the resource is gone. It most likely came from something else at that URL: check `baseUrl` (host and path prefix)."
  );
}
