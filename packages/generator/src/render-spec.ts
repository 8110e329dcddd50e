/**
 * `src/generated/spec.ts`: the runtime facts (`ApiSpec` v2) as one object typed `ApiSpec`, and
 * `src/generated/testing-spec.ts`: the same facts with every documented response, for the test server.
 *
 * The runtime reads responses only through the helpers (a 2xx schema, the documented 404), so
 * `spec` keeps them for the operations with a helper and leaves them out elsewhere: for
 * DigitalOcean's 408 operations that is about two thirds of the facts, which every application
 * would otherwise bundle. Not `as const`: for a document that size the literal type exceeds what
 * declaration emit can serialize (TS7056), and nothing reads it; the helpers' types come from
 * `resources.ts` and `openapi.ts`.
 */
import type { ApiSpec, OperationSpec } from "@sdkforge/core";
import type { VendorFacts } from "./facts.ts";

/** The facts split into what the runtime bundles and the responses only the test server needs. */
function splitResponses(facts: VendorFacts): {
  runtime: ApiSpec;
  testingOnly: Record<string, OperationSpec["responses"]>;
} {
  const withHelper = new Set(facts.helpers.map((helper) => helper.operationId));
  const operations: Record<string, OperationSpec> = {};
  const testingOnly: Record<string, OperationSpec["responses"]> = {};
  for (const [operationId, operation] of Object.entries(facts.spec.operations)) {
    const keep = withHelper.has(operationId) || Object.keys(operation.responses).length === 0;
    operations[operationId] = keep ? operation : { ...operation, responses: {} };
    if (!keep) testingOnly[operationId] = operation.responses;
  }
  return { runtime: { ...facts.spec, operations }, testingOnly };
}

export function renderSpec(banner: string, facts: VendorFacts): string {
  return `${banner}import type { ApiSpec } from "@sdkforge/core";

/**
 * What the runtime needs to know about ${JSON.stringify(facts.spec.title)}, read from the spec and its overlay.
 * Responses are listed for the operations with a helper only; \`testing-spec.ts\` has them all.
 */
export const spec: ApiSpec = ${JSON.stringify(splitResponses(facts).runtime, null, 2)};

/** Region ids, read from the suffix of each server's description. */
export const regions = ${JSON.stringify(facts.regions)} as const;

export type Region = (typeof regions)[number];
`;
}

export function renderTestingSpec(banner: string, facts: VendorFacts): string {
  return `${banner}import type { ApiSpec } from "@sdkforge/core";
import { withDocumentedResponses } from "@sdkforge/core/testing";
import { spec } from "./spec.js";

/** \`spec\` with the documented responses of every operation, so that the test server answers each as documented. */
export const testingSpec: ApiSpec = withDocumentedResponses(spec, ${JSON.stringify(splitResponses(facts).testingOnly, null, 2)});
`;
}
