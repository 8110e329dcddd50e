export { main } from "./cli.ts";
export type { CredentialFacts, HelperFacts, OperationDocs, ReportOperation, VendorFacts } from "./facts.ts";
export { deref, isObject, type Json, type JsonObject } from "./json.ts";
export { findSpecs, loadDocument, type SpecSource } from "./load.ts";
export { camelCase, constantCase, methodFromOperation, pascalCase, resourceFromPath } from "./naming.ts";
export { SpecProblem, type Warn, warnOnStderr } from "./problems.ts";
export { README_END, README_START, withApiReference } from "./readme.ts";
export { reportTables, type VendorReport, vendorReport } from "./report.ts";
export {
  type GeneratedFile,
  type GeneratedVendor,
  type GenerateOptions,
  generateVendor,
  readVendor,
} from "./vendor.ts";
