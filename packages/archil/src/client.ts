/**
 * The Archil client. Everything in it comes from the spec and its overlay (`specs/archil.yaml`,
 * `specs/archil.overlay.yaml`): the `apiKey` option and `ARCHIL_API_KEY`, the `key-` prefix,
 * the regions, and the resources (`apiTokens`) with their typed helpers.
 */
import { APIClient, type ClientOptions } from "@sdkforge/core";
import type { paths } from "./generated/openapi.js";
import type { SpecOptions } from "./generated/options.js";
import type { Resources } from "./generated/resources.js";
import { spec } from "./generated/spec.js";

export interface ArchilOptions extends ClientOptions, SpecOptions {}

// The resources are attached from the spec at construction; this declaration gives them their types.
export interface Archil extends Resources {}

/**
 * @example
 * const archil = new Archil({ apiKey: process.env.ARCHIL_API_KEY, region: "aws-us-east-1" });
 * await archil.apiTokens.delete("9c0f…");
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface above.
export class Archil extends APIClient<paths> {
  constructor(options: ArchilOptions = {}) {
    super(spec, options);
  }
}
