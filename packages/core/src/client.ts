/**
 * The base every vendor client extends. It resolves options, builds the transport, and attaches
 * one resource object per entry of the generated `spec.resources`, so resource names, paths and
 * id types all come from the spec: a DELETE added to a spec appears after `pnpm generate`.
 */
import type { APIPromise } from "./api-promise.js";
import { type DeleteManyOptions, type DeleteManyResult, deleteMany } from "./bulk.js";
import { resolveConfig, type VendorClientOptions, type VendorDefinition } from "./config.js";
import { type DeleteOptions, type DeleteResult, deleteById, idParamOf } from "./delete.js";
import { leveledLogger } from "./logger.js";
import type { Client } from "./openapi-fetch.js";
import type { ApiSpec, OperationSpec } from "./spec.js";
import { Transport } from "./transport.js";

export interface DeleteResource<Id> {
  /** Deletes one resource by id. Rejects with a typed error; see `DeleteResult` for what success means. */
  delete(id: Id, options?: DeleteOptions): APIPromise<DeleteResult<Id>>;
  /** Deletes many ids with bounded concurrency. Never rejects for a per-id failure. */
  deleteMany(ids: Iterable<Id>, options?: DeleteManyOptions): Promise<DeleteManyResult<Id>>;
}

/**
 * The type of an operation's single path parameter, read from openapi-typescript's `paths`.
 * Written as one structural match rather than `Operation["path"] extends keyof Paths`: `keyof`
 * of an object type is rebuilt as a union on every use, which made type-checking a client
 * quadratic in the number of operations.
 */
export type PathIdOf<Paths, Operation extends OperationSpec> = Paths extends {
  [P in Operation["path"]]: { [M in Operation["method"]]: { parameters: { path: infer PathParams } } };
}
  ? PathParams[keyof PathParams]
  : never;

/** `{ accessTokens: DeleteResource<number> }` and the like, derived from a generated spec. */
export type ResourcesOf<Paths, Spec extends ApiSpec> = {
  readonly [R in keyof Spec["resources"]]: Spec["resources"][R]["delete"] extends infer Id extends string
    ? Spec["operations"] extends { readonly [K in Id]: infer Operation extends OperationSpec }
      ? DeleteResource<PathIdOf<Paths, Operation>>
      : never
    : never;
};

function createDeleteResource(transport: Transport, operation: OperationSpec): DeleteResource<unknown> {
  const idParam = idParamOf(operation);
  return {
    delete: (id, options) => deleteById(transport, operation, idParam, id, options),
    deleteMany: (ids, options) => deleteMany(transport, operation, idParam, ids, options),
  };
}

export abstract class APIClient<Paths extends object> {
  /** The openapi-fetch client typed with the generated paths, authenticated like the helpers. */
  readonly raw: Client<Paths>;
  /** The server this client talks to, after `baseUrl`, region and env resolution. */
  readonly baseUrl: string;

  protected constructor(vendor: VendorDefinition, options: VendorClientOptions) {
    const config = resolveConfig(vendor, options);
    const logger = leveledLogger(config.logLevel, options.logger ?? console);
    const transport = new Transport(
      { ...config, fetch: options.fetch, headers: options.headers, logger },
      vendor.spec.security.header,
    );
    this.raw = transport.raw as unknown as Client<Paths>;
    this.baseUrl = config.baseUrl;
    for (const [name, actions] of Object.entries(vendor.spec.resources)) {
      const operation = actions.delete === undefined ? undefined : vendor.spec.operations[actions.delete];
      if (!operation) continue;
      Object.defineProperty(this, name, { value: createDeleteResource(transport, operation), enumerable: true });
    }
  }
}
