/**
 * Turns what the caller passed (or left to the environment) into a checked configuration.
 * Everything here runs in the constructor, so bad input fails before any request exists.
 */
import { checkMaxResponseBytes } from "./body-limit.js";
import { InvalidArgumentError } from "./errors.js";
import type { HeadersInput } from "./headers.js";
import { isLogLevel, LOG_LEVELS, type Logger, type LogLevel } from "./logger.js";
import type { ApiSpec } from "./spec.js";

/** Options every client accepts. */
export interface ClientOptions {
  /** Overrides the server (and region) from the spec. */
  baseUrl?: string | undefined;
  /** A `fetch` implementation; defaults to the global one, looked up at call time. */
  fetch?: typeof globalThis.fetch | undefined;
  /** Extra headers sent with every request: an object, a `Headers` instance, or `[name, value]` pairs. Checked at construction. */
  headers?: HeadersInput | undefined;
  /** Milliseconds one attempt (headers and body) may take. Default 60 000. */
  timeout?: number | undefined;
  /** Retries after the first attempt. Default 2; 0 turns retries off. */
  maxRetries?: number | undefined;
  /**
   * Most bytes of a response body read, counted after decompression. Default 65 536. A success
   * with a longer body is an `APIResponseTooLargeError`; an error body is cut at the limit.
   */
  maxResponseBytes?: number | undefined;
  /** Permits sending credentials over plain `http:` to a host that is not loopback. */
  allowInsecureHttp?: boolean | undefined;
  /** Default `warn`; the vendor's `<VENDOR>_LOG` env var overrides it. */
  logLevel?: LogLevel | undefined;
  /** Where log lines go. Default `console`. */
  logger?: Logger | undefined;
}

/** The few facts that differ between vendors beyond what their spec says. */
export interface VendorDefinition {
  /** Product name used in messages, e.g. `Archil`. */
  readonly name: string;
  readonly spec: ApiSpec;
  /** The constructor option and env var that carry the credential. */
  readonly credential: { readonly option: string; readonly env: string };
  readonly baseUrlEnv?: string;
  readonly regionEnv?: string;
  readonly logLevelEnv: string;
}

