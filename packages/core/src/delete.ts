/**
 * The delete helper every DELETE operation gets. It owns the semantics callers rely on when
 * revoking credentials: what counts as success, what `missingOk` means, and why a 404 after an
 * uncertain attempt is a success ("confirmed by retry") rather than an error.
 */
import { APIPromise, type WithResponse } from "./api-promise.js";
import { messageFromBody, unwrapSuccess } from "./decode.js";
import { APIError, APIResponseValidationError, InvalidArgumentError } from "./errors.js";
import { checkPathValues } from "./path-params.js";
import { errorFromResponse, responseMeta } from "./response-error.js";
import type { OperationSpec } from "./spec.js";
import type { CallInit, RequestOptions, Transport } from "./transport.js";

export interface DeleteOptions extends RequestOptions {
  /** Resolve with `alreadyGone: true` on 404 instead of throwing `NotFoundError`. */
  missingOk?: boolean | undefined;
}

/** What a helper accepts at run time: its generated type adds `query` and `body` where the operation takes them. */
export interface HelperOptions extends DeleteOptions {
  query?: Readonly<Record<string, unknown>> | undefined;
  body?: unknown;
  /** Set by the client, never by callers: the operation's own server, when the spec gives it one and no `baseUrl` overrides it. */
  operationServer?: string | undefined;
}

/**
 * `Id` is the path parameter's value for a one-parameter path, and the tuple of the values in
 * path order for several (`[diskId, userId]` for `/disks/{diskId}/users/{userId}`).
 */
export interface DeleteResult<Id, Data = unknown> {
  readonly id: Id;
  /** The vendor's message: its confirmation, or its 404 text when `alreadyGone`. */
  readonly message: string;
  /** The resource did not exist (any more) when the final attempt reached the server. */
  readonly alreadyGone: boolean;
  /**
   * An earlier attempt's outcome was unknown (connection lost after sending, timeout, 5xx) and a
   * retry then found the resource gone: the delete most likely succeeded on that earlier attempt.
   */
  readonly confirmedByRetry: boolean;
  /** The success body (unwrapped from a `{ success, data }` envelope), when the server sent one. */
  readonly data?: Data;
}

function messageOf(data: unknown): string {
  const message = data && typeof data === "object" ? (data as { message?: unknown }).message : undefined;
  return typeof message === "string" ? message : "";
}

/** Whether a 2xx body matches the overlay's failure marker (`x-sdkforge-failure-when`), e.g. `{ status: "error" }`. */
function reportsFailure(operation: OperationSpec, body: unknown): boolean {
  const marker = operation.failureWhen;
  if (!marker || !body || typeof body !== "object") return false;
  const record = body as Record<string, unknown>;
  return Object.entries(marker).every(([property, value]) => record[property] === value);
}

/** Required query parameters and a required body, checked before anything is sent. */
function checkRequestParts(operation: OperationSpec, options: HelperOptions): void {
  for (const param of operation.params) {
    if (param.in === "query" && param.required && options.query?.[param.name] === undefined) {
      throw new InvalidArgumentError(
        "query",
        `Missing required query parameter \`${param.name}\` (pass it in \`options.query\`).`,
      );
    }
  }
  if (operation.body?.required && options.body === undefined) {
    throw new InvalidArgumentError(
      "body",
      `${operation.operationId} requires a request body (pass it as \`options.body\`).`,
    );
  }
}

export async function performDelete<Id>(
  transport: Transport,
  operation: OperationSpec,
  values: readonly unknown[],
  id: Id,
  options: HelperOptions & Pick<CallInit, "pacer">,
): Promise<WithResponse<DeleteResult<Id>>> {
  const method = operation.method.toUpperCase();
  const pathParams = checkPathValues(operation, values);
  checkRequestParts(operation, options);
  const outcome = await transport.call(operation, { ...options, pathParams });
  const { response, body } = outcome;

  if (response.ok) {
    const schema = operation.responses[String(response.status)]?.schema;
    const result = reportsFailure(operation, body)
      ? ({ kind: "refused", message: messageFromBody(body) ?? "the server reported a failure" } as const)
      : unwrapSuccess(schema, body);
    if (result.kind === "data") {
      const message = messageOf(result.data);
      const data =
        result.data === undefined
          ? { id, message, alreadyGone: false, confirmedByRetry: false }
          : { id, message, alreadyGone: false, confirmedByRetry: false, data: result.data };
      return { data, response };
    }
    const meta = responseMeta(response, transport.mask);
    const init = { status: response.status, body, method, path: operation.path, ...meta };
    if (result.kind === "refused") {
      const outcomeUnknown = outcome.outcomeUnknownBefore;
      throw new APIError({ ...init, message: transport.mask(result.message), outcomeUnknown });
    }
    // A success status with a body we cannot read: the server most likely did perform the delete.
    throw new APIResponseValidationError({
      ...init,
      outcomeUnknown: true,
      message: transport.mask(`Unexpected ${response.status} response body: ${result.problem}.`),
    });
  }

  if (response.status === 404 && (outcome.outcomeUnknownBefore || options.missingOk)) {
    const error = errorFromResponse(method, operation.path, outcome, transport.mask);
    const data = { id, message: error.message, alreadyGone: true, confirmedByRetry: outcome.outcomeUnknownBefore };
    return { data, response };
  }
  throw errorFromResponse(method, operation.path, outcome, transport.mask);
}

/** `resource.delete(...pathParams, options)`: an `APIPromise` so callers can ask for `.withResponse()`. */
export function deleteOne<Id>(
  transport: Transport,
  operation: OperationSpec,
  values: readonly unknown[],
  id: Id,
  options: HelperOptions = {},
): APIPromise<DeleteResult<Id>> {
  return new APIPromise(performDelete(transport, operation, values, id, options));
}
