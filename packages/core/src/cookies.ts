/**
 * One `Cookie` header for a request that carries a cookie credential. A caller's own cookies
 * (client-wide and per request) are kept, ahead of the credential's, rather than silently replaced;
 * a caller's cookie named like a credential cookie would send two values for it, and which one
 * the server reads is its choice, so that is refused before sending.
 */
import { InvalidArgumentError } from "./errors.js";

/** The values of every `cookie` header in `headers`, whatever the case of the name. */
export function cookieValues(headers: Readonly<Record<string, string>> | undefined): string[] {
  if (!headers) return [];
  return Object.entries(headers).flatMap(([name, value]) => (name.toLowerCase() === "cookie" ? [value] : []));
}

/** `headers` without its `cookie` headers. */
export function withoutCookies(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (name.toLowerCase() !== "cookie") out[name] = value;
  return out;
}

/**
 * The caller's cookie headers and the credential's pairs as one header value. Throws
 * `InvalidArgumentError` (naming the cookie, never its value) when a caller's cookie has the name
 * of a credential cookie.
 */
export function mergeCookies(
  callerCookies: readonly (string | undefined)[],
  credentialCookie: string,
  credentialNames: ReadonlySet<string>,
): string {
  const pairs: string[] = [];
  for (const header of callerCookies) {
    for (const pair of (header ?? "").split(";")) {
      const trimmed = pair.trim();
      if (trimmed === "") continue;
      const name = trimmed.split("=", 1)[0]?.trim() ?? "";
      if (credentialNames.has(name)) {
        throw new InvalidArgumentError(
          "headers",
          `The \`${name}\` cookie carries the client's credential; remove it from the Cookie header you pass.`,
        );
      }
      pairs.push(trimmed);
    }
  }
  pairs.push(credentialCookie);
  return pairs.join("; ");
}
