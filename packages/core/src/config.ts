/**
 * Turns what the caller passed (or left to the environment) into a checked configuration.
 * Everything here runs in the constructor, so bad input fails before any request exists.
 */
import { type Credentials, resolveCredentials } from "./auth.js";
import { checkMaxResponseBytes } from "./body-limit.js";
import { readEnv } from "./env.js";
import { InvalidArgumentError } from "./errors.js";
import type { HeadersInput } from "./headers.js";
import { isLogLevel, LOG_LEVELS, type Logger, type LogLevel } from "./logger.js";
import { type Backoff, DEFAULT_BACKOFF } from "./retry.js";
import type { ApiSpec, OperationSpec, ServerSpec } from "./spec.js";

export { readEnv };

/** Options every client accepts. */
export interface ClientOptions {
  /**
   * Overrides every server in the spec (document-, path- and operation-level), and the region.
   * Default: the server `region` or a server variable picks, then the `<VENDOR>_BASE_URL` env var,
   * then the spec's first server.
   */
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
   * The pause before each retry, before jitter: `initialDelayMs` · 2ⁿ, capped at `maxDelayMs`.
   * Default 500 ms and 8 000 ms. Tests can set `{ initialDelayMs: 0 }` so a retried call costs no
   * real time and needs no timer to fire (which is what lets it run under fake timers). A
   * server's `Retry-After` is still honoured.
   */
  retryBackoff?: { initialDelayMs?: number | undefined; maxDelayMs?: number | undefined } | undefined;
  /**
   * Most bytes of a response body read, counted after decompression. Default 65 536. A success
   * with a longer body is an `APIResponseTooLargeError`; an error body is cut at the limit.
   */
  maxResponseBytes?: number | undefined;
  /** Permits sending credentials over plain `http:` to a host that is not loopback. */
  allowInsecureHttp?: boolean | undefined;
  /** Default `warn`; the vendor's `<VENDOR>_LOG` env var overrides it (an unknown value there warns once and is ignored). */
  logLevel?: LogLevel | undefined;
  /**
   * Where log lines go. Default `console`. Any subset of the four methods will do (a level without
   * one is dropped); what a method throws or rejects with is ignored.
   */
  logger?: Partial<Logger> | undefined;
}

export interface ResolvedConfig {
  /** The server every helper uses unless its operation names its own (and no `baseUrl` was given). */
  baseUrl: string;
  /** Whether `baseUrl` came from the caller (option or env var): it then overrides every server in the spec. */
  baseUrlExplicit: boolean;
  credentials: Credentials;
  /** Every credential as given and as sent, for masking in any text that leaves the SDK. */
  secrets: readonly string[];
  /** Prefixes that mark a string as a credential of one of the schemes (e.g. `key-`): never valid as an id. */
  credentialPrefixes: readonly string[];
  timeout: number;
  maxRetries: number;
  retryBackoff: Backoff;
  maxResponseBytes: number;
  logLevel: LogLevel;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RETRIES = 2;
const MAX_RETRIES_LIMIT = 10;

/**
 * Where plain `http:` may carry credentials without `allowInsecureHttp`: `localhost`, `127.0.0.0/8`
 * and `::1`, nothing else. A `*.localhost` name is loopback only if the resolver says so, and not
 * every one does.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(host);
}

/**
 * The URL a list of servers points at: the first one (or the one for `region`), with its
 * `{variables}` filled in from the options or their defaults.
 */
function serverUrl(
  spec: ApiSpec,
  servers: readonly ServerSpec[],
  options: VendorClientOptions,
  byRegion = true,
): string | undefined {
  let server = servers[0];
  const regions = servers.flatMap((s) => (s.region ? [s.region] : []));
  // Without region-named servers, `region` is free to be a server variable's option.
  const wanted = byRegion && regions.length > 0 ? (options.region ?? readEnv(`${spec.env}_REGION`)) : undefined;
  if (wanted !== undefined) {
    server = servers.find((s) => s.region === wanted);
    if (!server) {
      throw new InvalidArgumentError(
        "region",
        `${spec.name}: unknown region "${String(wanted)}". Valid regions: ${regions.join(", ") || "(none)"}.`,
      );
    }
  }
  if (!server) return undefined;
  // Present whenever a server has variables: `resolveConfig` refused the spec otherwise.
  const fill = spec.features?.serverVariables;
  return server.variables && fill ? fill(spec, server, options) : server.url;
}

function isAbsolute(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url);
}

