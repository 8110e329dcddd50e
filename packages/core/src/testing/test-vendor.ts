/**
 * The standard description of a vendor SDK under test, exported by every vendor's `/testing` entry
 * as `testVendor`. Everything that spans vendors (the conformance suites, the runtime matrix, the
 * release rehearsal's consumers, the demo) drives a vendor through this alone, so a new vendor
 * needs no lines of its own in any of them.
 *
 * It is built from the vendor's generated facts: the helper it exercises, the id's type and the
 * rules for valid ids, the credential option and its prefix, the log variable, the error statuses
 * the spec documents. A vendor may add how to start its own test server (with its state rules);
 * without one it gets core's spec-driven server, so a new vendor's `/testing` is one call.
 */
import type { DeleteManyOptions, DeleteManyResult } from "../bulk.js";
import type { ClientOptions, VendorDefinition } from "../config.js";
import type { DeleteOptions, DeleteResult } from "../delete.js";
import type { OperationSpec, ParamSpec } from "../spec.js";
import type { SpecServer } from "./spec-server.js";
import { startStatefulSpecServer } from "./stateful-server.js";

/** A vendor's delete helper with the id type erased, so callers can also feed it wrong ids on purpose. */
export interface TestDeleteResource {
  delete(
    id: unknown,
    options?: DeleteOptions,
  ): PromiseLike<DeleteResult<unknown>> & {
    withResponse(): Promise<{ data: DeleteResult<unknown>; response: Response }>;
  };
  deleteMany(ids: Iterable<unknown>, options?: DeleteManyOptions): Promise<DeleteManyResult<unknown>>;
}

export interface TestServerOptions {
  /** Ids that exist when the server starts. */
  readonly ids: Iterable<unknown>;
  /** The credential the server accepts, as `TestVendor.credential` gives it. */
  readonly credential: string;
  /** `Access-Control-Allow-Origin` for browser tests. */
  readonly cors?: string;
  readonly port?: number;
}

export interface TestServer {
  readonly server: SpecServer;
  /** Live state: the ids that still exist on the server. */
  readonly liveIds: Set<unknown>;
}

export interface TestClientOptions extends ClientOptions {
  /** Usually the test server's URL; without it the client resolves one as it would for a caller. */
  readonly baseUrl?: string;
  /** For vendors whose spec lists regions (see `TestVendor.regions`). */
  readonly region?: string;
  /** Replaces the vendor's working credential, e.g. with a wrong one. */
  readonly credential?: string;
}

export interface TestVendor {
  /** Product name and client class, e.g. `Acme`. */
  readonly name: string;
  /** The regions the client's `region` option takes, with the server each selects; empty when the spec has none. */
  readonly regions: readonly { readonly region: string; readonly url: string }[];
  /** The client property of the helper under test, e.g. `apiTokens`. */
  readonly resourceName: string;
  readonly operationId: string;
  /** The templated path of the operation, as it appears in errors and logs. */
  readonly pathTemplate: string;
  /** The request target before the id, e.g. `/api/tokens/`. */
  readonly pathPrefix: string;
  /** The path parameter the helper takes. */
  readonly idParam: ParamSpec;
  /** The env var that overrides `logLevel`. */
  readonly logEnv: string;
  /** The constructor option that carries the credential, e.g. `apiKey`. */
  readonly credentialOption: string;
  /** A credential the client is given and the test server accepts; distinctive, so a leak is easy to find. */
  readonly credential: string;
  /** A credential of the right form that the server refuses. */
  readonly wrongCredential: string;
  /** Every substring of the credential that must never leave the SDK. */
  readonly secrets: readonly string[];
  /** The error statuses the spec documents for the operation, ascending. */
  readonly errorStatuses: readonly number[];
  /** `n` distinct valid ids, deterministic. */
  ids(n: number, offset?: number): unknown[];
  /** Ids the SDK must refuse before sending anything. */
  readonly invalidIds: readonly unknown[];
  /** Whether the SDK must accept `id`: the documented rules, written out independently of the SDK's checks. */
  isValidId(id: unknown): boolean;
  /** The vendor's test server on 127.0.0.1, accepting `credential` unless told otherwise. */
  start(options?: Partial<TestServerOptions>): Promise<TestServer>;
  /** A client pointed at `baseUrl` with the working credential unless `credential` says otherwise. */
  client(options: TestClientOptions): object;
  /** The helper under test on such a client. */
  resource(options: TestClientOptions): TestDeleteResource;
}

