/**
 * A request body in the media type the operation documents. JSON is openapi-fetch's default and
 * stays with it. A form (`application/x-www-form-urlencoded`, GitHub Enterprise's SSH-key removal)
 * is encoded here from a flat object, `multipart/form-data` takes a `FormData`, and any other type
 * takes bytes or text as they are. A body that cannot be sent as the documented type is refused
 * before anything is sent, instead of going out as JSON under the wrong header.
 */
import { InvalidArgumentError } from "./errors.js";

export interface EncodedBody {
  /** What openapi-fetch's `bodySerializer` returns, serialized once for every attempt. */
  readonly value: BodyInit;
  /** The `Content-Type` to send; absent for `FormData`, whose boundary `fetch` writes itself. */
  readonly contentType?: string;
}

const isJson = (mediaType: string) => /^application\/(?:[\w.+-]+\+)?json$/.test(mediaType);

function formValue(name: string, value: unknown): string {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  throw new InvalidArgumentError(
    "body",
    `\`body.${name}\` must be a string, number or boolean (or an array of them): the operation takes a form.`,
  );
}

function formBody(body: unknown): URLSearchParams {
  if (body instanceof URLSearchParams) return body;
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new InvalidArgumentError("body", "The operation takes a form: pass `body` as an object of fields.");
  }
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) form.append(name, formValue(name, item));
  }
  return form;
}

const isBytesOrText = (body: unknown): body is BodyInit =>
  typeof body === "string" ||
  body instanceof Blob ||
  body instanceof ArrayBuffer ||
  ArrayBuffer.isView(body) ||
  body instanceof URLSearchParams;

/**
 * `undefined` for JSON (openapi-fetch's own serializer applies); otherwise the body encoded for
 * `contentType`, the operation's documented media type.
 */
export function encodeBody(contentType: string, body: unknown): EncodedBody | undefined {
  const mediaType = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (isJson(mediaType)) return undefined;
  if (mediaType === "application/x-www-form-urlencoded") {
    return { value: formBody(body).toString(), contentType: mediaType };
  }
  if (mediaType === "multipart/form-data") {
    if (body instanceof FormData) return { value: body };
    throw new InvalidArgumentError("body", "The operation takes multipart/form-data: pass `body` as a FormData.");
  }
  if (isBytesOrText(body)) return { value: body, contentType };
  throw new InvalidArgumentError(
    "body",
    `The operation takes ${mediaType}: pass \`body\` as a string, Blob, ArrayBuffer or typed array.`,
  );
}
