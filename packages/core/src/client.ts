/**
 * The base every vendor client extends. It resolves options, builds the transport, and attaches
 * one object per entry of the generated `spec.resources`, with one helper per DELETE and its bulk
 * form: names, paths, path-parameter order and types all come from the spec. Their types come
 * from the vendor's generated `Resources` interface.
 */
import type { APIPromise } from "./api-promise.js";
import { type DeleteManyOptions, type DeleteManyResult, deleteMany, type IdSource } from "./bulk.js";
import { type ClientOptions, operationBaseUrl, resolveConfig, type VendorClientOptions } from "./config.js";
import { type DeleteOptions, type DeleteResult, deleteOne, type HelperOptions } from "./delete.js";
import { leveledLogger } from "./logger.js";
import type { Client } from "./openapi-fetch.js";
import type { ApiSpec, OperationSpec } from "./spec.js";
import { Transport } from "./transport.js";

/** A resource with one single-id `delete` helper and its bulk form. */
export interface DeleteResource<Id, Data = unknown> {
  /** Deletes one resource by id. Rejects with a typed error; see `DeleteResult` for what success means. */
  delete(id: Id, options?: DeleteOptions): APIPromise<DeleteResult<Id, Data>>;
  /** Deletes many ids (an iterable or async iterable, read as it goes) with bounded concurrency. Never rejects for a per-id failure. */
  deleteMany(ids: IdSource<Id>, options?: DeleteManyOptions): Promise<DeleteManyResult<Id, Data>>;
}

/** The bulk form of a helper: `deleteMany` for `delete`, `<method>Many` otherwise (the generator uses the same rule). */
export function bulkMethodName(method: string): string {
  return method === "delete" ? "deleteMany" : `${method}Many`;
}

type Helper = (...args: unknown[]) => unknown;

function createHelpers(transport: Transport, operation: OperationSpec, server: string | undefined): [Helper, Helper] {
  const arity = operation.pathParams.length;
  const one: Helper = (...args) => {
    const values = args.slice(0, arity);
    const id = arity === 1 ? values[0] : values;
    return deleteOne(transport, operation, values, id, {
      ...(args[arity] as HelperOptions | undefined),
      operationServer: server,
    });
  };
  const many: Helper = (ids, options) =>
    deleteMany(transport, operation, ids as IdSource<unknown>, {
      ...(options as DeleteManyOptions | undefined),
      operationServer: server,
    });
  return [one, many];
}

export abstract class APIClient<Paths extends object> {
  /** The openapi-fetch client typed with the generated paths, authenticated like the helpers. */
  readonly raw: Client<Paths>;
  /** The server this client talks to, after `baseUrl`, region, server-variable and env resolution. */
  readonly baseUrl: string;

  protected constructor(spec: ApiSpec, options: ClientOptions = {}) {
    const specOptions = options as VendorClientOptions;
    const config = resolveConfig(spec, specOptions);
    const logger = leveledLogger(config.logLevel, options.logger ?? console);
    const operationServer = (operation: OperationSpec) => operationBaseUrl(spec, operation, config, specOptions);
    const transport = new Transport(
      { ...config, fetch: options.fetch, headers: options.headers, logger, operationServer },
      spec,
    );
    this.raw = transport.raw as unknown as Client<Paths>;
    this.baseUrl = config.baseUrl;
    for (const [name, methods] of Object.entries(spec.resources)) {
      const resource: Record<string, Helper> = {};
      for (const [method, operationId] of Object.entries(methods)) {
        const operation = spec.operations[operationId];
        if (!operation) continue;
        const [one, many] = createHelpers(transport, operation, operationServer(operation));
        resource[method] = one;
        resource[bulkMethodName(method)] = many;
      }
      Object.defineProperty(this, name, { value: Object.freeze(resource), enumerable: true });
    }
  }
}
