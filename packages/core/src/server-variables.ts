/**
 * What a caller may put in a server's `{variable}`. The spec's template decides where a request
 * goes; a value fills one slot of it and may not move the request anywhere else: not to another
 * scheme, not past the host (`attacker.example/` in `https://{tenant}.example.com` would make
 * `attacker.example` the host), not out of its path segment (`..`, `a/b`, `?`, `#`, `%2e%2e`).
 * The spec's own default and `enum` members are the document's word and are taken as written.
 */
import { InvalidArgumentError } from "./errors.js";

type Slot = "scheme" | "authority" | "path";

/** Which part of the URL template the placeholder at `offset` sits in. */
function slotOf(template: string, offset: number): Slot {
  const schemeEnd = template.indexOf("://");
  if (schemeEnd < 0) return "path";
  if (offset < schemeEnd) return "scheme";
  const rest = template.slice(schemeEnd + 3).search(/[/?#]/);
  const authorityEnd = rest < 0 ? template.length : schemeEnd + 3 + rest;
  return offset < authorityEnd ? "authority" : "path";
}

const ALLOWED: Readonly<Record<Slot, { pattern: RegExp; description: string }>> = {
  scheme: { pattern: /^[a-z][a-z0-9+.-]*$/i, description: "a URL scheme" },
  // Host-name characters and an optional `:port`: no `/ ? # @ \ [ ] %`, which would end or replace the host.
  authority: { pattern: /^[a-z0-9._~-]+(?::\d{1,5})?$/i, description: "letters, digits, `.`, `-`, `_` or `~`" },
  // One path segment's characters, without `/`, `\`, `?`, `#` or `%`.
  path: { pattern: /^[a-z0-9._~!$&'()*+,;=:@-]+$/i, description: "one path segment (no `/`, `?`, `#` or `%`)" },
};

/**
 * Throws `InvalidArgumentError` (naming the option, never echoing the value) when a caller's value
 * for the placeholder at `offset` of `template` could change where the request goes.
 */
export function checkServerVariable(
  specName: string,
  option: string,
  template: string,
  offset: number,
  value: string,
): void {
  const slot = slotOf(template, offset);
  const { pattern, description } = ALLOWED[slot];
  if (pattern.test(value) && !/^\.+$/.test(value)) return;
  throw new InvalidArgumentError(
    option,
    `${specName}: \`${option}\` fills the ${slot === "authority" ? "host" : slot} of the server URL and must be ${description}; ` +
      "a value that changes where the request goes is refused before anything is sent.",
  );
}