export interface TestVendorDefinition<Options, Client extends object> {
  readonly vendor: VendorDefinition;
  readonly Client: new (options: Options) => Client;
  /**
   * Starts the vendor's test server with the given ids and credential. Default: the spec server
   * with core's stateful delete rule (stateful-server.ts), which needs no vendor code at all.
   */
  start?(options: TestServerOptions): Promise<TestServer>;
  /** The resource whose delete helper is exercised; default the first one with a delete. */
  readonly resource?: string;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

interface IdRules {
  ids(n: number, offset: number): unknown[];
  readonly invalid: readonly unknown[];
  isValid(id: unknown): boolean;
}

const INTEGER_IDS: IdRules = {
  ids: (n, offset) => Array.from({ length: n }, (_, i) => 48_213 + offset + i),
  invalid: [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, "12", null, undefined, {}],
  isValid: (id) => typeof id === "number" && Number.isSafeInteger(id) && id >= 0,
};

const NUMBER_IDS: IdRules = {
  ids: (n, offset) => Array.from({ length: n }, (_, i) => 482.5 + offset + i),
  invalid: [Number.NaN, Number.POSITIVE_INFINITY, "12", null, undefined, {}],
  isValid: (id) => typeof id === "number" && Number.isFinite(id),
};

const STRING_IDS: IdRules = {
  ids: (n, offset) => Array.from({ length: n }, (_, i) => `tok${(0x5a17 + offset + i).toString(16)}`),
  invalid: ["", ".", "..", "a\u0000b", "line\nbreak", "\ud800", 12, null, undefined],
  isValid: (id) =>
    typeof id === "string" && id !== "" && id !== "." && id !== ".." && !CONTROL.test(id) && id.isWellFormed(),
};

function idRules(param: ParamSpec): IdRules {
  if (param.type === "integer") return INTEGER_IDS;
  if (param.type === "number") return NUMBER_IDS;
  if (param.type === "string") return STRING_IDS;
  throw new Error(`no test ids for a ${param.type} path parameter (${param.name})`);
}

function helperOperation(vendor: VendorDefinition, wanted: string | undefined): [string, OperationSpec] {
  const entries = Object.entries(vendor.spec.resources);
  const found =
    wanted === undefined ? entries.find(([, actions]) => actions.delete) : entries.find(([n]) => n === wanted);
  const operation = found?.[1].delete === undefined ? undefined : vendor.spec.operations[found[1].delete];
  if (!found || !operation) throw new Error(`${vendor.name}: no delete helper${wanted ? ` on ${wanted}` : ""} to test`);
  return [found[0], operation];
}

/** A name that shows up nowhere else, so a leak of it anywhere is unambiguous. */
function distinctiveSecret(name: string): string {
  return `S3cret${name.replace(/[^A-Za-z0-9]/g, "")}Conformance7Q2x`;
}

export function defineTestVendor<Options, Client extends object>(
  definition: TestVendorDefinition<Options, Client>,
): TestVendor {
  const { vendor, Client } = definition;
  const [resourceName, operation] = helperOperation(vendor, definition.resource);
  const pathParams = operation.params.filter((param) => param.in === "path");
  const idParam = pathParams[0];
  if (!idParam || pathParams.length !== 1) {
    throw new Error(`${vendor.name}: ${operation.operationId} must take exactly one path parameter to be tested by id`);
  }
  const rules = idRules(idParam);
  // The scheme's own prefix (`Bearer `) is the SDK's to add; a vendor-specific one (`key-`) is part
  // of the credential callers are handed, so the working credential carries it and the secret is the rest.
  const { prefix } = vendor.spec.security;
  const credentialPrefix = /^bearer\s$/i.test(prefix) ? "" : prefix;
  const secret = distinctiveSecret(vendor.name);
  const credential = `${credentialPrefix}${secret}`;
  const errorStatuses = Object.keys(operation.responses)
    .filter((status) => /^[45]\d\d$/.test(status))
    .map(Number)
    .sort((a, b) => a - b);

  const client = ({ credential: given, ...options }: TestClientOptions): Client =>
    new Client({ ...options, [vendor.credential.option]: given ?? credential } as Options);

  return {
    name: vendor.name,
    regions: vendor.spec.servers.flatMap(({ region, url }) => (region === undefined ? [] : [{ region, url }])),
    resourceName,
    operationId: operation.operationId,
    pathTemplate: operation.path,
    pathPrefix: operation.path.slice(0, operation.path.indexOf("{")),
    idParam,
    logEnv: vendor.logLevelEnv,
    credentialOption: vendor.credential.option,
    credential,
    wrongCredential: `${credentialPrefix}wrongButWellFormed000`,
    secrets: [secret],
    errorStatuses,
    ids: (n, offset = 0) => rules.ids(n, offset),
    invalidIds: rules.invalid,
    isValidId: rules.isValid,
    start(options = {}) {
      const full: TestServerOptions = { ids: [], credential, ...options };
      if (definition.start) return definition.start(full);
      return startStatefulSpecServer({
        spec: vendor.spec,
        // The server compares what follows the scheme's prefix, as the SDK sends it exactly once.
        credential: full.credential.slice(credentialPrefix.length),
        ids: full.ids,
        ...(full.cors === undefined ? {} : { cors: full.cors }),
        ...(full.port === undefined ? {} : { port: full.port }),
      });
    },
    client,
    resource(options) {
      const resource = (client(options) as Record<string, unknown>)[resourceName];
      if (typeof resource !== "object" || resource === null) {
        throw new Error(`${vendor.name}: the client has no ${resourceName} resource`);
      }
      return resource as TestDeleteResource;
    },
  };
}
