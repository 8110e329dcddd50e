/**
 * The delete helper every DELETE operation gets. It owns the semantics callers rely on when
 * revoking credentials: what counts as success, what `missingOk` means, and why a 404 after an
 * uncertain attempt is a success ("confirmed by retry") rather than an error.
 */
import { APIPromise, type WithResponse } from "./api-promise.js";
import { messageFromBody, unwrapSuccess } from "./decode.js";
import { APIError, APIResponseValidationError, InvalidArgumentError, NotFoundError } from "./errors.js";
import { isDocumentedNotFound, notFoundHint } from "./gone.js";
import { checkPathValues } from "./path-params.js";
import { reportedFailure } from "./reported-failure.js";
import { errorFromResponse, responseMeta } from "./response-error.js";
import type { OperationSpec } from "./spec.js";
import { documentedSuccess, documentedSuccessStatuses, missingSuccessMarker } from "./success.js";
import type { CallInit, RequestOptions, Transport } from "./transport.js";

export interface DeleteOptions extends RequestOptions {
  /** Resolve with `alreadyGone: true` on 404 instead of throwing `NotFoundError`. */
  missingOk?: boolean | undefined;
}

/** What a helper accepts at run time: its generated type adds `query`, `header` and `body` where the operation takes them. */
export interface HelperOptions extends DeleteOptions {
  query?: Readonly<Record<string, unknown>> | undefined;
  /** The operation's header parameters (not credentials, which come from the client). */
  header?: Readonly<Record<string, unknown>> | undefined;
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

/** Required query and header parameters and a required body, checked before anything is sent. */
function checkRequestParts(operation: OperationSpec, options: HelperOptions): void {
  for (const param of operation.params) {
    if (!param.required || (param.in !== "query" && param.in !== "header")) continue;
    if (options[param.in]?.[param.name] === undefined) {
      throw new InvalidArgumentError(
        param.in,
        `Missing required ${param.in} parameter \`${param.name}\` (pass it in \`options.${param.in}\`).`,
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
  options: HelperOptions & Pick<CallInit, "pacer" | "cancellation">,
): Promise<WithResponse<DeleteResult<Id>>> {
  const method = operation.method.toUpperCase();
  const pathParams = checkPathValues(operation, values);
  checkRequestParts(operation, options);
  for (const [index, name] of operation.pathParams.entries()) transport.refuseCredentialAsId(name, values[index]);
  const outcome = await transport.call(operation, { ...options, pathParams });
  const { response, body } = outcome;

  const meta = () => responseMeta(response, transport);
  if (response.ok) {
    // The body came unmasked (a success is the API's own data); in an error it is masked like any other.
    const init = () => ({
      status: response.status,
      body: transport.maskValue(body),
      method,
      path: operation.path,
      ...meta(),
    });
    const documented = documentedSuccess(operation, response.status);
    if (documented === undefined) {
      // Someone answered with a success the API does not document (a 202 "queued", a proxy's 203): it
      // may or may not have acted, and nothing in the document says how to read the answer.
      throw new APIError({
        ...init(),
        outcomeUnknown: true,
        documented: false,
        message: transport.mask(
          `${response.status} is not a success the API documents for ${method} ${operation.path} (documented: ${documentedSuccessStatuses(operation)}), so it does not confirm the request.`,
        ),
      });
    }
    const failure = reportedFailure(body, operation.failureWhen);
    const unreadable =
      outcome.repeatedKey !== undefined
        ? `the body repeats the key \`${outcome.repeatedKey}\`, so it does not say one thing`
        : documented.contentType !== undefined && body === undefined
          ? "it is empty, and the API documents a body for it"
          : failure
            ? undefined
            : missingSuccessMarker(body, operation.successWhen);
    const result = unreadable
      ? { kind: "invalid" as const, problem: unreadable }
      : failure
        ? { kind: "refused" as const, message: messageFromBody(body) ?? `the server reported ${failure}` }
        : unwrapSuccess(documented.schema, body);
    if (result.kind === "data") {
      const message = messageOf(result.data);
      const data =
        result.data === undefined
          ? { id, message, alreadyGone: false, confirmedByRetry: false }
          : { id, message, alreadyGone: false, confirmedByRetry: false, data: result.data };
      return { data, response };
    }
    if (result.kind === "refused") {
      const outcomeUnknown = outcome.outcomeUnknownBefore;
      throw new APIError({ ...init(), message: transport.mask(result.message), outcomeUnknown });
    }
    // A success status with a body we cannot read: the server most likely did perform the delete.
    throw new APIResponseValidationError({
      ...init(),
      outcomeUnknown: true,
      stage: "unreadable",
      message: transport.mask(`Unexpected ${response.status} response body: ${result.problem}.`),
    });
  }

  if (response.status === 404) {
    const verdict = isDocumentedNotFound(
      operation.responses["404"],
      response.headers.get("content-type"),
      body,
      outcome.repeatedKey,
    );
    const error = errorFromResponse(method, operation.path, outcome, transport);
    if (!verdict.gone) {
      // Not the API's "not found": with or without `missingOk`, it says nothing about the resource.
      throw new NotFoundError({
        status: 404,
        body,
        method,
        path: operation.path,
        ...meta(),
        outcomeUnknown: error.outcomeUnknown,
        documented: false,
        message: transport.mask(notFoundHint(error.message, verdict.why)),
      });
    }
    // Only an earlier attempt that was most likely performed makes a 404 its confirmation (transport.ts).
    if (outcome.likelyAppliedBefore || options.missingOk) {
      const data = { id, message: error.message, alreadyGone: true, confirmedByRetry: outcome.likelyAppliedBefore };
      return { data, response };
    }
    throw error;
  }
  throw errorFromResponse(method, operation.path, outcome, transport);
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
