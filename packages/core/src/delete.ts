/**
 * The delete-by-id helper every resource gets. It owns the semantics callers rely on when revoking
 * credentials: what counts as success, what `missingOk` means, and why a 404 after an uncertain
 * attempt is a success ("confirmed by retry") rather than an error.
 */
import { APIPromise, type WithResponse } from "./api-promise.js";
import { messageFromBody, unwrapSuccess } from "./decode.js";
import { APIError, APIResponseValidationError, NotFoundError } from "./errors.js";
import { isDocumentedNotFound, notFoundHint } from "./gone.js";
import { checkPathParam } from "./path-params.js";
import { reportedFailure } from "./reported-failure.js";
import { errorFromResponse, responseMeta } from "./response-error.js";
import type { OperationSpec, ParamSpec } from "./spec.js";
import type { CallInit, RequestOptions, Transport } from "./transport.js";

export interface DeleteOptions extends RequestOptions {
  /** Resolve with `alreadyGone: true` on 404 instead of throwing `NotFoundError`. */
  missingOk?: boolean | undefined;
}

export interface DeleteResult<Id> {
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
}

/** The single path parameter a delete-by-id operation takes. */
export function idParamOf(operation: OperationSpec): ParamSpec {
  const params = operation.params.filter((param) => param.in === "path");
  const [param] = params;
  if (params.length !== 1 || !param) {
    throw new Error(`${operation.operationId} needs exactly one path parameter to be a delete-by-id helper`);
  }
  return param;
}

function messageOf(data: unknown): string {
  const message = data && typeof data === "object" ? (data as { message?: unknown }).message : undefined;
  return typeof message === "string" ? message : "";
}

export async function performDelete<Id>(
  transport: Transport,
  operation: OperationSpec,
  idParam: ParamSpec,
  id: Id,
  options: DeleteOptions & Pick<CallInit, "pacer" | "cancellation">,
): Promise<WithResponse<DeleteResult<Id>>> {
  const method = operation.method.toUpperCase();
  const pathParams = { [idParam.name]: checkPathParam(idParam, id) };
  transport.refuseCredentialAsId(idParam.name, id);
  const outcome = await transport.call(operation, { ...options, pathParams });
  const { response, body } = outcome;

  if (response.ok) {
    const schema = operation.responses[String(response.status)]?.schema;
    const failure = reportedFailure(body, operation.failureWhen);
    const result = failure
      ? { kind: "refused" as const, message: messageFromBody(body) ?? `the server reported ${failure}` }
      : unwrapSuccess(schema, body);
    if (result.kind === "data") {
      const data = { id, message: messageOf(result.data), alreadyGone: false, confirmedByRetry: false };
      return { data, response };
    }
    const meta = responseMeta(response, transport);
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
    const error = errorFromResponse(method, operation.path, outcome, transport);
    const verdict = isDocumentedNotFound(operation.responses["404"], response.headers.get("content-type"), body);
    if (!verdict.gone) {
      throw new NotFoundError({
        status: 404,
        body,
        method,
        path: operation.path,
        ...responseMeta(response, transport),
        outcomeUnknown: error.outcomeUnknown,
        message: notFoundHint(error.message, verdict.why),
      });
    }
    const data = { id, message: error.message, alreadyGone: true, confirmedByRetry: outcome.outcomeUnknownBefore };
    return { data, response };
  }
  throw errorFromResponse(method, operation.path, outcome, transport);
}

/** `resource.delete(id, options)`: an `APIPromise` so callers can ask for `.withResponse()`. */
export function deleteById<Id>(
  transport: Transport,
  operation: OperationSpec,
  idParam: ParamSpec,
  id: Id,
  options: DeleteOptions = {},
): APIPromise<DeleteResult<Id>> {
  return new APIPromise(performDelete(transport, operation, idParam, id, options));
}
