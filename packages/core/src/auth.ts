/**
 * Credentials from the spec's security schemes: which constructor option (or env var) holds each,
 * how it is checked, and what each operation sends — headers, query parameters or a cookie — for
 * the first of its security alternatives the client has every credential for.
 *
 * A client may be built without credentials; an operation that needs one then fails before
 * sending, naming the option and the env var. The values live only in this module's closures.
 */
import { envReadable, readEnv } from "./env.js";
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
  /** Cookie names a credential travels in: a caller's `Cookie` header is merged with them (see cookies.ts). */
  readonly cookieNames: ReadonlySet<string>;
  /** Query parameter names a credential travels in: masked in any URL the SDK shows. */
  readonly queryNames: ReadonlySet<string>;
}

/**
 * The fewest characters a credential (without its scheme's prefix) may have. Every credential is
 * masked wherever it appears in an error, a log line or a recorded request; a shorter one would be
 * an everyday word (`token`, `test`), and masking it would rewrite the vendor's own messages, so
 * the client refuses it instead. A basic-auth user name that is shorter is an account name (`api`)
 * and is not masked.
 */
export const MIN_CREDENTIAL_LENGTH = 8;

/**
 * The forms a query-string credential takes on the wire: openapi-fetch percent-encodes it
 * (`encodeURIComponent`), `raw`'s URL API form-encodes it. A server may echo either.
 */
function queryForms(value: string): string[] {
  return [encodeURIComponent(value), new URLSearchParams({ k: value }).toString().slice(2)];
}

/** What a credential's characters must be, and how a refusal says so. */
interface CharacterRule {
  readonly pattern: RegExp;
  readonly description: string;
}

const TOKEN_CHARACTERS: CharacterRule = {
  pattern: /^[\x21-\x7e]+$/,
  description: "printable ASCII characters without spaces",
};
const USER_NAME_CHARACTERS: CharacterRule = {
  pattern: /^[\x20-\x39\x3b-\x7e]+$/,
  description: "printable ASCII characters without a colon",
};
const PASSWORD_CHARACTERS: CharacterRule = { pattern: /^[\x20-\x7e]+$/, description: "printable ASCII characters" };
/** RFC 6265 `cookie-octet`: visible ASCII except `"`, `,`, `;` and `\\`. */
const COOKIE_CHARACTERS: CharacterRule = {
  pattern: /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]+$/,
  description: "printable ASCII characters a cookie may hold (no spaces, quotes, commas, semicolons or backslashes)",
};

/**
 * The credential with the scheme's prefix exactly once, however many times (and in whatever case)
 * the caller already included it. The rest must follow `rule` and be at least `minLength` long.
 * Checked without ever echoing the value.
 */
export function credentialValue(
  spec: Pick<ApiSpec, "name">,
  scheme: Pick<SecuritySchemeSpec, "prefix">,
  option: string,
  value: unknown,
  rule: CharacterRule = TOKEN_CHARACTERS,
  minLength = MIN_CREDENTIAL_LENGTH,
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
  const afterPrefix = marker ? ` (after any \`${prefix.trim()}\` prefix)` : "";
  if (!rule.pattern.test(core)) {
    throw new InvalidArgumentError(
      option,
      `${spec.name}: \`${option}\` must be a string of ${rule.description}${afterPrefix}.`,
    );
  }
  if (core.length < minLength) {
    throw new InvalidArgumentError(
      option,
      `${spec.name}: \`${option}\` is too short to be a credential: it needs at least ${minLength} characters${afterPrefix}.`,
    );
  }
  return `${prefix}${core}`;
}

/**
 * Turns the values of a scheme's options (in `scheme.options` order, each given) into the value
 * sent, checked, plus any further form of it a server may echo (the caller's string as given, the
 * bare key, encodings): all of them are masked. The value with and without its prefix always is.
 */
export type CredentialEncoder = (
  spec: Pick<ApiSpec, "name">,
  scheme: SecuritySchemeSpec,
  values: readonly unknown[],
) => { readonly value: string; readonly forms: readonly string[] };

const firstOption = (scheme: SecuritySchemeSpec) => scheme.options[0]?.option ?? "";

/** bearer, oauth2, openIdConnect and apiKey in a header: the one kind every client carries. */
const headerCredential: CredentialEncoder = (spec, scheme, [given]) => ({
  value: credentialValue(spec, scheme, firstOption(scheme), given),
  forms: [String(given).trim()],
});

