/**
 * The request pipeline: one call = up to `1 + maxRetries` attempts through openapi-fetch, each
 * under its own timeout, with retry decisions from `retry.ts`. It returns the final HTTP response
 * (success or not) and throws only when no usable response could be had.
 *
 * Each attempt goes through four stages, and a failure is classified by the one it happened in:
 * building the request (a caller error, never sent), sending it (refused: not sent), waiting for and
 * reading the answer (sent, no answer), and decoding it (an answer that could not be read). Redirects
 * are never followed, and every body is read under `maxResponseBytes`.
 */

import type { Credentials } from "./auth.js";
import { fitsDeclaredLength, readBody } from "./body-reader.js";
import { type Cancellation, cancellationOf } from "./cancellation.js";
import type { ResolvedConfig } from "./config.js";
import { checkMaxRetries, checkTimeout } from "./config.js";
import { withCookies } from "./cookies.js";
import { parseBody } from "./decode.js";
import { PendingRequest, sendPending } from "./direct-fetch.js";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIResponseTooLargeError,
  APIResponseValidationError,
  APIUserAbortError,
  type FailureStage,
  InvalidArgumentError,
} from "./errors.js";
import { checkHeaderParams, checkHeaders, type HeadersInput } from "./headers.js";
import { refuseCredentialAsId } from "./id-guard.js";
import type { LeveledLogger } from "./logger.js";
import { type Client, createClient } from "./openapi-fetch.js";
import { Pacer, sleep } from "./pacer.js";
import { createRawClient, maskQueryCredentials } from "./raw-client.js";
import { repeatedTopLevelKey } from "./repeated-key.js";
import { type BodyEncoder, isPlainJson } from "./request-body.js";
import { responseMeta } from "./response-error.js";
import { type Backoff, type RetryVerdict, verdictForFailure, verdictForResponse } from "./retry.js";
import {
  BodyTooDeepError,
  MAX_BODY_DEPTH,
  maskCause,
  maskDeep,
  maskHeaderName,
  maskSecrets,
  redactHeaders,
  secretList,
} from "./secrets.js";
import type { ApiSpec, OperationSpec } from "./spec.js";

/** Options accepted by every request. */
export interface RequestOptions {
  /** Aborts the call (and any pending retry) with `APIUserAbortError`. */
  signal?: AbortSignal | undefined;
  /** Milliseconds per attempt, overriding the client's `timeout`. */
  timeout?: number | undefined;
  /** Extra headers for this request. `Authorization` cannot be overridden here. */
  headers?: HeadersInput | undefined;
  /** Overrides the client's `maxRetries` for this request. */
  maxRetries?: number | undefined;
}

/** What a call ended with: the last response and what the earlier attempts left uncertain. */
export interface CallOutcome {
  readonly response: Response;
  /**
   * JSON when it parsed, else text, `undefined` when empty. For an error status, secrets masked;
   * for a success, exactly what the API sent (mask it before putting it in an error or a log line).
   */
  readonly body: unknown;
  readonly attempts: number;
  /**
   * True when an earlier attempt may have been applied by the server without us seeing the
   * answer (connection lost after sending, timeout, or 5xx).
   */
  readonly outcomeUnknownBefore: boolean;
  /**
   * True when such an attempt most likely *was* performed (its answer was lost or a 5xx): a later
   * 404 then confirms the delete. False when the only uncertainty is a kept-alive connection the
   * server had closed before it could answer, which it most likely never read (see `staleConnection`).
   */
  readonly likelyAppliedBefore: boolean;
  /** A top-level key the JSON body of a success or a 404 holds twice: such a body decides nothing (see `repeated-key.ts`). */
  readonly repeatedKey?: string | undefined;
}

