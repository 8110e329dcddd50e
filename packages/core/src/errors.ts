/**
 * One error class per failure a caller may want to tell apart, after openai-node's hierarchy.
 * Every error is safe to log: none ever holds a credential or a request header.
 *
 * `instanceof` works across copies of this package (an app that loads both the ESM and the CJS
 * build gets two of each class): every class carries a `Symbol.for` brand, and `Symbol.hasInstance`
 * compares brands along the value's prototype chain when the ordinary check fails.
 */

export type ResponseHeaders = Readonly<Record<string, string>>;

/** Names of the errors that describe an HTTP exchange, so that a `switch (error.name)` narrows. */
export type APIErrorName =
  | "APIError"
  | "BadRequestError"
  | "AuthenticationError"
  | "PermissionDeniedError"
  | "NotFoundError"
  | "ConflictError"
  | "UnprocessableEntityError"
  | "RateLimitError"
  | "InternalServerError"
  | "APIResponseValidationError"
  | "APIResponseTooLargeError"
  | "APIConnectionError"
  | "APIConnectionTimeoutError"
  | "APIUserAbortError";

export type SDKErrorName = "SDKError" | "InvalidArgumentError" | APIErrorName;

/**
 * Where a failed call ended, which decides what it may have done on the server:
 * - `not-sent`: no byte of the request left (connection refused, unknown host, aborted before sending);
 * - `no-answer`: the request was (or may have been) sent and no response came (dropped, reset, timed out, aborted in flight);
 * - `unreadable`: a response came but its body could not be read (over the size limit, too deeply nested, not what the spec says);
 * - `answered`: a complete response that says the call failed (a 4xx, a 5xx, a redirect, a success body reporting failure).
 *
 * A request that could not even be built (a caller error) never gets this far: it is an `InvalidArgumentError`.
 */
export type FailureStage = "not-sent" | "no-answer" | "unreadable" | "answered";

const BRAND: unique symbol = Symbol.for("@sdkforge/core.errorClass") as never;

type Branded = { [BRAND]?: string };

function hasOwnBrand(value: unknown): value is Branded {
  return typeof value === "function" && Object.hasOwn(value, BRAND);
}

/** `instanceof` by brand: any class of any copy of this package whose brand matches counts. */
function isInstance(Class: abstract new (...args: never[]) => unknown, value: unknown): boolean {
  if (Function.prototype[Symbol.hasInstance].call(Class, value)) return true;
  if (!hasOwnBrand(Class) || value === null || typeof value !== "object") return false;
  const wanted = Class[BRAND];
  for (let proto = Object.getPrototypeOf(value); proto !== null; proto = Object.getPrototypeOf(proto)) {
    const owner: unknown = Object.hasOwn(proto, "constructor") ? proto.constructor : undefined;
    if (hasOwnBrand(owner) && owner[BRAND] === wanted) return true;
  }
  return false;
}

function brand(Class: abstract new (...args: never[]) => unknown, name: SDKErrorName): void {
  Object.defineProperty(Class, BRAND, { value: name });
}

/** Base class of every error this SDK throws. */
export class SDKError extends Error {
  override name: SDKErrorName = "SDKError";

  /** `Error`'s own `message` is not enumerable: without this, `JSON.stringify` would print `{}`. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message };
  }
}

// Defined on the class object rather than declared in its body: `instanceof` behaves the same, and
// the published declarations stay free of a computed member that API reports cannot render.
// Subclasses inherit it as a static, and `this` is the class on the right of `instanceof`.
Object.defineProperty(SDKError, Symbol.hasInstance, {
  value(this: abstract new (...args: never[]) => unknown, value: unknown): boolean {
    return isInstance(this, value);
  },
});

/** Input the SDK refused before sending anything: a bad id, a missing credential, an unknown region, a bad header. */
export class InvalidArgumentError extends SDKError {
  override name = "InvalidArgumentError" as const;
  /** The option or parameter that was refused, e.g. `id` or `apiKey`. */
  readonly argument: string;
  constructor(argument: string, message: string) {
    super(message);
    this.argument = argument;
  }

  override toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, argument: this.argument };
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
  /** See `APIError.stage`. Default `answered` when there is a status, `no-answer` otherwise. */
  stage?: FailureStage | undefined;
  /** See `APIError.documented`. Default true. */
  documented?: boolean | undefined;
}

/** A request reached the wire and did not succeed. `message` is the vendor's own message when it sent one. */
export class APIError extends SDKError {
  override name: APIErrorName = "APIError";
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
   * answer was lost (connection dropped after sending, timeout, abort in flight), was a 5xx, or was a
   * success whose body could not be read, and no later attempt settled it. For a delete, the
   * resource may already be gone. False means the server certainly did not act on any attempt.
   */
  readonly outcomeUnknown: boolean;
  /** Where the call failed; see `FailureStage`. */
  readonly stage: FailureStage;
  /**
   * False when the answer is provably not one the API's document describes for this operation: a
   * success status it does not document, or a 404 that is not the API's own "not found" (a gateway's,
   * a proxy's, a wrong `baseUrl`'s). Such an answer says nothing about the resource.
   */
  readonly documented: boolean;

