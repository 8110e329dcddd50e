/**
 * The request pipeline: one call = up to `1 + maxRetries` attempts through openapi-fetch, each
 * under its own timeout, with retry decisions from `retry.ts`. It returns the final HTTP response
 * (success or not) and throws only when no response could be had.
 */

import type { Credentials } from "./auth.js";
import type { ResolvedConfig } from "./config.js";
import { checkMaxRetries, checkTimeout } from "./config.js";
import { parseBody } from "./decode.js";
import { PendingRequest, sendPending } from "./direct-fetch.js";
import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError } from "./errors.js";
import type { LeveledLogger } from "./logger.js";
import { type Client, createClient } from "./openapi-fetch.js";
import { Pacer, sleep } from "./pacer.js";
import { createRawClient, maskQueryCredentials } from "./raw-client.js";
import { type RetryVerdict, verdictForFailure, verdictForResponse } from "./retry.js";
import { maskDeep, maskSecrets, redactHeaders } from "./secrets.js";
import type { ApiSpec, OperationSpec } from "./spec.js";

/** Options accepted by every request. */
export interface RequestOptions {
  /** Aborts the call (and any pending retry) with `APIUserAbortError`. */
  signal?: AbortSignal | undefined;
  /** Milliseconds per attempt, overriding the client's `timeout`. */
  timeout?: number | undefined;
  /** Extra headers for this request. `Authorization` cannot be overridden here. */
  headers?: Record<string, string> | undefined;
  /** Overrides the client's `maxRetries` for this request. */
  maxRetries?: number | undefined;
}

/** What a call ended with: the last response and what the earlier attempts left uncertain. */
export interface CallOutcome {
  readonly response: Response;
  /** JSON when it parsed, else text, `undefined` when empty. Secrets masked. */
  readonly body: unknown;
  readonly attempts: number;
  /**
   * True when an earlier attempt may have been applied by the server without us seeing the
   * answer (connection lost after sending, timeout, or 5xx).
   */
  readonly outcomeUnknownBefore: boolean;
}

export interface CallInit extends RequestOptions {
  pathParams: Record<string, string | number>;
  /** The operation's query parameters; credentials that travel in the query are added here. */
  query?: Readonly<Record<string, unknown>> | undefined;
  /** The request body, serialized as the operation's media type says (JSON by default). */
  body?: unknown;
  /** The operation's own server (spec `servers` on the path or operation), when no `baseUrl` overrides it. */
  operationServer?: string | undefined;
  /** Shared back-off for bulk operations; a private one is used otherwise. */
  pacer?: Pacer | undefined;
}

type UntypedRequest = (
  method: string,
  path: string,
  init: Record<string, unknown>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** Error codes that prove the request never reached the server, so it cannot have been applied. */
const NOT_SENT = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ConnectionRefused|UND_ERR_CONNECT_TIMEOUT/;

function errorCode(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 4; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    parts.push(String(code ?? ""), String(message ?? ""));
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join(" ");
}

export interface TransportInit extends ResolvedConfig {
  fetch?: typeof globalThis.fetch | undefined;
  headers?: Record<string, string> | undefined;
  logger: LeveledLogger;
}

/** A caller's headers without those a credential travels in: they can never replace the client's credential. */
export function withoutCredentialHeaders(
  headers: Record<string, string>,
  credentialHeaders: ReadonlySet<string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!credentialHeaders.has(name.toLowerCase())) out[name] = value;
  }
  return out;
}

export class Transport {
  readonly raw: Client<object>;
  private readonly request: UntypedRequest;
  private readonly timeout: number;
  private readonly maxRetries: number;
  private readonly logger: LeveledLogger;
  private readonly credentials: Credentials;
  /** Set when the caller passed `fetch`: it is always handed a real `Request`. */
  private readonly customFetch: boolean;
  /** Masks the client's credentials in any text; the credentials live only in this closure. */
  readonly mask: (text: string) => string;
  readonly maskValue: (value: unknown) => unknown;

  constructor(init: TransportInit, spec: ApiSpec) {
    const { secrets } = init;
    this.mask = (text) => maskSecrets(text, secrets);
    this.maskValue = (value) => maskDeep(value, secrets);
    const { credentials } = init;
    this.credentials = credentials;
    this.timeout = init.timeout;
    this.maxRetries = init.maxRetries;
    this.logger = init.logger;
    const customFetch = init.fetch;
    this.customFetch = customFetch !== undefined;
    const options = {
      baseUrl: init.baseUrl,
      // Look the global up per call so test tools that patch it later (msw) still take effect.
      fetch: customFetch ?? ((request: Request) => globalThis.fetch(request)),
      headers: withoutCredentialHeaders(init.headers ?? {}, credentials.headerNames),
    };
    // The helpers' client never has middleware, so openapi-fetch skips that machinery and, with the
    // global fetch, the direct path of direct-fetch.ts applies. Middleware added to `raw` affects
    // `raw` calls only; the `fetch` option is the way to observe or alter the helpers' traffic.
    this.request = createClient<object>(options).request as unknown as UntypedRequest;
    // `raw` is for callers: it authenticates each request as its operation's security says.
    this.raw = createRawClient(options, spec, credentials);
  }

