/**
 * A request body in the media type the operation documents. Plain JSON is openapi-fetch's default
 * and stays with it; another JSON type (`application/vnd.api+json`) is the same JSON under its own
 * `Content-Type`, which such servers require. A form (`application/x-www-form-urlencoded`, GitHub
 * Enterprise's SSH-key removal) is encoded here from a flat object, `multipart/form-data` takes a
 * `FormData`, and any other type takes bytes or text as they are. A body that cannot be sent as the
 * documented type is refused before anything is sent, instead of going out as JSON under the wrong
 * header.
 */
import { InvalidArgumentError } from "./errors.js";

/** A request body encoded for its documented media type. */
export interface EncodedBody {
  /** What openapi-fetch's `bodySerializer` returns, serialized once for every attempt. */
  readonly value: string | URLSearchParams | FormData | Blob | ArrayBuffer | ArrayBufferView;
  /** The `Content-Type` to send; absent for `FormData`, whose boundary `fetch` writes itself. */
  readonly contentType?: string;
}

/** Encodes a body for the operation's documented media type; `undefined` leaves it to openapi-fetch's JSON. */
export type BodyEncoder = (contentType: string, body: unknown) => EncodedBody | undefined;

/** Whether openapi-fetch's own JSON serializer carries a body of this media type (no encoder needed). */
export function isPlainJson(contentType: string): boolean {
  return mediaTypeOf(contentType) === "application/json";
}

const mediaTypeOf = (contentType: string) => contentType.split(";")[0]?.trim().toLowerCase() ?? "";

const refuse = (mediaType: string, expected: string): never => {
  throw new InvalidArgumentError("body", `The operation takes ${mediaType}: pass \`body\` as ${expected}.`);
};

const FIELD = "an object of string, number or boolean fields (or arrays of them)";

function formBody(mediaType: string, body: unknown): URLSearchParams {
  if (body instanceof URLSearchParams) return body;
  if (body === null || typeof body !== "object" || Array.isArray(body)) return refuse(mediaType, FIELD);
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(body)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      if (!["string", "number", "boolean"].includes(typeof item)) refuse(mediaType, FIELD);
      form.append(name, String(item));
    }
  }
  return form;
}

/**
 * `undefined` for `application/json` (openapi-fetch's own serializer applies); otherwise the body
 * encoded for `contentType`, the operation's documented media type.
 */
export const encodeBody: BodyEncoder = (contentType, body) => {
  const mediaType = mediaTypeOf(contentType);
  if (mediaType === "application/json") return undefined;
  if (/^application\/[\w.+-]+\+json$/.test(mediaType)) return { value: JSON.stringify(body), contentType };
  if (mediaType === "application/x-www-form-urlencoded") {
    return { value: formBody(mediaType, body).toString(), contentType: mediaType };
  }
  if (mediaType === "multipart/form-data") {
    return body instanceof FormData ? { value: body } : refuse(mediaType, "a FormData");
  }
  const bytesOrText =
    typeof body === "string" || body instanceof Blob || body instanceof ArrayBuffer || ArrayBuffer.isView(body);
  return bytesOrText ? { value: body, contentType } : refuse(mediaType, "a string, Blob, ArrayBuffer or typed array");
};
