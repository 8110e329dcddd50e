export { main } from "./cli.ts";
export type { CredentialFacts, HelperFacts, OperationDocs, ReportOperation, VendorFacts } from "./facts.ts";
export { deref, isObject, type Json, type JsonObject } from "./json.ts";
export { findSpecs, type LoadOptions, loadDocument, type SpecSource, validateDocument } from "./load.ts";
export { camelCase, constantCase, methodFromOperation, pascalCase, resourceFromPath } from "./naming.ts";
export { SpecProblem, type Warn, warnOnStderr } from "./problems.ts";
export { README_END, README_START, withApiReference } from "./readme.ts";
export { reportTables, type VendorReport, vendorReport } from "./report.ts";
export { validateSpecs } from "./validate-cli.ts";
export { describeFinding, type Finding } from "./validation.ts";
export {
  type GeneratedFile,
  type GeneratedVendor,
  type GenerateOptions,
  generateVendor,
  readVendor,
} from "./vendor.ts";
