/**
 * The generator's API for scripts and tests (spec → generated files). It lives in
 * packages/generator; this module keeps the scripts' import path short.
 */
export {
  findSpecs,
  type GeneratedFile,
  type GeneratedVendor,
  generateVendor,
  readVendor,
  type SpecSource,
  vendorReport,
} from "@sdkforge/generator";
