/**
 * `src/generated/spec.ts`: the runtime facts (`ApiSpec` v2) as one object typed `ApiSpec`. Not `as const`: for
 * a document the size of DigitalOcean's the literal type exceeds what declaration emit can serialize (TS7056),
 * and nothing reads it; the helpers' types come from `resources.ts` and `openapi.ts`.
 */
import type { VendorFacts } from "./facts.ts";

export function renderSpec(banner: string, facts: VendorFacts): string {
  return `${banner}import type { ApiSpec } from "@sdkforge/core";

/** What the runtime needs to know about ${JSON.stringify(facts.spec.title)}, read from the spec and its overlay. */
export const spec: ApiSpec = ${JSON.stringify(facts.spec, null, 2)};

/** Region ids, read from the suffix of each server's description. */
export const regions = ${JSON.stringify(facts.regions)} as const;

export type Region = (typeof regions)[number];
`;
}
