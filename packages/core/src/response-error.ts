/** Maps a final non-success response to the matching `APIError` subclass. */
import { errorMessage } from "./decode.js";
import { type APIError, errorClassForStatus, RateLimitError, type ResponseHeaders } from "./errors.js";
import { serverRetryDelay } from "./retry.js";
import { redactHeaders } from "./secrets.js";
import type { CallOutcome } from "./transport.js";

const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-amzn-requestid", "cf-ray"];

export function responseMeta(
  response: Response,
  mask: (text: string) => string,
): { headers: ResponseHeaders; requestId: string | undefined } {
  const requestId = REQUEST_ID_HEADERS.map((name) => response.headers.get(name)).find((value) => value);
  return { headers: redactHeaders(response.headers, mask), requestId: requestId ? mask(requestId) : undefined };
}

export function errorFromResponse(
  method: string,
  path: string,
  outcome: CallOutcome,
  mask: (text: string) => string,
): APIError {
  const { response, body } = outcome;
  const init = {
    status: response.status,
    message: mask(errorMessage(response.status, response.statusText, body)),
    body,
    method,
    path,
    ...responseMeta(response, mask),
    outcomeUnknown: outcome.outcomeUnknownBefore || response.status >= 500,
  };
  if (response.status === 429) {
    const delay = serverRetryDelay(response.headers);
    return new RateLimitError({ ...init, retryAfter: delay === undefined ? undefined : delay / 1000 });
  }
  const ErrorClass = errorClassForStatus(response.status);
  return new ErrorClass(init);
}
