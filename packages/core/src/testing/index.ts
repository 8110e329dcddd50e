export { documentedBody, documentedResponse, successStatus } from "./documented-body.js";
export { type DocumentedResponses, withDocumentedResponses } from "./documented-responses.js";
export { type FaultOptions, faults } from "./faults.js";
export {
  type ScriptedReply,
  type ScriptedRequest,
  type ScriptedServer,
  startScriptedServer,
} from "./scripted-server.js";
export {
  type Fault,
  type FaultContext,
  type FaultPolicy,
  type Handler,
  type HandlerContext,
  type Interceptor,
  type RecordedRequest,
  type Reply,
  type SpecServer,
  type SpecServerOptions,
  specMessage,
  startSpecServer,
} from "./spec-server.js";
export { type StatefulServerOptions, startStatefulSpecServer } from "./stateful-server.js";
export {
  defineTestVendor,
  type TestClientOptions,
  type TestDeleteResource,
  type TestServer,
  type TestServerOptions,
  type TestVendor,
  type TestVendorDefinition,
} from "./test-vendor.js";