  async call(operation: OperationSpec, init: CallInit): Promise<CallOutcome> {
    const method = operation.method.toUpperCase();
    const { path } = operation;
    const timeout = init.timeout === undefined ? this.timeout : checkTimeout(init.timeout);
    const maxRetries = checkMaxRetries(init.maxRetries, this.maxRetries);
    // Throws before anything is sent when the operation needs a credential the client lacks.
    const auth = this.credentials.forOperation(operation);
    const headers = {
      ...(init.headers && withoutCredentialHeaders(init.headers, this.credentials.headerNames)),
      ...auth.headers,
    };
    const query = { ...init.query, ...auth.query };
    // A call's own pacer only matters once a 429 has paused it, so it is made then; bulk runs share theirs.
    let pacer = init.pacer;
    const userSignal = init.signal;
    const logInfo = this.logger.isEnabled("info");
    // Whether any attempt so far may have been performed by the server without us seeing the answer.
    let outcomeUnknown = false;
    const abortError = () =>
      new APIUserAbortError({ message: "Request was aborted by the caller.", method, path, outcomeUnknown });

    for (let attempt = 0; ; attempt++) {
      if (userSignal?.aborted) throw abortError();
      // Awaiting only when paused keeps an unpaused call free of an extra turn of the event loop.
      if (pacer?.pausing) await pacer.wait(userSignal, abortError);
      const started = logInfo ? performance.now() : 0;
      const controller = new AbortController();
      const { signal } = controller;
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeout);
      const onUserAbort = () => controller.abort();
      userSignal?.addEventListener("abort", onUserAbort, { once: true });
      if (userSignal?.aborted) controller.abort();

      let delayMs: number;
      try {
        const {
          data,
          error,
          response: received,
        } = await this.request(method, path, {
          params: { path: init.pathParams, query },
          headers,
          ...(init.body === undefined ? {} : { body: init.body }),
          ...(init.operationServer === undefined ? {} : { baseUrl: init.operationServer }),
          parseAs: "text",
          // See direct-fetch.ts: with the global fetch and no middleware, one Request per attempt.
          ...(this.customFetch
            ? { signal }
            : { Request: PendingRequest, fetch: (pending: PendingRequest) => sendPending(pending, signal) }),
        });
        // `withResponse()` hands the response to callers: a query-string credential stays out of its `url`.
        const response = maskQueryCredentials(received, this.credentials.queryNames);
        // openapi-fetch hands error bodies over already JSON-parsed when it could; text otherwise.
        const decoded =
          response.ok || typeof error === "string" ? parseBody((response.ok ? data : error) as string) : error;
        const body = this.maskValue(decoded);
        const verdict = verdictForResponse(response.status, response.headers, attempt, maxRetries - attempt);
        this.logAttempt(method, path, String(response.status), started, verdict, response.headers);
        if (!verdict.retry) {
          return { response, body, attempts: attempt + 1, outcomeUnknownBefore: outcomeUnknown };
        }
        if (response.status >= 500) outcomeUnknown = true;
        delayMs = verdict.delayMs;
        // A 429's delay goes through the pacer, so that in a bulk run every worker waits it out.
        if (response.status === 429) {
          pacer ??= new Pacer();
          pacer.pauseFor(delayMs);
          delayMs = 0;
        }
      } catch (error) {
        if (userSignal?.aborted) {
          this.logAttempt(method, path, "aborted", started, { retry: false, reason: "aborted by the caller" });
          // The attempt was in flight: the server may have received and performed it.
          outcomeUnknown = true;
          throw abortError();
        }
        const code = errorCode(error);
        const notSent = !timedOut && NOT_SENT.test(code);
        const kind = timedOut
          ? `timeout after ${timeout} ms`
          : `connection error (${this.mask(code.trim() || "unknown")})`;
        if (!notSent) outcomeUnknown = true;
        const verdict = verdictForFailure(kind, attempt, maxRetries - attempt);
        this.logAttempt(method, path, timedOut ? "timeout" : "connection error", started, verdict);
        if (!verdict.retry) {
          const ErrorClass = timedOut ? APIConnectionTimeoutError : APIConnectionError;
          throw new ErrorClass({
            message: timedOut ? `Request timed out after ${timeout} ms.` : `Connection error: ${kind}.`,
            method,
            path,
            cause: timedOut ? undefined : error,
            outcomeUnknown,
          });
        }
        delayMs = verdict.delayMs;
      } finally {
        clearTimeout(timer);
        userSignal?.removeEventListener("abort", onUserAbort);
      }
      if (delayMs > 0) await sleep(delayMs, userSignal, abortError);
    }
  }

  private logAttempt(
    method: string,
    path: string,
    status: string,
    started: number,
    verdict: RetryVerdict,
    headers?: Headers,
  ): void {
    if (this.logger.isEnabled("info")) {
      const ms = Math.round(performance.now() - started);
      const next = verdict.retry
        ? `; retrying in ${Math.round(verdict.delayMs)} ms (${verdict.reason})`
        : verdict.reason
          ? `; not retrying (${verdict.reason})`
          : "";
      this.logger.info(`${method} ${path} → ${status} in ${ms} ms${next}`);
    }
    // Redacting walks every header: done only when someone will read the result.
    if (headers && this.logger.isEnabled("debug")) {
      this.logger.debug(`${method} ${path} response headers`, redactHeaders(headers, this.mask));
    }
  }
}
