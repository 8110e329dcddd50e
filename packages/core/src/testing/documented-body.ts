/**
 * The body a spec documents for a response, for test servers that have no state rule of their own
 * for an operation: the response's example when the spec gives one, else a value built from its
 * schema. Built values are deterministic: strings carry the response's description (so a client's
 * error message reads like the spec), booleans say whether the response is a success, numbers are 0
 * and arrays are empty.
 */
import type { OperationSpec, SchemaSpec } from "../spec.js";

const MAX_DEPTH = 8;

function fromSchema(schema: SchemaSpec, text: string, success: boolean, depth: number): unknown {
  if (depth > MAX_DEPTH) return null;
  switch (schema.type) {
    case "string":
      return text;
    case "boolean":
      return success;
    case "integer":
    case "number":
      return 0;
    case "array":
      return [];
    case "null":
      return null;
    default: {
      if (schema.type !== "object" && !schema.properties) return text;
      const body: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        body[name] = fromSchema(property, text, success, depth + 1);
      }
      return body;
    }
  }
}

/** The documented response for `status`: an exact key, then `4XX`-style, then `default`. */
export function documentedResponse(operation: OperationSpec, status: number) {
  const { responses } = operation;
  return responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
}

/**
 * The body for `status` as documented; `message` replaces the description in built strings.
 * `undefined` when the spec documents no body for it.
 */
export function documentedBody(operation: OperationSpec, status: number, message?: string): unknown {
  const response = documentedResponse(operation, status);
  if (!response) return undefined;
  if (response.example !== undefined) return response.example;
  if (!response.schema) return undefined;
  return fromSchema(
    response.schema,
    message ?? response.description ?? `HTTP ${status}`,
    status >= 200 && status < 300,
    0,
  );
}

/** The first documented success status (2xx, in ascending order); 200 when the spec lists none. */
export function successStatus(operation: OperationSpec): number {
  const statuses = Object.keys(operation.responses)
    .filter((status) => /^2\d\d$/.test(status))
    .map(Number)
    .sort((a, b) => a - b);
  return statuses[0] ?? 200;
}

/**
 * An error reply for `status` exactly as documented: its body (or none, when the spec documents
 * the response without content) under its documented media type. A status the spec does not
 * document gets `{ message }`, so a client still has something to show.
 */
export function documentedError(
  operation: OperationSpec,
  status: number,
  message: string,
): { readonly status: number; readonly body?: unknown; readonly headers?: Record<string, string> } {
  const response = documentedResponse(operation, status);
  if (!response) return { status, body: { message } };
  if (response.contentType === undefined) return { status };
  const body = documentedBody(operation, status, message) ?? { message };
  return { status, body, headers: { "content-type": response.contentType } };
}
