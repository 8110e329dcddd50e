/**
 * The generated `spec` carries only the responses the runtime reads: the success and 404 of the
 * operations with a helper, without descriptions or examples. Every documented response is
 * generated beside it for the test server, which answers each operation as documented; this puts
 * them back together, so that the client bundle never carries them.
 */
import type { ApiSpec, OperationSpec } from "../spec.js";

/** operationId → every response the document gives it, for the operations whose `spec` entry trims them. */
export type DocumentedResponses = { readonly [operationId: string]: OperationSpec["responses"] };

/** `spec` with `responses` in place of the trimmed responses of the operations they name. */
export function withDocumentedResponses(spec: ApiSpec, responses: DocumentedResponses): ApiSpec {
  const operations: Record<string, OperationSpec> = {};
  for (const [operationId, operation] of Object.entries(spec.operations)) {
    const documented = responses[operationId];
    operations[operationId] = documented === undefined ? operation : { ...operation, responses: documented };
  }
  return { ...spec, operations };
}
