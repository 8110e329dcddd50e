/** Maps a final non-success response to the matching `APIError` subclass. */
import { errorMessage } from "./decode.js";
import { type APIError, errorClassForStatus, RateLimitError, type ResponseHeaders } from "./errors.js";
import { serverRetryDelay } from "./retry.js";
import { redactHeaders } from "./secrets.js";
import type { CallOutcome } from "./transport.js";

const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-amzn-requestid", "cf-ray"];

/** The masking functions a response's parts go through before they reach an error or a log. */
export interface Maskers {
  readonly mask: (text: string) => string;
  readonly maskName: (name: string) => string;
}

export function responseMeta(
  response: Response,
  maskers: Maskers,
): { headers: ResponseHeaders; requestId: string | undefined } {
  const { mask, maskName } = maskers;
  const requestId = REQUEST_ID_HEADERS.map((name) => response.headers.get(name)).find((value) => value);
  return {
    headers: redactHeaders(response.headers, mask, maskName),
    requestId: requestId ? mask(requestId) : undefined,
  };
}

/**
 * Where a redirect pointed, as an origin only: its path and query may carry ids or tokens. The
 * client never follows it, so the second origin sees nothing.
 */
export function redirectMessage(response: Response): string {
  const advice =
    "redirects are never followed, so nothing was confirmed. Check `baseUrl` (scheme, host and path prefix).";
  // A browser hides a redirect it did not follow behind an "opaqueredirect" response with status 0.
  if (response.type === "opaqueredirect") {
    return `The server answered with a redirect (the runtime does not reveal where); ${advice}`;
  }
  const location = response.headers.get("location");
  let target = "a location it did not give";
  if (location !== null) {
    try {
      const url = new URL(location, response.url || undefined);
      target = url.protocol === "http:" || url.protocol === "https:" ? url.origin : `a ${url.protocol} URL`;
    } catch {
      target = "a location that is not a valid URL";
    }
  }
  return `The server answered ${response.status} redirecting to ${target}; ${advice}`;
}

export function errorFromResponse(method: string, path: string, outcome: CallOutcome, maskers: Maskers): APIError {
  const { response, body } = outcome;
  const { mask } = maskers;
  const isRedirect = response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400);
  const init = {
    status: response.status,
    message: mask(isRedirect ? redirectMessage(response) : errorMessage(response.status, response.statusText, body)),
    body,
    method,
    path,
    ...responseMeta(response, maskers),
    // A redirect does not say whether the server acted first (a 303 usually means it did).
    outcomeUnknown: outcome.outcomeUnknownBefore || response.status >= 500 || isRedirect,
  };
  if (response.status === 429) {
    const delay = serverRetryDelay(response.headers);
    return new RateLimitError({ ...init, retryAfter: delay === undefined ? undefined : delay / 1000 });
  }
  const ErrorClass = errorClassForStatus(response.status);
  return new ErrorClass(init);
}
