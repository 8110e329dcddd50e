/**
 * The shape of the facts `pnpm generate` extracts from an OpenAPI document into each vendor's
 * `src/generated/spec.ts`. The runtime reads only these; it never parses YAML.
 */

export type HttpMethod = "get" | "put" | "post" | "delete" | "patch" | "head" | "options" | "trace";

export interface ParamSpec {
  readonly name: string;
  readonly in: string;
  readonly required: boolean;
  readonly type: "string" | "integer" | "number" | "boolean";
}

/** The subset of JSON Schema used to check response bodies. */
export interface SchemaSpec {
  readonly type?: string;
  readonly required?: readonly string[];
  readonly properties?: { readonly [name: string]: SchemaSpec };
  readonly items?: SchemaSpec;
}

export interface ResponseSpec {
  readonly description: string;
  /** The documented media type (the JSON one when several are given); absent when no body is documented. */
  readonly contentType?: string;
  readonly schema?: SchemaSpec;
  readonly example?: unknown;
}

export interface OperationSpec {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** The templated path, e.g. `/api/tokens/{id}`. */
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  /** camelCase of the first tag: the property the client exposes it under. */
  readonly resource: string;
  readonly params: readonly ParamSpec[];
  /**
   * A 2xx body that matches this (property → value, on the top-level object) reports a failure,
   * e.g. `{ status: "error" }`. Set through the overlay (`x-sdkforge-failure-when`). `success: false`
   * is always a failure, whatever this says.
   */
  readonly failureWhen?: { readonly [property: string]: string | number | boolean };
  readonly responses: { readonly [status: string]: ResponseSpec };
}

export interface ServerSpec {
  readonly url: string;
  readonly description: string;
  readonly region?: string;
}

export interface SecuritySpec {
  readonly type: "http" | "apiKey";
  readonly header: string;
  /** Prepended to the credential exactly once: `Bearer ` or `key-`. */
  readonly prefix: string;
}

export interface ApiSpec {
  readonly title: string;
  readonly version: string;
  readonly servers: readonly ServerSpec[];
  readonly security: SecuritySpec;
  readonly operations: { readonly [operationId: string]: OperationSpec };
  /** resource → action → operationId, for the operations that get an ergonomic helper. */
  readonly resources: { readonly [resource: string]: { readonly delete?: string } };
}