/** http basic: `user:password` in base64. */
export const basicCredential: CredentialEncoder = (spec, scheme, [given, password]) => {
  const user = credentialValue(spec, { prefix: "" }, firstOption(scheme), given, USER_NAME_CHARACTERS, 1);
  const pass = credentialValue(spec, { prefix: "" }, scheme.options[1]?.option ?? "", password, PASSWORD_CHARACTERS);
  // Some APIs take the key as the user name (and an empty or fixed password): mask it too.
  return {
    value: `${scheme.prefix}${btoa(`${user}:${pass}`)}`,
    forms: user.length >= MIN_CREDENTIAL_LENGTH ? [user, pass] : [pass],
  };
};

/** apiKey in the query string, masked in both encodings a URL may show it in. */
export const queryCredential: CredentialEncoder = (spec, scheme, values) => {
  const { value, forms } = headerCredential(spec, scheme, values);
  return { value, forms: [...forms, ...queryForms(value), ...queryForms(value.slice(scheme.prefix.length))] };
};

/** apiKey in a cookie, held to the characters a cookie value may have. */
export const cookieCredential: CredentialEncoder = (spec, scheme, [given]) => ({
  value: credentialValue(spec, scheme, firstOption(scheme), given, COOKIE_CHARACTERS),
  forms: [String(given).trim()],
});

/**
 * The encoder of `scheme`'s credential: built in for a header credential, else from `spec.features`
 * (which the generated spec fills for the kinds its document uses). A spec without it is refused.
 */
function credentialEncoder(spec: ApiSpec, scheme: SecuritySchemeSpec): CredentialEncoder {
  const feature =
    scheme.kind === "basic"
      ? "basicCredential"
      : scheme.in === "query"
        ? "queryCredential"
        : scheme.in === "cookie"
          ? "cookieCredential"
          : undefined;
  const encoder = feature ? spec.features?.[feature] : headerCredential;
  if (!encoder) throw new InvalidArgumentError("spec", `${spec.name}: \`spec.features.${feature}\` is missing.`);
  return encoder;
}

export function resolveCredentials(spec: ApiSpec, options: Readonly<Record<string, unknown>>): Credentials {
  const ready = new Map<string, SecuritySchemeSpec & { readonly value: string }>();
  const secrets: string[] = [];
  const headerNames = new Set<string>();
  const queryNames = new Set<string>();
  const cookieNames = new Set<string>();
  for (const [name, scheme] of Object.entries(spec.securitySchemes)) {
    if (scheme.in === "query") queryNames.add(scheme.name);
    else if (scheme.in === "cookie") cookieNames.add(scheme.name);
    else headerNames.add(scheme.name.toLowerCase());
    // Checked for every scheme, credential given or not: a client that cannot send one is refused at once.
    const encode = credentialEncoder(spec, scheme);
    const values = scheme.options.map(({ option, env }) => {
      const value = options[option];
      // An explicit empty string is a mistake (an unset variable of the caller's own, say), not a
      // request for the env var: falling back would send a credential the code never named.
      if (typeof value === "string" && value.trim() === "") {
        throw new InvalidArgumentError(
          option,
          `${spec.name}: \`${option}\` is empty. Pass the credential, or leave the option out to read ${env}.`,
        );
      }
      return value === undefined || value === null ? readEnv(env) : value;
    });
    if (values.includes(undefined)) continue;
    const { value, forms } = encode(spec, scheme, values);
    secrets.push(...forms, value, value.slice(scheme.prefix.length));
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
    cookieNames,
    forOperation(operation) {
      let applied = cache.get(operation);
      if (applied) return applied;
      const { security } = operation;
      // `[]` needs nothing. Otherwise the first alternative (AND of schemes) the caller gave every
      // credential for, and only without one the anonymous alternative `{}`: a caller who passed
      // a key means it to be sent.
      const names =
        security.length === 0
          ? []
          : (security.find((all) => all.length > 0 && all.every((name) => ready.has(name))) ??
            security.find((all) => all.length === 0));
      if (!names) {
        throw new InvalidArgumentError(
          spec.securitySchemes[security[0]?.[0] ?? ""]?.options[0]?.option ?? "credentials",
          `${spec.name}: missing credentials for ${operation.method.toUpperCase()} ${operation.path}. Pass ${security.map(describe).join(", or ")}.` +
            (envReadable()
              ? ""
              : " Environment variables are not readable in this runtime (no `process.env`: a Worker without `nodejs_compat`, a browser, Deno without `--allow-env`), so pass the option explicitly."),
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
