export * from "@sdkforge/core";
export { VectorAI, type VectorAIOptions } from "./client.js";
export type { components, operations, paths } from "./generated/openapi.js";
export { spec } from "./generated/spec.js";