  constructor(init: APIErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.body = init.body;
    this.headers = init.headers;
    this.requestId = init.requestId;
    this.method = init.method;
    this.path = init.path;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
    this.stage = init.stage ?? (init.status === undefined ? "no-answer" : "answered");
    this.documented = init.documented ?? true;
  }

  override toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      method: this.method,
      path: this.path,
      outcomeUnknown: this.outcomeUnknown,
      stage: this.stage,
      documented: this.documented,
      requestId: this.requestId,
      body: this.body,
    };
  }
}

export class BadRequestError extends APIError {
  override name = "BadRequestError" as const;
  declare readonly status: 400;
}
export class AuthenticationError extends APIError {
  override name = "AuthenticationError" as const;
  declare readonly status: 401;
}
export class PermissionDeniedError extends APIError {
  override name = "PermissionDeniedError" as const;
  declare readonly status: 403;
}
export class NotFoundError extends APIError {
  override name = "NotFoundError" as const;
  declare readonly status: 404;
}
export class ConflictError extends APIError {
  override name = "ConflictError" as const;
  declare readonly status: 409;
}
export class UnprocessableEntityError extends APIError {
  override name = "UnprocessableEntityError" as const;
  declare readonly status: 422;
}
export class RateLimitError extends APIError {
  override name = "RateLimitError" as const;
  declare readonly status: 429;
  /** Seconds the server asked us to wait (`retry-after-ms` / `Retry-After`), when it said. */
  readonly retryAfter: number | undefined;
  constructor(init: APIErrorInit & { retryAfter?: number | undefined }) {
    super(init);
    this.retryAfter = init.retryAfter;
  }
}
export class InternalServerError extends APIError {
  override name = "InternalServerError" as const;
  declare readonly status: number;
}

/** The server answered with a success status but a body that does not match the spec. */
export class APIResponseValidationError extends APIError {
  override name: "APIResponseValidationError" | "APIResponseTooLargeError" = "APIResponseValidationError";
  declare readonly status: number;
}

/**
 * A response body was larger than the client's `maxResponseBytes` (counted after decompression).
 * Reading stopped at the limit and the connection was closed. Thrown for a success status only:
 * the server most likely acted, so `outcomeUnknown` is true and the call is not retried.
 */
export class APIResponseTooLargeError extends APIResponseValidationError {
  override name = "APIResponseTooLargeError" as const;
  /** The limit that was exceeded, in bytes. */
  readonly limit: number;
  constructor(init: APIErrorInit & { limit: number }) {
    super(init);
    this.limit = init.limit;
  }
}

/** No usable response: DNS, refused or reset connection, TLS, a peer that does not speak HTTP. */
export class APIConnectionError extends APIError {
  override name: "APIConnectionError" | "APIConnectionTimeoutError" = "APIConnectionError";
  declare readonly status: undefined;
}
/** The attempt (headers and body) took longer than `timeout`. */
export class APIConnectionTimeoutError extends APIConnectionError {
  override name = "APIConnectionTimeoutError" as const;
}
/** The caller's `signal` aborted the request. Never retried. */
export class APIUserAbortError extends APIError {
  override name = "APIUserAbortError" as const;
  declare readonly status: undefined;
}

/** A class whose `name` is a union (it has subclasses), seen as an instance of exactly itself. */
type Exactly<E extends SDKError, N extends E["name"]> = E & { name: N };

/**
 * Every error this SDK throws, as a union discriminated by `name`: `switch (error.name)` narrows it
 * to one class. Classes with subclasses appear as "exactly this class" (`name` of their own).
 */
export type AnySDKError =
  | InvalidArgumentError
  | Exactly<APIError, "APIError">
  | BadRequestError
  | AuthenticationError
  | PermissionDeniedError
  | NotFoundError
  | ConflictError
  | UnprocessableEntityError
  | RateLimitError
  | InternalServerError
  | Exactly<APIResponseValidationError, "APIResponseValidationError">
  | APIResponseTooLargeError
  | Exactly<APIConnectionError, "APIConnectionError">
  | APIConnectionTimeoutError
  | APIUserAbortError;

const BRANDS: readonly [abstract new (...args: never[]) => unknown, SDKErrorName][] = [
  [SDKError, "SDKError"],
  [InvalidArgumentError, "InvalidArgumentError"],
  [APIError, "APIError"],
  [BadRequestError, "BadRequestError"],
  [AuthenticationError, "AuthenticationError"],
  [PermissionDeniedError, "PermissionDeniedError"],
  [NotFoundError, "NotFoundError"],
  [ConflictError, "ConflictError"],
  [UnprocessableEntityError, "UnprocessableEntityError"],
  [RateLimitError, "RateLimitError"],
  [InternalServerError, "InternalServerError"],
  [APIResponseValidationError, "APIResponseValidationError"],
  [APIResponseTooLargeError, "APIResponseTooLargeError"],
  [APIConnectionError, "APIConnectionError"],
  [APIConnectionTimeoutError, "APIConnectionTimeoutError"],
  [APIUserAbortError, "APIUserAbortError"],
];
for (const [Class, name] of BRANDS) brand(Class, name);

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
