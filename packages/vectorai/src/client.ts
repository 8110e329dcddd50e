/**
 * The VectorAI client: everything specific to VectorAI beyond its spec is the option and
 * environment-variable names below. Resources (`accessTokens`) come from `generated/spec.ts`.
 */
import { APIClient, type ClientOptions, type ResourcesOf, type VendorDefinition } from "@sdkforge/core";
import type { paths } from "./generated/openapi.js";
import { spec } from "./generated/spec.js";

export interface VectorAIOptions extends ClientOptions {
  /** Admin JWT or admin access token (`vdai_…`). Default: the `VECTORAI_TOKEN` env var. */
  token?: string | undefined;
  /** Default: `VECTORAI_BASE_URL`, then the spec's first server (`http://localhost:6573`). */
  baseUrl?: string | undefined;
}

export const vectorAIVendor: VendorDefinition = {
  name: "VectorAI",
  spec,
  credential: { option: "token", env: "VECTORAI_TOKEN" },
  baseUrlEnv: "VECTORAI_BASE_URL",
  logLevelEnv: "VECTORAI_LOG",
};

// The resources are attached from the spec at construction; this declaration gives them their types.
export interface VectorAI extends ResourcesOf<paths, typeof spec> {}

/**
 * @example
 * const vectorai = new VectorAI({ token: process.env.VECTORAI_TOKEN });
 * const { message } = await vectorai.accessTokens.delete(12);
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface above.
export class VectorAI extends APIClient<paths> {
  constructor(options: VectorAIOptions = {}) {
    const { token, ...rest } = options;
    super(vectorAIVendor, { ...rest, credential: token });
  }
}
