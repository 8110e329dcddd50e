/**
 * Keeping credentials out of every string the SDK produces. A credential lives only inside a
 * closure (never as an enumerable property), and any text that crosses the SDK's boundary
 * (error messages, bodies, log lines) is passed through `maskSecrets` first.
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

/** Replaces every occurrence of each secret (and of its prefix-free core) with `***`. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    // Short strings would mask innocent text ("a", "key-"); real credentials are far longer.
    if (secret.length >= 6 && out.includes(secret)) out = out.split(secret).join(MASK);
  }
  return out;
}

/**
 * A decoded body with secrets masked in every string, object keys included. Only the parts that
 * hold a secret are copied; anything else is returned as it is, so the common case (a body without
 * any credential in it) costs a walk and no allocation.
 */
export function maskDeep(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") return maskSecrets(value, secrets);
  if (Array.isArray(value)) {
    const masked = value.map((item) => maskDeep(item, secrets));
    return masked.some((item, index) => item !== value[index]) ? masked : value;
  }
  if (value && typeof value === "object") {
    let out: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      const maskedKey = maskSecrets(key, secrets);
      const masked = maskDeep(item, secrets);
      if (masked === item && maskedKey === key) continue;
      out = { ...(out ?? value) };
      if (maskedKey !== key) delete out[key];
      // Spread and computed keys define own properties, so a JSON key `__proto__` stays one.
      out = { ...out, [maskedKey]: masked };
    }
    return out ?? value;
  }
  return value;
}

/** Keeps only a well-known scheme prefix (`Bearer `, `Basic `, `key-`) so logs still show the format. */
export function redactHeaderValue(value: string): string {
  const scheme = /^(Bearer |Basic |key-)/i.exec(value);
  return `${scheme?.[1] ?? ""}${MASK}`;
}

/**
 * A header map safe to print: sensitive values become `***`, and `mask` (the client's credential
 * masker) runs over the rest, since a server may echo a credential in any header.
 */
export function redactHeaders(
  headers: Headers | Record<string, string>,
  mask: (text: string) => string = (text) => text,
): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers);
  for (const [name, value] of entries) {
    const lower = name.toLowerCase();
    out[lower] = SENSITIVE_HEADERS.has(lower) ? redactHeaderValue(value) : mask(value);
  }
  return out;
}