export interface CallInit extends RequestOptions {
  pathParams: Record<string, string | number>;
  /** The operation's query parameters; credentials that travel in the query are added here. */
  query?: Readonly<Record<string, unknown>> | undefined;
  /** The operation's header parameters; they override client-wide headers, never a credential. */
  header?: Readonly<Record<string, unknown>> | undefined;
  /** The request body, serialized as the operation's media type says (JSON by default). */
  body?: unknown;
  /** The operation's own server (spec `servers` on the path or operation), when no `baseUrl` overrides it. */
  operationServer?: string | undefined;
  /** Shared back-off for bulk operations; a private one is used otherwise. */
  pacer?: Pacer | undefined;
  /** Shared view of `signal` for bulk operations; takes the place of `signal` when given. */
  cancellation?: Cancellation | undefined;
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
  headers?: HeadersInput | undefined;
  logger: LeveledLogger;
  /** An operation's own server (path- or operation-level `servers`), unless an explicit `baseUrl` overrides it. */
  operationServer?: ((operation: OperationSpec) => string | undefined) | undefined;
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

/**
 * What openapi-fetch gets back once the transport has read the body itself: the status and headers
 * it looks at, and no body, so that it never reads one without the limit.
 */
function bodilessView(response: Response): Response {
  return {
    status: response.status,
    ok: response.ok,
    headers: response.headers,
    body: null,
    text: () => Promise.resolve(""),
  } as unknown as Response;
}

/** How far one attempt got, for classifying its failure. */
interface Exchange {
  stage: "building" | "sending" | "reading" | "read";
  response?: Response;
  text?: string;
  truncated?: boolean;
}

export class Transport {
  readonly raw: Client<object>;
  private readonly request: UntypedRequest;
  private readonly timeout: number;
  private readonly maxRetries: number;
  private readonly retryBackoff: Backoff;
  private readonly maxResponseBytes: number;
  private readonly logger: LeveledLogger;
  private readonly credentials: Credentials;
  /** Present when the document has a non-JSON body: the constructor refuses a spec without it. */
  private readonly encodeBody: BodyEncoder | undefined;
  private readonly customFetch: typeof globalThis.fetch | undefined;
  /** The client-wide `Cookie` header, if the caller gave one. */
  private readonly clientCookie: string | undefined;
  /** Masks the client's credentials in any text; the credentials live only in this closure. */
  readonly mask: (text: string) => string;
  /** Masks a header name, comparing without case (names arrive lower-cased). */
  readonly maskName: (name: string) => string;
  /** Masks every string, key and number of a decoded body; the identity when the client holds no credential. */
  readonly maskValue: (value: unknown) => unknown;
  private readonly masksNothing: boolean;
  /** Throws `InvalidArgumentError` when a path parameter is one of the client's credentials or looks like one. */
  readonly refuseCredentialAsId: (argument: string, value: unknown) => void;

  constructor(init: TransportInit, spec: ApiSpec) {
    const secrets = secretList(init.secrets);
    this.mask = (text) => maskSecrets(text, secrets);
    this.maskName = (name) => maskHeaderName(name, secrets);
    // A client without credentials has nothing to mask: bodies are not walked for it.
    this.maskValue = secrets.length === 0 ? (value) => value : (value) => maskDeep(value, secrets);
    this.masksNothing = secrets.length === 0;
    const credentialFacts = { secrets, prefixes: init.credentialPrefixes };
    this.refuseCredentialAsId = (argument, value) => refuseCredentialAsId(argument, value, credentialFacts);
    const { credentials } = init;
    this.credentials = credentials;
    this.encodeBody = spec.features?.encodeBody;
    for (const { body, operationId } of this.encodeBody ? [] : Object.values(spec.operations)) {
      if (body && !isPlainJson(body.contentType)) {
        throw new InvalidArgumentError("spec", `${spec.name}: ${operationId} needs \`spec.features.encodeBody\`.`);
      }
    }
    this.timeout = init.timeout;
    this.maxRetries = init.maxRetries;
    this.retryBackoff = init.retryBackoff;
    this.maxResponseBytes = init.maxResponseBytes;
    this.logger = init.logger;
    this.customFetch = init.fetch;
    const clientHeaders = checkHeaders(init.headers, "headers", this.maskName) ?? {};
    // Merged per call with the request's own cookies and any cookie credential, which would otherwise replace it.
    this.clientCookie = Object.entries(clientHeaders).find(([name]) => name.toLowerCase() === "cookie")?.[1];
    const options = {
      baseUrl: init.baseUrl,
      // Look the global up per call so test tools that patch it later (msw) still take effect.
      fetch: init.fetch ?? ((request: Request) => globalThis.fetch(request)),
      headers: withoutCredentialHeaders(clientHeaders, credentials.headerNames),
    };
    // The helpers' client never has middleware, so openapi-fetch skips that machinery and, with the
    // global fetch, the direct path of direct-fetch.ts applies. Middleware added to `raw` affects
    // `raw` calls only; the `fetch` option is the way to observe or alter the helpers' traffic.
    this.request = createClient<object>(options).request as unknown as UntypedRequest;
    // `raw` is for callers: it authenticates each request as its operation's security says.
    this.raw = createRawClient(options, spec, credentials, init.operationServer);
  }

