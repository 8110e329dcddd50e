/**
 * Keeping credentials out of every string the SDK produces. A credential lives only inside a
 * closure (never as an enumerable property), and any text that crosses the SDK's boundary
 * (error messages, bodies, header names and values, log lines, error causes) is masked first.
 *
 * Everything here runs in time linear in the size of its input: a hostile body full of echoed
 * credentials must not be able to stall the event loop.
 */

const MASK = "***";

/** Headers whose values are always hidden in logs and recorded requests. */
export const SENSITIVE_HEADERS: ReadonlySet<string> = new Set([
  "authorization",
  "proxy-authorization",
  "api-key",
  "x-api-key",
  "cookie",
  "set-cookie",
]);

/**
 * A decoded body nested deeper than this is not walked (a recursive walk would overflow the stack on
 * a hostile 10 000-level document); the caller treats such a body as unreadable.
 */
export const MAX_BODY_DEPTH = 64;

/** Thrown by `maskDeep` for a body nested deeper than `MAX_BODY_DEPTH`. */
export class BodyTooDeepError extends Error {
  override name = "BodyTooDeepError";
}

/**
 * Replaces every occurrence of each secret with `***`. Every non-empty secret is masked, however
 * short: the client either masks a credential or does not accept it, it never lets one through.
 * Longer secrets go first, so that a secret containing a shorter one is masked whole.
 */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret !== "" && out.includes(secret)) out = out.split(secret).join(MASK);
  }
  return out;
}

/** Secrets ordered longest first, duplicates and empties dropped: the order `maskSecrets` needs. */
export function secretList(secrets: readonly string[]): readonly string[] {
  return [...new Set(secrets.filter((secret) => secret !== ""))].sort((a, b) => b.length - a.length);
}

/** Masks a header name: names arrive lower-cased, so the secrets are compared lower-cased too. */
export function maskHeaderName(name: string, secrets: readonly string[]): string {
  return maskSecrets(
    name.toLowerCase(),
    secrets.map((secret) => secret.toLowerCase()),
  );
}

/**
 * A decoded body with secrets masked in every string, object keys included, and in every number
 * whose digits hold a secret (a numeric token echoed as a JSON number). Only the parts that hold a
 * secret are copied; anything else is returned as it is, so the common case (a body without any
 * credential in it) costs a walk and no allocation. Each node is visited once: linear time.
 */
export function maskDeep(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === "string") return maskSecrets(value, secrets);
  if (typeof value === "number") return maskNumber(value, secrets);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_BODY_DEPTH) throw new BodyTooDeepError(`body nested deeper than ${MAX_BODY_DEPTH} levels`);
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      const masked = maskDeep(item, secrets, depth + 1);
      if (masked !== item && out === undefined) out = value.slice(0, index);
      out?.push(masked);
    }
    return out ?? value;
  }
  const entries = Object.entries(value);
  let out: [string, unknown][] | undefined;
  for (let index = 0; index < entries.length; index++) {
    const [key, item] = entries[index] as [string, unknown];
    const maskedKey = maskSecrets(key, secrets);
    const masked = maskDeep(item, secrets, depth + 1);
    if ((masked !== item || maskedKey !== key) && out === undefined) out = entries.slice(0, index);
    out?.push([maskedKey, masked]);
  }
  // fromEntries defines own properties, so a JSON key `__proto__` stays a plain key.
  return out === undefined ? value : Object.fromEntries(out);
}

function maskNumber(value: number, secrets: readonly string[]): unknown {
  const digits = String(value);
  for (const secret of secrets) {
    if (digits.includes(secret)) return maskSecrets(digits, secrets);
  }
  return value;
}

/** Keeps only a well-known scheme prefix (`Bearer `, `Basic `, `key-`) so logs still show the format. */
export function redactHeaderValue(value: string): string {
  const scheme = /^(Bearer |Basic |key-)/i.exec(value);
  return `${scheme?.[1] ?? ""}${MASK}`;
}

/** Headers that hold a URL whose query (signed links, tokens) must not be printed. */
const URL_HEADERS: ReadonlySet<string> = new Set(["location", "content-location", "refresh"]);

/** A URL header value without its query and fragment. */
function withoutQuery(value: string): string {
  return value.replace(/[?#].*$/s, "");
}

/**
 * A header map safe to print: sensitive values become `***`, URLs lose their query, `mask` (the
 * client's credential masker) runs over the rest, and `maskName` over every name, since a server may echo a credential
 * in any part of any header.
 */
export function redactHeaders(
  headers: Headers | Record<string, string>,
  mask: (text: string) => string = (text) => text,
  maskName: (name: string) => string = (name) => mask(name.toLowerCase()),
): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers);
  for (const [name, value] of entries) {
    const lower = name.toLowerCase();
    const shown = URL_HEADERS.has(lower) ? withoutQuery(value) : value;
    out[maskName(lower)] = SENSITIVE_HEADERS.has(lower) ? redactHeaderValue(value) : mask(shown);
  }
  return out;
}

/** The fields of an error worth keeping in a cause chain; everything else (undici's `data`: raw bytes) is dropped. */
export class MaskedCause extends Error {
  readonly code: string | undefined;
  constructor(name: string, message: string, code: string | undefined, cause: MaskedCause | undefined) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = name;
    this.code = code;
    // The stack of the original would repeat its message unmasked; this one names only the error.
    this.stack = `${name}: ${message}`;
  }
}

const MAX_CAUSE_DEPTH = 4;
const MAX_CAUSE_MESSAGE = 300;

/**
 * A copy of an error's cause chain that is safe to print: name, code and message only, each masked
 * and clipped. Parser errors carry the bytes a peer sent back (a reflected request holds the
 * `Authorization` header), so the original chain must never reach the caller.
 */
export function maskCause(error: unknown, mask: (text: string) => string, depth = 0): MaskedCause | undefined {
  if (error === null || error === undefined || depth >= MAX_CAUSE_DEPTH) return undefined;
  const record = typeof error === "object" ? (error as { name?: unknown; message?: unknown; code?: unknown }) : {};
  // Masked before clipping, so that a cut never leaves half a secret behind.
  const text = (value: unknown) => mask(String(value ?? "")).slice(0, MAX_CAUSE_MESSAGE);
  const name = typeof record.name === "string" ? text(record.name) : "Error";
  const message = typeof error === "object" ? text(record.message) : text(error);
  const code = typeof record.code === "string" || typeof record.code === "number" ? text(record.code) : undefined;
  const inner = typeof error === "object" ? (error as { cause?: unknown }).cause : undefined;
  return new MaskedCause(name, message, code, maskCause(inner, mask, depth + 1));
}
