/**
 * Checking caller-supplied headers before anything is sent. A header `fetch` would refuse (CRLF,
 * NUL, characters outside Latin-1) or one that changes how the request is framed
 * (`transfer-encoding`, `expect`, `connection`) is a caller error: it becomes an
 * `InvalidArgumentError` at once, instead of a rejected `fetch` that would look like a network
 * fault, be retried and echo the value. Messages name the header (masked), never its value.
 */
import { InvalidArgumentError } from "./errors.js";

/** What `headers` options accept: a plain object, a `Headers` instance, or `[name, value]` pairs. */
export type HeadersInput =
  | Readonly<Record<string, string | undefined>>
  | Headers
  | readonly (readonly [string, string])[];

/** RFC 9110 `token`: the characters a field name may hold. */
const FIELD_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** RFC 9110 field value: visible ASCII, space, tab and obs-text (0x80–0xFF); no CR, LF or NUL. */
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Headers that frame the message or the connection: the HTTP stack owns them. */
const FRAMING_HEADERS: ReadonlySet<string> = new Set([
  "connection",
  "content-length",
  "expect",
  "host",
  "keep-alive",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

function entriesOf(input: unknown, option: string): [string, unknown][] {
  if (input instanceof Headers) return [...input.entries()];
  if (Array.isArray(input)) {
    return input.map((pair, index) => {
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== "string") {
        throw new InvalidArgumentError(option, `\`${option}\` entry ${index} must be a [name, value] pair of strings.`);
      }
      return [pair[0], pair[1]] as [string, unknown];
    });
  }
  if (input === null || typeof input !== "object") {
    throw new InvalidArgumentError(
      option,
      `\`${option}\` must be an object of header names to values, a Headers instance, or [name, value] pairs; got a ${input === null ? "null" : typeof input}.`,
    );
  }
  return Object.entries(input);
}

/**
 * An operation's header parameters (`options.header`, typed from the spec) as header values:
 * numbers and booleans as JSON writes them (`X-Dangerous: true`), then checked like `headers`.
 */
export function checkHeaderParams(
  input: unknown,
  maskName: (name: string) => string,
): Record<string, string> | undefined {
  if (input === undefined) return undefined;
  const values: Record<string, unknown> = {};
  for (const [name, value] of entriesOf(input, "header")) {
    values[name] = typeof value === "number" || typeof value === "boolean" ? String(value) : value;
  }
  return checkHeaders(values, "header", maskName);
}

/**
 * The headers as a plain object, checked; `undefined` and `null` values are left out (they mean
 * "not set"). `maskName` hides any credential a header name might hold in the messages.
 */
export function checkHeaders(
  input: unknown,
  option: string,
  maskName: (name: string) => string,
): Record<string, string> | undefined {
  if (input === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const [name, value] of entriesOf(input, option)) {
    if (!FIELD_NAME.test(name)) {
      throw new InvalidArgumentError(
        option,
        `\`${option}\` holds a header name with a character HTTP does not allow (only letters, digits and !#$%&'*+-.^_\`|~).`,
      );
    }
    const shown = maskName(name);
    if (FRAMING_HEADERS.has(name.toLowerCase())) {
      throw new InvalidArgumentError(
        option,
        `\`${option}\`: the ${shown} header frames the HTTP message and is set by the client itself; remove it.`,
      );
    }
    if (value === undefined || value === null) continue;
    if (typeof value !== "string") {
      throw new InvalidArgumentError(
        option,
        `\`${option}\`: the value of ${shown} must be a string, got a ${typeof value}.`,
      );
    }
    if (!FIELD_VALUE.test(value)) {
      throw new InvalidArgumentError(
        option,
        `\`${option}\`: the value of ${shown} holds a character HTTP does not allow (a line break, NUL, another control character, or one outside Latin-1).`,
      );
    }
    out[name] = value;
  }
  return out;
}
