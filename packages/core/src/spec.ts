/**
 * The shape of the facts `pnpm generate` extracts from an OpenAPI document (after bundling and the
 * vendor's overlay) into each vendor's `src/generated/spec.ts`. The runtime reads only these; it
 * never parses YAML. Everything a person reads on hover (summaries, descriptions) lives in the
 * generated JSDoc of the types, not here, so this object stays small in the bundle.
 *
 * Version 2 of this shape: the generator (`packages/generator`) writes it and core reads it.
 */

import type { CredentialEncoder } from "./auth.js";
import type { BodyEncoder } from "./request-body.js";
import type { ServerVariablesFiller } from "./server-variables.js";

/** An operation's HTTP method, lower case as the document's path item keys it. */
export type HttpMethod = "get" | "put" | "post" | "delete" | "patch" | "head" | "options" | "trace";

/** Primitive type of a parameter, from its schema (`string` when the schema says nothing usable). */
export type ParamType = "string" | "integer" | "number" | "boolean";

export interface ParamSpec {
  readonly name: string;
  readonly in: "path" | "query" | "header" | "cookie";
  readonly required: boolean;
  readonly type: ParamType;
  /**
   * Every type the schema allows when it allows several (`anyOf` / `oneOf` branches, `type: [..]`):
   * a value of any of them is accepted, as the generated types accept it. `type` is then the first.
   */
  readonly types?: readonly ParamType[];
  /** Allowed values when the schema has an `enum`. */
  readonly enum?: readonly (string | number | boolean)[];
}

/** The subset of JSON Schema used to check response bodies. */
export interface SchemaSpec {
  readonly type?: string;
  readonly required?: readonly string[];
  readonly properties?: { readonly [name: string]: SchemaSpec };
  readonly items?: SchemaSpec;
}

/**
 * A documented response. The runtime reads `contentType` and `schema` (of a success and of the
 * 404); `description` and `example` are for the spec-driven test server, and are left out of the
 * `spec` an application bundles (the generated testing spec has them).
 */
export interface ResponseSpec {
  /** The response's description: the embedded test server's fallback message. */
  readonly description?: string;
  /** The documented media type (the JSON one when several are given); absent when no body is documented. */
  readonly contentType?: string;
  readonly schema?: SchemaSpec;
  /** The first example (media `example`, else the first of `examples`), for the test server. */
  readonly example?: unknown;
}

export interface OperationSpec {
  /** The document's operationId; when it has none, the generator's deterministic `<method> <path>` key. */
  readonly operationId: string;
  readonly method: HttpMethod;
  /** The templated path, e.g. `/api/disks/{id}/users/{userId}`. */
  readonly path: string;
  /** Names of the path parameters in the order they appear in `path`: the helper's positional arguments. */
  readonly pathParams: readonly string[];
  /** Every parameter (path-item level merged with operation level, operation wins). */
  readonly params: readonly ParamSpec[];
  /** Present when the operation takes a request body. */
  readonly body?: { readonly required: boolean; readonly contentType: string };
  /**
   * Security alternatives, resolved (operation-level `security` if present, else the document's):
   * each inner array names schemes of `ApiSpec.securitySchemes` that are sent together (AND); the
   * outer array is OR. `[]` means no credential is needed; an inner `[]` is the anonymous alternative.
   */
  readonly security: readonly (readonly string[])[];
  /** Path- or operation-level servers, when the document declares them (an explicit `baseUrl` still wins). */
  readonly servers?: readonly ServerSpec[];
  /**
   * A 2xx body that matches this (property → value, on the top-level object) reports a failure,
   * e.g. `{ status: "error" }`. Set through the overlay (`x-sdkforge-failure-when`). `success: false`
   * is always a failure, whatever this says.
   */
  readonly failureWhen?: { readonly [property: string]: string | number | boolean };
  /**
   * A 2xx body counts as a success only when it matches this (property → value, on the top-level
   * object), e.g. `{ status: "success" }`. Set through the overlay (`x-sdkforge-success-when`);
   * without it, a body that matches the documented schema is a success.
   */
  readonly successWhen?: { readonly [property: string]: string | number | boolean };
  /** Status → documented response (`default` and `2XX`-style keys kept as written). */
  readonly responses: { readonly [status: string]: ResponseSpec };
}

