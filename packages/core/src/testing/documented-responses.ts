/**
 * The generated `spec` carries responses only for the operations with a helper, which are the
 * only ones the runtime reads (a 2xx schema, the documented 404). The other operations' documented
 * responses are generated beside it for the test server, which answers every operation as
 * documented; this puts them back together, so the client bundle never carries them.
 */
import type { ApiSpec, OperationSpec } from "../spec.js";

/** operationId → the responses the document gives it, for the operations whose `spec` entry leaves them out. */
export type DocumentedResponses = { readonly [operationId: string]: OperationSpec["responses"] };

/** `spec` with `responses` in place of the empty responses of the operations they name. */
export function withDocumentedResponses(spec: ApiSpec, responses: DocumentedResponses): ApiSpec {
  const operations: Record<string, OperationSpec> = {};
  for (const [operationId, operation] of Object.entries(spec.operations)) {
    const documented = responses[operationId];
    operations[operationId] = documented === undefined ? operation : { ...operation, responses: documented };
  }
  return { ...spec, operations };
}