  async call(operation: OperationSpec, init: CallInit): Promise<CallOutcome> {
    const method = operation.method.toUpperCase();
    const { path } = operation;
    const timeout = init.timeout === undefined ? this.timeout : checkTimeout(init.timeout);
    const maxRetries = checkMaxRetries(init.maxRetries, this.maxRetries);
    const checked = checkHeaders(init.headers, "headers", this.maskName);
    const params = checkHeaderParams(init.header, this.maskName);
    // Encoded once, before anything is sent: a body the documented media type cannot carry is the caller's error.
    const encoded =
      init.body === undefined || !operation.body ? undefined : this.encodeBody?.(operation.body.contentType, init.body);
    // Throws before anything is sent when the operation needs a credential the client lacks.
    const auth = this.credentials.forOperation(operation);
    // Cookies (client-wide, per request, a cookie credential) are merged into one header (cookies.ts);
    // any other credential header goes on top.
    const mergeCookies = auth.headers.Cookie !== undefined || this.clientCookie !== undefined;
    const callerHeaders = {
      ...(checked && withoutCredentialHeaders(checked, this.credentials.headerNames)),
      ...(params && withoutCredentialHeaders(params, this.credentials.headerNames)),
      ...(encoded?.contentType === undefined ? {} : { "Content-Type": encoded.contentType }),
      ...(mergeCookies ? undefined : auth.headers),
    };
    const headers = mergeCookies
      ? withCookies(callerHeaders, auth.headers, this.clientCookie, this.credentials.cookieNames)
      : callerHeaders;
    const query = { ...init.query, ...auth.query };
    // A call's own pacer only matters once a 429 has paused it, so it is made then; bulk runs share theirs.
    let pacer = init.pacer;
    const cancellation = init.cancellation ?? cancellationOf(init.signal);
    const logInfo = this.logger.isEnabled("info");
    // Whether any attempt so far may have been performed by the server without us seeing the answer.
    let outcomeUnknown = false;
    let likelyApplied = false;
    const abortError = (stage: FailureStage = "not-sent") =>
      new APIUserAbortError({ message: "Request was aborted by the caller.", method, path, outcomeUnknown, stage });

    for (let attempt = 0; ; attempt++) {
      if (cancellation?.aborted) throw abortError();
      // Awaiting only when paused keeps an unpaused call free of an extra turn of the event loop.
      if (pacer?.pausing) await pacer.wait(cancellation, abortError);
      const started = logInfo ? performance.now() : 0;
      const controller = new AbortController();
      const { signal } = controller;
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeout);
      const stopListening = cancellation?.onAbort(() => controller.abort());
      if (cancellation?.aborted) controller.abort();
      const exchange: Exchange = { stage: "building" };
      const limit = this.maxResponseBytes;
      const customFetch = this.customFetch;
      const abortConnection = () => controller.abort();
      const send = async (request: Request | PendingRequest): Promise<Response> => {
        exchange.stage = "sending";
        const response = customFetch
          ? checkedResponse(await customFetch(request as Request))
          : await sendPending(request as PendingRequest, signal);
        exchange.stage = "reading";
        exchange.response = response;
        // The common small answer is read in one call, without the streaming reader's extra await.
        if (response.body !== null && fitsDeclaredLength(response, limit)) {
          exchange.text = await response.text();
        } else {
          const read = await readBody(response, limit, abortConnection);
          exchange.text = read.text;
          exchange.truncated = read.truncated;
        }
        exchange.stage = "read";
        return bodilessView(response);
      };

      let delayMs: number;
      // Past `read` the answer is in hand: whatever fails after that is decoded (or refused) below.
      let failure: { error: unknown } | undefined;
      try {
        await this.request(method, path, {
          params: { path: init.pathParams, query },
          headers,
          ...(init.body === undefined ? {} : { body: init.body }),
          ...(encoded === undefined ? {} : { bodySerializer: () => encoded.value }),
          ...(init.operationServer === undefined ? {} : { baseUrl: init.operationServer }),
          parseAs: "stream",
          // A redirect would replay the delete (and client-wide headers) at another origin, whose
          // answer would then count as the API's: the helpers never follow one.
          redirect: "manual",
          fetch: send,
          // See direct-fetch.ts: with the global fetch and no middleware, one Request per attempt.
          ...(customFetch ? { signal } : { Request: PendingRequest }),
        });
      } catch (error) {
        if (exchange.stage !== "read") failure = { error };
      }
      clearTimeout(timer);
      stopListening?.();
      if (failure) {
        const { error } = failure;
        if (cancellation?.aborted) {
          this.logAttempt(method, path, "aborted", started, { retry: false, reason: "aborted by the caller" });
          const inFlight = exchange.stage !== "building";
          // An attempt in flight may have been received and performed by the server.
          if (inFlight) outcomeUnknown = true;
          throw abortError(inFlight ? "no-answer" : "not-sent");
        }
        if (error instanceof NotAResponseError) {
          // The caller's `fetch` is broken, not the network: the same call would fail the same way.
          this.logAttempt(method, path, "not a Response", started, { retry: false, reason: "fetch option is broken" });
          throw new APIConnectionError({ message: error.message, method, path, outcomeUnknown, stage: "not-sent" });
        }
        if (exchange.stage === "building") {
          // Nothing was sent, and the same input would fail the same way again: not retried.
          throw new InvalidArgumentError(
            "request",
            `The ${method} request could not be built (${this.mask(errorName(error))}); nothing was sent.`,
          );
        }
        const code = errorCode(error);
        const notSent = !timedOut && exchange.stage === "sending" && NOT_SENT.test(code);
        const kind = timedOut
          ? `timeout after ${timeout} ms`
          : `connection error (${this.mask(code.trim() || "unknown").slice(0, 300)})`;
        if (!notSent) outcomeUnknown = true;
        if (!notSent && (timedOut || !staleConnection(exchange.stage, error))) likelyApplied = true;
        const verdict = verdictForFailure(kind, attempt, maxRetries - attempt, this.retryBackoff);
        this.logAttempt(method, path, timedOut ? "timeout" : "connection error", started, verdict);
        if (!verdict.retry) {
          const ErrorClass = timedOut ? APIConnectionTimeoutError : APIConnectionError;
          throw new ErrorClass({
            message: timedOut ? `Request timed out after ${timeout} ms.` : `Connection error: ${kind}.`,
            method,
            path,
            // A copy with name, code and message masked: the original may hold the raw bytes a peer sent back.
            cause: timedOut ? undefined : maskCause(error, this.mask),
            outcomeUnknown,
            stage: notSent ? "not-sent" : "no-answer",
          });
        }
        delayMs = verdict.delayMs;
        if (delayMs > 0) await sleep(delayMs, cancellation, abortError);
        continue;
      }

      // `withResponse()` hands the response to callers: a query-string credential stays out of its `url`.
      const response = maskQueryCredentials(exchange.response as Response, this.credentials.queryNames);
      const decoded = this.decode(operation, method, response, exchange);
      if (decoded.error) {
        this.logAttempt(method, path, String(response.status), started, { retry: false, reason: decoded.reason });
        throw decoded.error;
      }
      const { body, repeatedKey } = decoded;
      const verdict = verdictForResponse(
        response.status,
        response.headers,
        attempt,
        maxRetries - attempt,
        this.retryBackoff,
      );
      this.logAttempt(method, path, String(response.status), started, verdict, response.headers);
      if (!verdict.retry) {
        return {
          response,
          body,
          attempts: attempt + 1,
          outcomeUnknownBefore: outcomeUnknown,
          likelyAppliedBefore: likelyApplied,
          repeatedKey,
        };
      }
      if (response.status >= 500) {
        outcomeUnknown = true;
        likelyApplied = true;
      }
      delayMs = verdict.delayMs;
      // A 429's delay goes through the pacer, so that in a bulk run every worker waits it out.
      if (response.status === 429) {
        pacer ??= new Pacer();
        pacer.pauseFor(delayMs);
        delayMs = 0;
      }
      if (delayMs > 0) await sleep(delayMs, cancellation, abortError);
    }
  }

