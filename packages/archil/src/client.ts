/**
 * The Archil client: everything specific to Archil beyond its spec is the option and
 * environment-variable names below. Regions and resources (`apiTokens`) come from `generated/spec.ts`.
 */
import { APIClient, type ClientOptions, type ResourcesOf, type VendorDefinition } from "@sdkforge/core";
import type { paths } from "./generated/openapi.js";
import { type Region, spec } from "./generated/spec.js";

export interface ArchilOptions extends ClientOptions {
  /** API key, with or without its `key-` prefix. Default: the `ARCHIL_API_KEY` env var. */
  apiKey?: string | undefined;
  /** Control-plane region from the spec's servers. Default: `ARCHIL_REGION`, then the first server. */
  region?: Region | undefined;
  /** Overrides `region`. */
  baseUrl?: string | undefined;
}

export const archilVendor: VendorDefinition = {
  name: "Archil",
  spec,
  credential: { option: "apiKey", env: "ARCHIL_API_KEY" },
  regionEnv: "ARCHIL_REGION",
  logLevelEnv: "ARCHIL_LOG",
};

// The resources are attached from the spec at construction; this declaration gives them their types.
export interface Archil extends ResourcesOf<paths, typeof spec> {}

/**
 * @example
 * const archil = new Archil({ apiKey: process.env.ARCHIL_API_KEY, region: "aws-us-east-1" });
 * await archil.apiTokens.delete("9c0f…");
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface above.
export class Archil extends APIClient<paths> {
  constructor(options: ArchilOptions = {}) {
    const { apiKey, ...rest } = options;
    super(archilVendor, { ...rest, credential: apiKey });
  }
}
