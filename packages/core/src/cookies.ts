/**
 * One `Cookie` header per request. A caller's own cookies (client-wide and per request) are kept,
 * the client-wide ones first and any cookie credential's last, rather than one replacing another;
 * a caller's cookie named like a credential cookie would send two values for it, and which one
 * the server reads is its choice, so that is refused before sending.
 */
import { InvalidArgumentError } from "./errors.js";

/**
 * The caller's cookie headers and the credential's pairs as one header value (`undefined` when
 * there is none). Throws `InvalidArgumentError` (naming the cookie, never its value) when a
 * caller's cookie has the name of a credential cookie.
 */
export function mergeCookies(
  callerCookies: readonly (string | null | undefined)[],
  credentialCookie: string | undefined,
  credentialNames: ReadonlySet<string>,
): string | undefined {
  const pairs: string[] = [];
  for (const pair of callerCookies.join(";").split(";")) {
    const trimmed = pair.trim();
    const name = trimmed.split("=", 1)[0]?.trim() ?? "";
    if (credentialCookie !== undefined && credentialNames.has(name)) {
      throw new InvalidArgumentError("headers", `The \`${name}\` cookie carries the client's credential; remove it.`);
    }
    if (trimmed) pairs.push(trimmed);
  }
  if (credentialCookie !== undefined) pairs.push(credentialCookie);
  return pairs.length > 0 ? pairs.join("; ") : undefined;
}

/**
 * `headers` (the caller's) with `credential` (the operation's) added, and every cookie of the
 * caller's, `clientCookie` (the client-wide one) first, merged with the credential's into one `Cookie`.
 */
export function withCookies(
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
  const cookie = mergeCookies(cookies, credential.Cookie, credentialNames);
  return { ...out, ...credential, ...(cookie === undefined ? {} : { Cookie: cookie }) };
}