export interface ServerVariableSpec {
  readonly default: string;
  readonly enum?: readonly string[];
  /** The client option that sets it, when that is not the variable's own name (`serverTimeout` for `timeout`). */
  readonly option?: string;
}

export interface ServerSpec {
  /** As written in the document: may hold `{variables}`, and may be relative (resolved against nothing: `baseUrl` is then required). */
  readonly url: string;
  /** Region id read from the description's suffix ("AWS EU West (Ireland) — aws-eu-west-1"). */
  readonly region?: string;
  readonly variables?: { readonly [name: string]: ServerVariableSpec };
}

/** One constructor option that carries (part of) a credential, with its env-var fallback. */
export interface CredentialOptionSpec {
  /** `token`, `apiKey`, `username`, `password`, or the camelCase scheme name when several schemes share a kind. */
  readonly option: string;
  /** `<VENDOR>_TOKEN`, `<VENDOR>_API_KEY`, … */
  readonly env: string;
}

export interface SecuritySchemeSpec {
  /** What the runtime does: `bearer` covers http bearer, oauth2 and openIdConnect (a token the caller supplies). */
  readonly kind: "bearer" | "basic" | "apiKey";
  /** The OpenAPI type as written, for reports. */
  readonly type: "http" | "apiKey" | "oauth2" | "openIdConnect";
  /** Where the value travels; `header` + `Authorization` for http, oauth2 and openIdConnect. */
  readonly in: "header" | "query" | "cookie";
  readonly name: string;
  /**
   * Prepended to the credential exactly once: `Bearer ` for bearer, `Basic ` for basic, and for apiKey
   * whatever the overlay sets (`x-sdkforge-prefix`, e.g. Archil's `key-`), else "".
   */
  readonly prefix: string;
  /** One option for bearer and apiKey; two (`username`, `password`) for basic. */
  readonly options: readonly CredentialOptionSpec[];
}

export interface ApiSpec {
  /** Product name for messages and the client class, e.g. `Archil`, `VectorAI` (overlay `x-sdkforge-name`, else PascalCase of the vendor). */
  readonly name: string;
  /** Env-var prefix, e.g. `ARCHIL`: `<ENV>_BASE_URL`, `<ENV>_LOG`, `<ENV>_REGION`. */
  readonly env: string;
  /** The document's `info.title` and `info.version`: for tools and the test server, not the runtime. */
  readonly title?: string;
  readonly version?: string;
  /** Document-level servers; may be empty (then `baseUrl` is required). */
  readonly servers: readonly ServerSpec[];
  readonly securitySchemes: { readonly [scheme: string]: SecuritySchemeSpec };
  readonly operations: { readonly [operationId: string]: OperationSpec };
  /** resource → method name → operationId, for the operations that get an ergonomic helper (every DELETE). */
  readonly resources: { readonly [resource: string]: { readonly [method: string]: string } };
  /**
   * The optional machinery this document needs (`requiredFeatures` says which), imported by the
   * generated spec only when the document uses it, so that an application bundles only that.
   */
  readonly features?: SpecFeatures;
}

/**
 * Runtime pieces that only some documents need. A client whose document needs one that is absent
 * is refused at construction (see features.ts), never sent without it.
 */
export interface SpecFeatures {
  /** Request bodies in a media type other than `application/json` (forms, multipart, bytes, `+json`). */
  readonly encodeBody?: BodyEncoder;
  /** http `basic` schemes: a user name and a password. */
  readonly basicCredential?: CredentialEncoder;
  /** apiKey schemes sent in the query string. */
  readonly queryCredential?: CredentialEncoder;
  /** apiKey schemes sent in a cookie. */
  readonly cookieCredential?: CredentialEncoder;
  /** Servers (document-, path- or operation-level) with `{variables}`. */
  readonly serverVariables?: ServerVariablesFiller;
}
