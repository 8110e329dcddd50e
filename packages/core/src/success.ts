/**
 * Which 2xx answers to a helper's request count as the API confirming it. Only a status the
 * operation documents does (its exact code, or a `2XX` range the document writes): a 202 "queued"
 * where 204 is documented, or a 203 a proxy rewrote, is someone's answer but not the API's
 * documented confirmation, so it is reported as an error whose outcome is unknown.
 */
import type { FailureMarker } from "./reported-failure.js";
import type { OperationSpec, ResponseSpec } from "./spec.js";

/** The documented response a success status answers to, or `undefined` when the document has none for it. */
export function documentedSuccess(operation: OperationSpec, status: number): ResponseSpec | undefined {
  const { responses } = operation;
  return (
    responses[String(status)] ??
    responses[`${String(status).charAt(0)}XX`] ??
    responses[`${String(status).charAt(0)}xx`]
  );
}

/** The documented success statuses, for messages: `200, 204`. */
export function documentedSuccessStatuses(operation: OperationSpec): string {
  const statuses = Object.keys(operation.responses).filter((status) => /^2(\d\d|xx)$/i.test(status));
  return statuses.length > 0 ? statuses.join(", ") : "none";
}

/**
 * The first way `body` misses the operation's success marker (`successWhen`, from the overlay), or
 * `undefined` when it carries it (or the operation names none).
 */
export function missingSuccessMarker(body: unknown, successWhen: FailureMarker | undefined): string | undefined {
  if (successWhen === undefined) return undefined;
  const record =
    body !== null && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  for (const [property, value] of Object.entries(successWhen)) {
    if (!Object.hasOwn(record, property) || record[property] !== value) {
      return `the body does not say ${property}: ${JSON.stringify(value)}, the API's documented sign of success`;
    }
  }
  return undefined;
}
