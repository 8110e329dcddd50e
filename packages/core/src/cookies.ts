/**
 * One `Cookie` header for a request that carries a cookie credential. A caller's own cookies
 * (client-wide and per request) are kept, ahead of the credential's, rather than silently replaced;
 * a caller's cookie named like a credential cookie would send two values for it, and which one
 * the server reads is its choice, so that is refused before sending.
 */
import { InvalidArgumentError } from "./errors.js";

/**
 * The caller's cookie headers and the credential's pairs as one header value. Throws
 * `InvalidArgumentError` (naming the cookie, never its value) when a caller's cookie has the name
 * of a credential cookie.
 */
export function mergeCookies(
  callerCookies: readonly (string | null | undefined)[],
  credentialCookie: string,
  credentialNames: ReadonlySet<string>,
): string {
  const pairs: string[] = [];
  for (const pair of callerCookies.join(";").split(";")) {
    const trimmed = pair.trim();
    const name = trimmed.split("=", 1)[0]?.trim() ?? "";
    if (credentialNames.has(name)) {
      throw new InvalidArgumentError("headers", `The \`${name}\` cookie carries the client's credential; remove it.`);
    }
    if (trimmed) pairs.push(trimmed);
  }
  return [...pairs, credentialCookie].join("; ");
}

/**
 * `headers` (the caller's) with `credential` (the operation's, holding `Cookie`) added, every
 * cookie of the caller's and `clientCookie` merged into that one `Cookie`.
 */
export function withCredentialCookie(
  headers: Readonly<Record<string, string>>,
  credential: Readonly<Record<string, string>>,
  clientCookie: string | undefined,
  credentialNames: ReadonlySet<string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  const cookies = [clientCookie];
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === "cookie") cookies.push(value);
    else out[name] = value;
  }
  return { ...out, ...credential, Cookie: mergeCookies(cookies, credential.Cookie ?? "", credentialNames) };
}
