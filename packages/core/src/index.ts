export { APIPromise, type WithResponse } from "./api-promise.js";
export {
  basicCredential,
  type CredentialEncoder,
  cookieCredential,
  MIN_CREDENTIAL_LENGTH,
  queryCredential,
} from "./auth.js";
export { DEFAULT_MAX_RESPONSE_BYTES } from "./body-limit.js";
export type {
  DeleteManyFailure,
  DeleteManyOptions,
  DeleteManyOutcome,
  DeleteManyProgress,
  DeleteManyResult,
  IdSource,
} from "./bulk.js";
export { APIClient, bulkMethodName, type DeleteResource } from "./client.js";
export {
  type ClientOptions,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  isLoopbackHost,
  type VendorClientOptions,
} from "./config.js";
export type { DeleteOptions, DeleteResult } from "./delete.js";
export {
  type AnySDKError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  type APIErrorInit,
  type APIErrorName,
  APIResponseTooLargeError,
  APIResponseValidationError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  type FailureStage,
  InternalServerError,
  InvalidArgumentError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  type ResponseHeaders,
  SDKError,
  type SDKErrorName,
  UnprocessableEntityError,
} from "./errors.js";
export type { HeadersInput } from "./headers.js";
export type { Logger, LogLevel } from "./logger.js";
export type { Client } from "./openapi-fetch.js";
export { type BodyEncoder, type EncodedBody, encodeBody } from "./request-body.js";
export { MAX_RETRY_AFTER_MS } from "./retry.js";
export { redactHeaders } from "./secrets.js";
export { type ServerVariablesFiller, serverVariables } from "./server-variables.js";
export type {
  ApiSpec,
  CredentialOptionSpec,
  HttpMethod,
  OperationSpec,
  ParamSpec,
  ParamType,
  ResponseSpec,
  SchemaSpec,
  SecuritySchemeSpec,
  ServerSpec,
  ServerVariableSpec,
  SpecFeatures,
} from "./spec.js";
export type { RequestOptions } from "./transport.js";
