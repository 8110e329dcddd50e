/**
 * A success status whose body says the operation failed. `success: false` always counts; an
 * operation may declare more (`failureWhen`, e.g. VectorAI's `{ status: "error" }`, from the
 * overlay). Such an answer means the server did not act, so it is an error, never a deletion.
 */

export type FailureMarker = { readonly [property: string]: string | number | boolean };

/** The marker that matched (`success: false`, `status: "error"`), or `undefined` when the body reports no failure. */
export function reportedFailure(body: unknown, failureWhen: FailureMarker | undefined): string | undefined {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  if (record.success === false) return "success: false";
  for (const [property, value] of Object.entries(failureWhen ?? {})) {
    if (Object.hasOwn(record, property) && record[property] === value) return `${property}: ${JSON.stringify(value)}`;
  }
  return undefined;
}
