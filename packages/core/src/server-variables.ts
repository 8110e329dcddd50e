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
import type { ApiSpec, ServerSpec } from "./spec.js";

/** A server's URL with its `{variables}` filled in: `ApiSpec.features.serverVariables`. */
export type ServerVariablesFiller = (
  spec: Pick<ApiSpec, "name">,
  server: ServerSpec,
  options: Readonly<Record<string, unknown>>,
) => string;

const SLOT_VALUE = /^[\w.~-]+(?::\d{1,5})?$/;

/** Throws `InvalidArgumentError` (naming the option, never echoing the value) for a value that could move the request. */
export function checkServerVariable(specName: string, option: string, value: string): void {
  if (SLOT_VALUE.test(value) && !/^\.+$/.test(value)) return;
  throw new InvalidArgumentError(
    option,
    `${specName}: \`${option}\` may hold only letters, digits, \`.\`, \`-\`, \`_\`, \`~\` and a \`:port\`: it must not change where the request goes.`,
  );
}

/**
 * Fills each `{variable}` of `server.url` from the client option that sets it (the variable's
 * `option`, else its name) or its default. Only documents whose servers have variables need it
 * (the generated spec imports it then), so that other clients do not bundle it.
 */
export const serverVariables: ServerVariablesFiller = (spec, server, options) => {
  const variables = server.variables ?? {};
  return server.url.replace(/\{([^}]+)\}/g, (placeholder, name: string) => {
    const variable = variables[name];
    if (!variable) return placeholder;
    const option = variable.option ?? name;
    const value = options[option] ?? variable.default;
    if (typeof value !== "string" || (variable.enum && !variable.enum.includes(value))) {
      const allowed = variable.enum ? ` one of ${variable.enum.join(", ")}` : " a string";
      throw new InvalidArgumentError(option, `${spec.name}: \`${option}\` must be${allowed}.`);
    }
    if (value !== variable.default && !variable.enum) checkServerVariable(spec.name, option, value);
    return encodeURI(value);
  });
};
