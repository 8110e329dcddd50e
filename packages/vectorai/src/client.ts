/**
 * The VectorAI client. Everything in it comes from the spec and its overlay
 * (`specs/vectorai.yaml`, `specs/vectorai.overlay.yaml`): the `token` option and
 * `VECTORAI_TOKEN`, the servers, and the resources (`accessTokens`) with their typed helpers.
 */
import { APIClient, type ClientOptions } from "@sdkforge/core";
import type { paths } from "./generated/openapi.js";
import type { SpecOptions } from "./generated/options.js";
import type { Resources } from "./generated/resources.js";
import { spec } from "./generated/spec.js";

export interface VectorAIOptions extends ClientOptions, SpecOptions {}

// The resources are attached from the spec at construction; this declaration gives them their types.
export interface VectorAI extends Resources {}

/**
 * @example
 * const vectorai = new VectorAI({ token: process.env.VECTORAI_TOKEN });
 * const { message } = await vectorai.accessTokens.delete(12);
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface above.
export class VectorAI extends APIClient<paths> {
  constructor(options: VectorAIOptions = {}) {
    super(spec, options);
  }
}