/** Whether the code itself picked one of the spec's servers: a `region` or a server variable's option. */
function serverChosenInCode(spec: ApiSpec, options: VendorClientOptions): boolean {
  if (options.region !== undefined) return true;
  return spec.servers.some((server) =>
    Object.entries(server.variables ?? {}).some(([name, variable]) => options[variable.option ?? name] !== undefined),
  );
}

/**
 * Precedence, highest first: the `baseUrl` option; a server the code picked (`region`, a server
 * variable); the `<VENDOR>_BASE_URL` env var; `<VENDOR>_REGION`; the spec's first server. What the
 * code says always beats what the environment says, so a leftover variable cannot redirect a
 * client that names its server.
 */
function resolveBaseUrl(spec: ApiSpec, options: VendorClientOptions): { url: string; explicit: boolean } {
  if (options.baseUrl !== undefined) return { url: options.baseUrl, explicit: true };
  const fromEnv = serverChosenInCode(spec, options) ? undefined : readEnv(`${spec.env}_BASE_URL`);
  if (fromEnv !== undefined) return { url: fromEnv, explicit: true };
  const url = serverUrl(spec, spec.servers, options);
  if (url === undefined) {
    throw new InvalidArgumentError(
      "baseUrl",
      `${spec.name}: the spec lists no servers, so \`baseUrl\` is required. Pass it or set ${spec.env}_BASE_URL.`,
    );
  }
  if (!isAbsolute(url)) {
    throw new InvalidArgumentError(
      "baseUrl",
      `${spec.name}: the spec's server "${url}" is relative to wherever the document is served, so \`baseUrl\` is required ` +
        `(the absolute URL of that server). Pass it or set ${spec.env}_BASE_URL.`,
    );
  }
  return { url, explicit: false };
}