  /**
   * The masked body of a response that arrived whole (or was cut at the limit). A success whose body
   * cannot be read is an error, with `outcomeUnknown` set: the server most likely acted, so it is
   * neither retried nor reported as done. An error status keeps its class; only its body is dropped.
   */
  private decode(
    operation: OperationSpec,
    method: string,
    response: Response,
    exchange: Exchange,
  ):
    | { body: unknown; repeatedKey?: string | undefined; error?: undefined }
    | { error: APIResponseValidationError; reason: string } {
    const unreadable = (problem: string, limit?: number) => {
      const init = {
        status: response.status,
        method,
        path: operation.path,
        ...responseMeta(response, this),
        outcomeUnknown: true,
        stage: "unreadable" as const,
        message: this.mask(`Unexpected ${response.status} response body: ${problem}.`),
      };
      return limit === undefined
        ? new APIResponseValidationError(init)
        : new APIResponseTooLargeError({ ...init, limit });
    };
    const limit = this.maxResponseBytes;
    if (exchange.truncated && response.ok) {
      const problem = `larger than the ${limit}-byte limit (maxResponseBytes), so reading stopped there`;
      return { error: unreadable(problem, limit), reason: "body over maxResponseBytes" };
    }
    try {
      const parsed = parseBody(exchange.text);
      // A success is the API's own data, handed over as it came; an error's body goes into the error, masked.
      const deciding = (value: unknown) =>
        (response.ok || response.status === 404) && value !== null && typeof value === "object";
      if (!response.ok && !this.masksNothing) {
        return {
          body: this.maskValue(parsed),
          repeatedKey: deciding(parsed) ? repeatedTopLevelKey(exchange.text) : undefined,
        };
      }
      // A hostile depth is refused all the same. Each level costs a character, so a short body cannot be too deep;
      // with no secret to find, the walk only checks the depth and copies nothing.
      if ((exchange.text?.length ?? 0) > MAX_BODY_DEPTH) maskDeep(parsed, []);
      return { body: parsed, repeatedKey: deciding(parsed) ? repeatedTopLevelKey(exchange.text) : undefined };
    } catch (error) {
      if (!response.ok) return { body: undefined };
      const problem = error instanceof BodyTooDeepError ? error.message : "it could not be decoded";
      return { error: unreadable(problem), reason: "body unreadable" };
    }
  }

