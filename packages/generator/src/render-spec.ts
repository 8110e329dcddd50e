/**
 * `src/generated/spec.ts`: the runtime facts (`ApiSpec` v2) as one object typed `ApiSpec`, and
 * `src/generated/testing-spec.ts`: the same facts with every documented response, for the test server.
 *
 * `spec` is in every application's bundle, so it holds only what the runtime reads. Responses are
 * read only by the helpers (the schema of a success, and the documented 404), so `spec` keeps
 * those statuses of the operations with a helper, without their descriptions and examples; the
 * test server gets every response back from `testing-spec.ts`. For DigitalOcean's 408 operations
 * that leaves out about two thirds of the facts. Not `as const`: for a document that size the
 * literal type exceeds what declaration emit can serialize (TS7056), and nothing reads it; the
 * helpers' types come from `resources.ts` and `openapi.ts`.
 */
import type { ApiSpec, OperationSpec, ResponseSpec } from "@sdkforge/core";
import { literal, quotedInComment } from "./escape.ts";
import type { VendorFacts } from "./facts.ts";
import { specFeatures } from "./spec-features.ts";

/** The statuses whose facts the runtime reads: a success (its body's schema) and 404 (is it the API's own?). */
const readByRuntime = (status: string) => /^2(\d\d|XX)$/i.test(status) || status === "404";

function runtimeResponses(responses: OperationSpec["responses"]): OperationSpec["responses"] {
  const kept: Record<string, ResponseSpec> = {};
  for (const [status, { contentType, schema }] of Object.entries(responses)) {
    if (!readByRuntime(status)) continue;
    kept[status] = {
      ...(contentType === undefined ? {} : { contentType }),
      ...(schema === undefined ? {} : { schema }),
    };
  }
  return kept;
}

/** The facts split into what the runtime bundles and the responses only the test server needs. */
function splitFacts(facts: VendorFacts): { runtime: ApiSpec; testingOnly: Record<string, OperationSpec["responses"]> } {
  const withHelper = new Set(facts.helpers.map((helper) => helper.operationId));
  const operations: Record<string, OperationSpec> = {};
  const testingOnly: Record<string, OperationSpec["responses"]> = {};
  for (const [operationId, operation] of Object.entries(facts.spec.operations)) {
    const responses = withHelper.has(operationId) ? runtimeResponses(operation.responses) : {};
    operations[operationId] = { ...operation, responses };
    if (JSON.stringify(responses) !== JSON.stringify(operation.responses))
      testingOnly[operationId] = operation.responses;
  }
  const { title: _title, version: _version, ...runtime } = facts.spec;
  return { runtime: { ...runtime, operations }, testingOnly };
}

/** Both files, from one split of the facts. */
export function renderSpecFiles(banner: string, facts: VendorFacts): { spec: string; testingSpec: string } {
  const { runtime, testingOnly } = splitFacts(facts);
  return { spec: renderSpec(banner, facts, runtime), testingSpec: renderTestingSpec(banner, facts, testingOnly) };
}

function renderSpec(banner: string, facts: VendorFacts, runtime: ApiSpec): string {
  const features = specFeatures(runtime);
  // The optional runtime pieces go in as imports, so that a bundler keeps exactly those.
  const imports = features.length === 0 ? "import type { ApiSpec }" : `import { type ApiSpec, ${features.join(", ")} }`;
  const factsLiteral = literal(runtime, 2);
  const object =
    features.length === 0 ? factsLiteral : `${factsLiteral.slice(0, -2)},\n  "features": { ${features.join(", ")} }\n}`;
  const featuresNote =
    features.length === 0 ? "" : "\n * `features`: the optional runtime pieces its document needs, and only those.";
  return `${banner}${imports} from "@sdkforge/core";

/**
 * What the runtime needs to know about ${quotedInComment(facts.spec.title)}, read from the spec and its overlay.
 * Responses are the ones the helpers read; \`testing-spec.ts\` has them all, for the test server.${featuresNote}
 */
export const spec: ApiSpec = ${object};

/** Region ids, read from the suffix of each server's description. */
export const regions = ${literal(facts.regions)} as const;

export type Region = (typeof regions)[number];
`;
}

function renderTestingSpec(
  banner: string,
  facts: VendorFacts,
  testingOnly: Record<string, OperationSpec["responses"]>,
): string {
  const { title, version } = facts.spec;
  return `${banner}import type { ApiSpec } from "@sdkforge/core";
import { withDocumentedResponses } from "@sdkforge/core/testing";
import { spec } from "./spec.js";

/** \`spec\` with every documented response (descriptions and examples too), so that the test server answers each as documented. */
export const testingSpec: ApiSpec = {
  ...withDocumentedResponses(spec, ${literal(testingOnly, 2)}),
  title: ${literal(title)},
  version: ${literal(version)},
};
`;
}
