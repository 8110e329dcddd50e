/**
 * What a caller may put in a server's `{variable}`. The spec's template decides where a request
 * goes; a value fills one slot of it and may not move the request anywhere else: not to another
 * scheme, not past the host (`attacker.example/` in `https://{tenant}.example.com` would make
 * `attacker.example` the host), not out of its path segment (`..`, `a/b`, `?`, `#`, `%2e%2e`).
 * One rule serves every slot: host-name characters and an optional `:port` (which, in the middle
 * of a host, makes the URL invalid and so is refused too). The spec's own default and `enum`
 * members are the document's word and are taken as written.
 */
import { InvalidArgumentError } from "./errors.js";

const SLOT_VALUE = /^[\w.~-]+(?::\d{1,5})?$/;

/** Throws `InvalidArgumentError` (naming the option, never echoing the value) for a value that could move the request. */
export function checkServerVariable(specName: string, option: string, value: string): void {
  if (SLOT_VALUE.test(value) && !/^\.+$/.test(value)) return;
  throw new InvalidArgumentError(
    option,
    `${specName}: \`${option}\` may hold only letters, digits, \`.\`, \`-\`, \`_\`, \`~\` and a \`:port\`: it must not change where the request goes.`,
  );
}