/** A URL as it may appear in a message: anything between `//` and `@` (a user and password) replaced. */
function withoutUserinfo(raw: string): string {
  return raw.replace(/\/\/[^/?#]*@/, "//***@");
}

function checkBaseUrl(spec: ApiSpec, raw: string, allowInsecureHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidArgumentError(
      "baseUrl",
      `${spec.name}: baseUrl "${withoutUserinfo(raw)}" is not an absolute URL.`,
    );
  }
  if (/[?#]/.test(raw)) {
    // openapi-fetch would drop them silently, sending the request somewhere the caller did not write.
    throw new InvalidArgumentError("baseUrl", `${spec.name}: baseUrl must not have a ?query or #fragment.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new InvalidArgumentError("baseUrl", `${spec.name}: baseUrl must use http: or https:, got ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new InvalidArgumentError("baseUrl", `${spec.name}: baseUrl must not embed credentials.`);
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname) && !allowInsecureHttp) {
    throw new InvalidArgumentError(
      "baseUrl",
      `${spec.name}: refusing to send credentials over plain http to ${url.host}. ` +
        "Use https, a loopback address, or pass `allowInsecureHttp: true`.",
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/**
 * The server of an operation that declares its own (path- or operation-level `servers`), checked
 * like the client's; `undefined` when it has none or the caller's `baseUrl` overrides it. A
 * relative one resolves against the client's server.
 */
export function operationBaseUrl(
  spec: ApiSpec,
  operation: OperationSpec,
  config: Pick<ResolvedConfig, "baseUrl" | "baseUrlExplicit">,
  options: VendorClientOptions,
): string | undefined {
  if (config.baseUrlExplicit || !operation.servers) return undefined;
  const url = serverUrl(spec, operation.servers, options, false);
  if (url === undefined) return undefined;
  const absolute = isAbsolute(url) ? url : new URL(url, `${config.baseUrl}/`).href;
  return checkBaseUrl(spec, absolute, options.allowInsecureHttp === true);
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

const MAX_BACKOFF_LIMIT_MS = 60_000;

/** `retryBackoff`, filled in from the defaults and checked before any request. */
export function checkRetryBackoff(value: ClientOptions["retryBackoff"]): Backoff {
  if (value === undefined) return DEFAULT_BACKOFF;
  if (value === null || typeof value !== "object") {
    throw new InvalidArgumentError(
      "retryBackoff",
      "`retryBackoff` must be an object `{ initialDelayMs, maxDelayMs }`.",
    );
  }
  const pick = (name: "initialDelayMs" | "maxDelayMs", fallback: number): number => {
    const ms = value[name] ?? fallback;
    if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0 || ms > MAX_BACKOFF_LIMIT_MS) {
      throw new InvalidArgumentError(
        "retryBackoff",
        `\`retryBackoff.${name}\` must be a number of milliseconds from 0 to ${MAX_BACKOFF_LIMIT_MS}.`,
      );
    }
    return ms;
  };
  const initialDelayMs = pick("initialDelayMs", DEFAULT_BACKOFF.initialDelayMs);
  const maxDelayMs = pick("maxDelayMs", Math.max(DEFAULT_BACKOFF.maxDelayMs, initialDelayMs));
  if (initialDelayMs > maxDelayMs) {
    throw new InvalidArgumentError("retryBackoff", "`retryBackoff.initialDelayMs` must not exceed `maxDelayMs`.");
  }
  return { initialDelayMs, maxDelayMs };
}

/** Unknown env log levels already warned about, so a process making many clients warns once. */
const warnedLogEnv = new Set<string>();

function warnOnce(key: string, message: string, logger: Partial<Logger> | undefined): void {
  if (warnedLogEnv.has(key)) return;
  warnedLogEnv.add(key);
  try {
    const sink = logger ? logger.warn?.bind(logger) : console.warn;
    const pending: unknown = sink?.(message);
    if (pending instanceof Promise) pending.catch(() => undefined);
  } catch {
    // A logger that throws must not stop the client being made.
  }
}

/**
 * The `<VENDOR>_LOG` env var overrides the option (turning on debug output needs no code change).
 * An unknown value there is the environment's typo, not the code's: it warns once and is ignored.
 * An unknown `logLevel` option is the code's mistake and throws.
 */
function resolveLogLevel(spec: ApiSpec, option: LogLevel | undefined, logger: Partial<Logger> | undefined): LogLevel {
  if (option !== undefined && !isLogLevel(option)) {
    throw new InvalidArgumentError("logLevel", `\`logLevel\` must be one of ${LOG_LEVELS.join("|")}.`);
  }
  const variable = `${spec.env}_LOG`;
  const fromEnv = readEnv(variable)?.toLowerCase();
  if (fromEnv !== undefined && isLogLevel(fromEnv)) return fromEnv;
  const fallback = option ?? "warn";
  if (fromEnv !== undefined) {
    warnOnce(
      `${variable}=${fromEnv}`,
      `${spec.name}: ignoring ${variable}="${fromEnv}", not one of ${LOG_LEVELS.join("|")}; logging at "${fallback}".`,
      logger,
    );
  }
  return fallback;
}

/**
 * What a vendor client's constructor passes on: the common options, plus the ones its spec
 * implies (credentials by option name, `region`, server variables), typed by the vendor's
 * generated `SpecOptions`.
 */
export interface VendorClientOptions extends ClientOptions {
  region?: string | undefined;
  readonly [specOption: string]: unknown;
}

export function resolveConfig(spec: ApiSpec, options: VendorClientOptions): ResolvedConfig {
  const servers = [spec.servers, ...Object.values(spec.operations).map((operation) => operation.servers ?? [])];
  if (!spec.features?.serverVariables && servers.flat().some((server) => server.variables)) {
    throw new InvalidArgumentError("spec", `${spec.name}: \`spec.features.serverVariables\` is missing.`);
  }
  const credentials = resolveCredentials(spec, options);
  const { url, explicit } = resolveBaseUrl(spec, options);
  return {
    baseUrl: checkBaseUrl(spec, url, options.allowInsecureHttp === true),
    baseUrlExplicit: explicit,
    credentials,
    secrets: credentials.secrets,
    credentialPrefixes: Object.values(spec.securitySchemes).flatMap(({ prefix }) => (prefix.trim() ? [prefix] : [])),
    timeout: checkTimeout(options.timeout),
    maxRetries: checkMaxRetries(options.maxRetries, DEFAULT_MAX_RETRIES),
    retryBackoff: checkRetryBackoff(options.retryBackoff),
    maxResponseBytes: checkMaxResponseBytes(options.maxResponseBytes),
    logLevel: resolveLogLevel(spec, options.logLevel, options.logger),
  };
}
