/**
 * One error class per failure a caller may want to tell apart, after openai-node's hierarchy.
 * Every error is safe to log: none ever holds a credential or a request header.
 */

export type ResponseHeaders = Readonly<Record<string, string>>;

/** Base class of every error this SDK throws. */
export class SDKError extends Error {
  override name = "SDKError";
}

/** Input the SDK refused before sending anything: a bad id, a missing credential, an unknown region. */
export class InvalidArgumentError extends SDKError {
  override name = "InvalidArgumentError";
  /** The option or parameter that was refused, e.g. `id` or `apiKey`. */
  readonly argument: string;
  constructor(argument: string, message: string) {
    super(message);
    this.argument = argument;
  }
}

export interface APIErrorInit {
  status?: number | undefined;
  message: string;
  body?: unknown;
  headers?: ResponseHeaders | undefined;
  requestId?: string | undefined;
  method: string;
  path: string;
  cause?: unknown;
  /** See `APIError.outcomeUnknown`. Default false. */
  outcomeUnknown?: boolean | undefined;
}

/** A request reached the wire and did not succeed. `message` is the vendor's own message when it sent one. */
export class APIError extends SDKError {
  override name = "APIError";
  /** HTTP status; `undefined` when no response arrived. */
  readonly status: number | undefined;
  /** The decoded response body (JSON when it parsed, else text), secrets masked. */
  readonly body: unknown;
  readonly headers: ResponseHeaders | undefined;
  readonly requestId: string | undefined;
  /** Upper-case HTTP method. */
  readonly method: string;
  /** The templated path from the spec, e.g. `/api/tokens/{id}`: ids are never echoed here. */
  readonly path: string;
  /**
   * True when the server may have performed the request even though the call failed: an attempt's
   * answer was lost (connection dropped after sending, timeout, abort in flight) or was a 5xx, and
   * no later attempt settled it. For a delete, the resource may already be gone. False means the
   * server certainly did not act on any attempt.
   */
  readonly outcomeUnknown: boolean;

  constructor(init: APIErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.body = init.body;
    this.headers = init.headers;
    this.requestId = init.requestId;
    this.method = init.method;
    this.path = init.path;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      method: this.method,
      path: this.path,
      outcomeUnknown: this.outcomeUnknown,
      requestId: this.requestId,
      body: this.body,
    };
  }
}

export class BadRequestError extends APIError {
  override name = "BadRequestError";
}
export class AuthenticationError extends APIError {
  override name = "AuthenticationError";
}
export class PermissionDeniedError extends APIError {
  override name = "PermissionDeniedError";
}
export class NotFoundError extends APIError {
  override name = "NotFoundError";
}
export class ConflictError extends APIError {
  override name = "ConflictError";
}
export class UnprocessableEntityError extends APIError {
  override name = "UnprocessableEntityError";
}
export class RateLimitError extends APIError {
  override name = "RateLimitError";
  /** Seconds the server asked us to wait (`retry-after-ms` / `Retry-After`), when it said. */
  readonly retryAfter: number | undefined;
  constructor(init: APIErrorInit & { retryAfter?: number | undefined }) {
    super(init);
    this.retryAfter = init.retryAfter;
  }
}
export class InternalServerError extends APIError {
  override name = "InternalServerError";
}

/** The server answered with a success status but a body that does not match the spec. */
export class APIResponseValidationError extends APIError {
  override name = "APIResponseValidationError";
}

/** No usable response: DNS, refused or reset connection, TLS. */
export class APIConnectionError extends APIError {
  override name = "APIConnectionError";
}
/** The attempt (headers and body) took longer than `timeout`. */
export class APIConnectionTimeoutError extends APIConnectionError {
  override name = "APIConnectionTimeoutError";
}
/** The caller's `signal` aborted the request. Never retried. */
export class APIUserAbortError extends APIError {
  override name = "APIUserAbortError";
}

type StatusErrorClass = new (init: APIErrorInit) => APIError;

const CLASS_BY_STATUS: Readonly<Record<number, StatusErrorClass>> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** The most specific class for an HTTP status. */
export function errorClassForStatus(status: number): StatusErrorClass {
  if (status >= 500) return InternalServerError;
  return CLASS_BY_STATUS[status] ?? APIError;
}
