export * from "@sdkforge/core";
export { Archil, type ArchilOptions } from "./client.js";
export type { components, operations, paths } from "./generated/openapi.js";
export { type Region, regions, spec } from "./generated/spec.js";