export interface ResolvedConfig {
  baseUrl: string;
  /** The full header value, e.g. `key-abc…`. Held only in closures downstream. */
  authorization: string;
  /** The credential as given, for masking in any text that leaves the SDK. */
  secrets: readonly string[];
  /** Prefixes that mark a string as a credential of this scheme (e.g. `key-`): never valid as an id. */
  credentialPrefixes: readonly string[];
  timeout: number;
  maxRetries: number;
  maxResponseBytes: number;
  logLevel: LogLevel;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RETRIES = 2;
const MAX_RETRIES_LIMIT = 10;

/**
 * Reads an env var where there is a `process` (Node, Bun, Deno's compat layer); `undefined` in browsers.
 * Deno without `--allow-env` throws on any read: that too counts as unset, so a client configured
 * entirely through options needs no env permission.
 */
export function readEnv(name: string | undefined): string | undefined {
  if (!name) return undefined;
  try {
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
    const value = env?.[name]?.trim();
    return value ? value : undefined;
  } catch {
    return undefined;
  }
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * The header value with the scheme's prefix exactly once, however many times (and in whatever case)
 * the caller already included it. The rest must be header-safe: printable ASCII without spaces.
 * Checked without ever echoing the value.
 */
export function authorizationValue(vendor: VendorDefinition, value: unknown): string {
  const { option, env } = vendor.credential;
  if (value === undefined || value === null || value === "") {
    throw new InvalidArgumentError(
      option,
      `${vendor.name}: missing credentials. Pass the \`${option}\` option or set the ${env} environment variable.`,
    );
  }
  const invalid = () =>
    new InvalidArgumentError(
      option,
      `${vendor.name}: \`${option}\` must be a string of printable ASCII characters without spaces (after any \`${vendor.spec.security.prefix.trim()}\` prefix).`,
    );
  if (typeof value !== "string") throw invalid();
  const { prefix } = vendor.spec.security;
  const scheme = prefix.trim().toLowerCase();
  let core = value.trim();
  while (scheme && core.slice(0, scheme.length).toLowerCase() === scheme) {
    core = core.slice(scheme.length).trimStart();
  }
  if (!/^[\x21-\x7e]+$/.test(core)) throw invalid();
  return `${prefix}${core}`;
}

function resolveBaseUrl(vendor: VendorDefinition, baseUrl: string | undefined, region: string | undefined): string {
  const chosen = baseUrl ?? readEnv(vendor.baseUrlEnv);
  if (chosen !== undefined) return chosen;
  const { servers } = vendor.spec;
  const wanted = region ?? readEnv(vendor.regionEnv);
  if (wanted === undefined) return servers[0]?.url ?? "";
  const server = servers.find((s) => s.region === wanted);
  if (!server) {
    const valid = servers.flatMap((s) => (s.region ? [s.region] : []));
    throw new InvalidArgumentError(
      "region",
      `${vendor.name}: unknown region "${String(wanted)}". Valid regions: ${valid.join(", ") || "(none)"}.`,
    );
  }
  return server.url;
}

/** A URL as it may appear in a message: anything between `//` and `@` (a user and password) replaced. */
function withoutUserinfo(raw: string): string {
  return raw.replace(/\/\/[^/?#]*@/, "//***@");
}

function checkBaseUrl(vendor: VendorDefinition, raw: string, allowInsecureHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidArgumentError(
      "baseUrl",
      `${vendor.name}: baseUrl "${withoutUserinfo(raw)}" is not an absolute URL.`,
    );
  }
  if (/[?#]/.test(raw)) {
    // openapi-fetch would drop them silently, sending the request somewhere the caller did not write.
    throw new InvalidArgumentError("baseUrl", `${vendor.name}: baseUrl must not have a ?query or #fragment.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new InvalidArgumentError("baseUrl", `${vendor.name}: baseUrl must use http: or https:, got ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new InvalidArgumentError("baseUrl", `${vendor.name}: baseUrl must not embed credentials.`);
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname) && !allowInsecureHttp) {
    throw new InvalidArgumentError(
      "baseUrl",
      `${vendor.name}: refusing to send credentials over plain http to ${url.host}. ` +
        "Use https, a loopback address, or pass `allowInsecureHttp: true`.",
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** Timers clamp anything above 2³¹−1 ms to 1 ms, which would turn a generous timeout into an instant one. */
const MAX_TIMEOUT_MS = 2_147_483_647;

export function checkTimeout(value: number | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_MS;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || value > MAX_TIMEOUT_MS) {
    throw new InvalidArgumentError(
      "timeout",
      `\`timeout\` must be a positive number of milliseconds, at most ${MAX_TIMEOUT_MS} (about 24.8 days).`,
    );
  }
  return value;
}

export function checkMaxRetries(value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0 || value > MAX_RETRIES_LIMIT) {
    throw new InvalidArgumentError("maxRetries", `\`maxRetries\` must be an integer from 0 to ${MAX_RETRIES_LIMIT}.`);
  }
  return value;
}

function resolveLogLevel(vendor: VendorDefinition, option: LogLevel | undefined): LogLevel {
  const fromEnv = readEnv(vendor.logLevelEnv)?.toLowerCase();
  const level = fromEnv ?? option ?? "warn";
  if (!isLogLevel(level)) {
    const source = fromEnv ? vendor.logLevelEnv : "logLevel";
    throw new InvalidArgumentError("logLevel", `${source} must be one of ${LOG_LEVELS.join("|")}.`);
  }
  return level;
}

export interface VendorClientOptions extends ClientOptions {
  credential?: string | undefined;
  region?: string | undefined;
}

export function resolveConfig(vendor: VendorDefinition, options: VendorClientOptions): ResolvedConfig {
  const credential = options.credential ?? readEnv(vendor.credential.env);
  const authorization = authorizationValue(vendor, credential);
  const baseUrl = checkBaseUrl(
    vendor,
    resolveBaseUrl(vendor, options.baseUrl, options.region),
    options.allowInsecureHttp === true,
  );
  const { prefix } = vendor.spec.security;
  return {
    baseUrl,
    authorization,
    // Mask the header value, the string as given, and the bare key: a server may echo any of them.
    secrets: [authorization, String(credential).trim(), authorization.slice(prefix.length)],
    credentialPrefixes: prefix.trim() ? [prefix] : [],
    timeout: checkTimeout(options.timeout),
    maxRetries: checkMaxRetries(options.maxRetries, DEFAULT_MAX_RETRIES),
    maxResponseBytes: checkMaxResponseBytes(options.maxResponseBytes),
    logLevel: resolveLogLevel(vendor, options.logLevel),
  };
}