  /** A log line per attempt. A logger that throws must not change the call's outcome: its errors are dropped. */
  private logAttempt(
    method: string,
    path: string,
    status: string,
    started: number,
    verdict: RetryVerdict,
    headers?: Headers,
  ): void {
    try {
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
        this.logger.debug(`${method} ${path} response headers`, redactHeaders(headers, this.mask, this.maskName));
      }
    } catch {
      // Logging is best effort.
    }
  }
}

/**
 * Whether an attempt failed on a kept-alive connection that the server closed before answering:
 * undici's "other side closed" before any response header, on a socket that had already read an
 * earlier response (`bytesRead > 0`, so it was reused). That is the server's idle timeout racing our
 * write; the server most likely never read the request. It cannot be proven (a server that crashed
 * after reading it looks the same), so the outcome stays unknown, but a later 404 is not taken as
 * confirming the delete. A reset without undici's socket details counts as an answer lost.
 */
function staleConnection(stage: Exchange["stage"], error: unknown): boolean {
  // fetch's TypeError wraps undici's SocketError, which carries the socket's byte counts.
  const cause = (error as { cause?: { code?: unknown; socket?: { bytesRead?: number } } } | undefined)?.cause;
  return stage === "sending" && cause?.code === "UND_ERR_SOCKET" && (cause.socket?.bytesRead ?? 0) > 0;
}

/** What a custom `fetch` resolved with when that was not a `Response`; see `checkedResponse`. */
class NotAResponseError extends Error {}

/**
 * A custom `fetch`'s result, when it is a `Response` (of this realm or another: anything with a
 * numeric `status`, `headers.get` and `text()` will do). Anything else is a programming error in the caller's
 * `fetch`, never a network failure: it is reported at once, and not retried.
 */
function checkedResponse(value: unknown): Response {
  const candidate = value as Partial<Response> | null | undefined;
  const responseLike =
    typeof candidate?.status === "number" &&
    typeof candidate.headers?.get === "function" &&
    typeof candidate.text === "function";
  if (value instanceof Response || responseLike) {
    return value as Response;
  }
  throw new NotAResponseError(
    "The `fetch` option resolved with something other than a Response: a bug in that function, so the call is not retried.",
  );
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
