/**
 * Credentials from the spec's security schemes: which constructor option (or env var) holds each,
 * how it is checked, and what each operation sends — headers, query parameters or a cookie — for
 * the first of its security alternatives the client has every credential for.
 *
 * A client may be built without credentials; an operation that needs one then fails before
 * sending, naming the option and the env var. The values live only in this module's closures.
 */
import { readEnv } from "./env.js";
import { InvalidArgumentError } from "./errors.js";
import type { ApiSpec, OperationSpec, SecuritySchemeSpec } from "./spec.js";

/** What one call sends to authenticate. */
export interface AppliedAuth {
  readonly headers: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
}

export interface Credentials {
  /** What `operation` sends; throws `InvalidArgumentError` (nothing sent) when a needed credential is missing. */
  forOperation(operation: OperationSpec): AppliedAuth;
  /** Every form of every credential given, for masking in any text that leaves the SDK. */
  readonly secrets: readonly string[];
  /** Header names (lower case) a credential travels in: a caller's header may never replace them. */
  readonly headerNames: ReadonlySet<string>;
  /** Query parameter names a credential travels in: masked in any URL the SDK shows. */
  readonly queryNames: ReadonlySet<string>;
}

/**
 * The credential with the scheme's prefix exactly once, however many times (and in whatever case)
 * the caller already included it. The rest must be printable ASCII without spaces (for basic
 * auth's user name: without a colon; its password may hold spaces). Checked without ever echoing
 * the value.
 */
export function credentialValue(
  spec: Pick<ApiSpec, "name">,
  scheme: Pick<SecuritySchemeSpec, "prefix">,
  option: string,
  value: unknown,
  allowed = /^[\x21-\x7e]+$/,
): string {
  const { prefix } = scheme;
  const marker = prefix.trim().toLowerCase();
  // `Bearer ` is only a prefix when whitespace follows it: a token may itself start with "bearer".
  const separated = marker !== prefix.toLowerCase();
  let core = typeof value === "string" ? value.trim() : "";
  while (marker && core.slice(0, marker.length).toLowerCase() === marker) {
    const rest = core.slice(marker.length);
    if (separated && !/^\s/.test(rest)) break;
    core = rest.trimStart();
  }
  if (!allowed.test(core)) {
    throw new InvalidArgumentError(
      option,
      `${spec.name}: \`${option}\` must be a string of printable ASCII characters without spaces${marker ? ` (after any \`${prefix.trim()}\` prefix)` : ""}.`,
    );
  }
  return `${prefix}${core}`;
}

export function resolveCredentials(spec: ApiSpec, options: Readonly<Record<string, unknown>>): Credentials {
  const ready = new Map<string, SecuritySchemeSpec & { readonly value: string }>();
  const secrets: string[] = [];
  const headerNames = new Set<string>();
  const queryNames = new Set<string>();
  for (const [name, scheme] of Object.entries(spec.securitySchemes)) {
    if (scheme.in === "query") queryNames.add(scheme.name);
    else headerNames.add(scheme.in === "cookie" ? "cookie" : scheme.name.toLowerCase());
    const values = scheme.options.map(({ option, env }) => {
      const value = options[option];
      return value === undefined || value === null || value === "" ? readEnv(env) : value;
    });
    if (values.includes(undefined)) continue;
    const [first, password] = values;
    const option = scheme.options[0]?.option ?? "";
    let value: string;
    if (scheme.kind === "basic") {
      const user = credentialValue(spec, { prefix: "" }, option, first, /^[\x20-\x39\x3b-\x7e]+$/);
      const pass = credentialValue(spec, { prefix: "" }, scheme.options[1]?.option ?? "", password, /^[\x20-\x7e]+$/);
      value = `${scheme.prefix}${btoa(`${user}:${pass}`)}`;
      secrets.push(pass);
    } else {
      value = credentialValue(spec, scheme, option, first);
      // Mask the value sent, the string as given, and the bare key: a server may echo any of them.
      secrets.push(String(first).trim());
    }
    secrets.push(value, value.slice(scheme.prefix.length));
    ready.set(name, { ...scheme, value });
  }

  const cache = new WeakMap<OperationSpec, AppliedAuth>();
  const describe = (names: readonly string[]) =>
    names
      .flatMap((name) => spec.securitySchemes[name]?.options ?? [])
      .map((o) => `the \`${o.option}\` option or the ${o.env} environment variable`)
      .join(" and ");

  return {
    // Longest first, so the full header value is masked whole rather than around its bare key.
    secrets: [...new Set(secrets)].sort((a, b) => b.length - a.length),
    headerNames,
    queryNames,
    forOperation(operation) {
      let applied = cache.get(operation);
      if (applied) return applied;
      const { security } = operation;
      // `[]` needs nothing; otherwise the first alternative (AND of schemes) that is complete.
      const names = security.length === 0 ? [] : security.find((all) => all.every((name) => ready.has(name)));
      if (!names) {
        throw new InvalidArgumentError(
          spec.securitySchemes[security[0]?.[0] ?? ""]?.options[0]?.option ?? "credentials",
          `${spec.name}: missing credentials for ${operation.method.toUpperCase()} ${operation.path}. Pass ${security.map(describe).join(", or ")}.`,
        );
      }
      const headers: Record<string, string> = {};
      const query: Record<string, string> = {};
      const cookies: string[] = [];
      for (const name of names) {
        const scheme = ready.get(name) as SecuritySchemeSpec & { value: string };
        if (scheme.in === "header") headers[scheme.name] = scheme.value;
        else if (scheme.in === "query") query[scheme.name] = scheme.value;
        else cookies.push(`${scheme.name}=${scheme.value}`);
      }
      if (cookies.length > 0) headers.Cookie = cookies.join("; ");
      applied = { headers, query };
      cache.set(operation, applied);
      return applied;
    },
  };
}
