export {
  type ScriptedReply,
  type ScriptedRequest,
  type ScriptedServer,
  startScriptedServer,
} from "./scripted-server.js";
export {
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
