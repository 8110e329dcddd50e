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
import type { ClientOptions } from "../config.js";
import type { DeleteOptions, DeleteResult } from "../delete.js";
import type { ApiSpec, OperationSpec, ParamSpec, SecuritySchemeSpec } from "../spec.js";
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
  /**
   * Whether the SDK has a helper the suites can drive by one id. A document without one (no DELETE,
   * or only DELETEs with several path parameters) still gets a `testVendor`, with `drivable: false`:
   * its `start` works, and everything about the helper is empty (`ids` returns nothing).
   */
  readonly drivable: boolean;
  /** The regions the client's `region` option takes, with the server each selects; empty when the spec has none. */
  readonly regions: readonly { readonly region: string; readonly url: string }[];
  /** The client property of the helper under test, e.g. `apiTokens`. */
  readonly resourceName: string;
  /** The helper's name on it, e.g. `delete`; its bulk form is `<method>Many`. */
  readonly method: string;
  readonly operationId: string;
  /** The templated path of the operation, as it appears in errors and logs. */
  readonly pathTemplate: string;
  /** The request target before the id, e.g. `/api/tokens/`. */
  readonly pathPrefix: string;
  /** The path parameter the helper takes. */
  readonly idParam: ParamSpec;
  /** The env var that overrides `logLevel`. */
  readonly logEnv: string;
  /** The constructor option that carries the credential, e.g. `apiKey` (the first, for basic auth's two). */
  readonly credentialOption: string;
  /** A credential the client is given and the test server accepts; distinctive, so a leak is easy to find. */
  readonly credential: string;
  /** Every credential option the helper's operation needs, with its working value (`credential` among them). */
  readonly credentials: Readonly<Record<string, string>>;
  /** The same credentials as the env vars the client (and the CLI) read them from, e.g. `{ ACME_API_KEY: … }`. */
  readonly credentialEnv: Readonly<Record<string, string>>;
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

// The instance type is `Instance`, not `Client`: a type parameter named like a member trips API Extractor.
export interface TestVendorDefinition<Options, Instance extends object> {
  /** The vendor's generated facts (`src/generated/spec.ts`). */
  readonly spec: ApiSpec;
  readonly Client: new (options: Options) => Instance;
  /**
   * Starts the vendor's test server with the given ids and credential. Default: the spec server
   * with core's stateful delete rule (stateful-server.ts), which needs no vendor code at all.
   */
  start?(options: TestServerOptions): Promise<TestServer>;
  /** The resource whose helper is exercised; default the first with a helper the suites can drive by one id. */
  readonly resource?: string;
  /** The helper on that resource; default `delete` when it has one, else its first. */
  readonly method?: string;
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

/** Whether the suites can drive an operation by one id: one path parameter, of a type they have ids for. */
function drivableById(operation: OperationSpec): boolean {
  const pathParams = operation.params.filter((param) => param.in === "path");
  return pathParams.length === 1 && pathParams[0]?.type !== "boolean";
}

/** The schemes a call must send: the operation's first alternative that needs any (none when one needs none). */
function requiredSchemes(spec: ApiSpec, operation: OperationSpec): [string, SecuritySchemeSpec][] {
  if (operation.security.some((alternative) => alternative.length === 0)) return [];
  const [first] = operation.security;
  return (first ?? []).flatMap((name) => {
    const scheme = spec.securitySchemes[name];
    return scheme ? [[name, scheme] as [string, SecuritySchemeSpec]] : [];
  });
}

function helperOperation(
  spec: ApiSpec,
  wantedResource: string | undefined,
  wantedMethod: string | undefined,
): [string, string, OperationSpec] | undefined {
  const candidates: [string, string, OperationSpec][] = [];
  for (const [resource, methods] of Object.entries(spec.resources)) {
    if (wantedResource !== undefined && resource !== wantedResource) continue;
    const names = Object.keys(methods).sort((a, b) => Number(b === "delete") - Number(a === "delete"));
    for (const method of names) {
      const operation = spec.operations[methods[method] ?? ""];
      if (wantedMethod !== undefined && method !== wantedMethod) continue;
      if (operation && (wantedResource !== undefined || drivableById(operation))) {
        candidates.push([resource, method, operation]);
      }
    }
  }
  // A helper that needs a credential exercises more (401s, masking) than one that needs none.
  return candidates.find(([, , operation]) => requiredSchemes(spec, operation).length > 0) ?? candidates[0];
}

/** Stands in for the helper of an SDK that has none the suites can drive. */
const NO_OPERATION: OperationSpec = {
  operationId: "",
  method: "delete",
  path: "",
  pathParams: [],
  params: [],
  security: [],
  responses: {},
};
const NO_ID: ParamSpec = { name: "", in: "path", required: true, type: "string" };
const NO_IDS: IdRules = { ids: () => [], invalid: [], isValid: () => false };

/** A name that shows up nowhere else, so a leak of it anywhere is unambiguous. */
function distinctiveSecret(name: string): string {
  return `S3cret${name.replace(/[^A-Za-z0-9]/g, "")}Conformance7Q2x`;
}

export function defineTestVendor<Options, Instance extends object>(
  definition: TestVendorDefinition<Options, Instance>,
): TestVendor {
  const { spec, Client } = definition;
  const helper = helperOperation(spec, definition.resource, definition.method);
  if (!helper && (definition.resource !== undefined || definition.method !== undefined)) {
    throw new Error(
      `${spec.name}: no helper ${definition.resource ?? "*"}.${definition.method ?? "*"} to test by one id`,
    );
  }
  const [resourceName, method, operation] = helper ?? ["", "", NO_OPERATION];
  const idParam = operation.params.find((param) => param.in === "path") ?? NO_ID;
  const rules = helper ? idRules(idParam) : NO_IDS;
  // Without a helper to test, the credential is the first scheme the document declares.
  const schemes = helper ? requiredSchemes(spec, operation) : Object.entries(spec.securitySchemes).slice(0, 1);
  // The scheme's own prefix (`Bearer `, `Basic `) is the SDK's to add; a vendor-specific one (`key-`)
  // is part of the credential callers are handed, so the working credential carries it and the secret is the rest.
  const callerPrefix = (scheme: SecuritySchemeSpec) => (scheme.kind === "apiKey" ? scheme.prefix : "");
  const credentials: Record<string, string> = {};
  const credentialEnv: Record<string, string> = {};
  const secrets: string[] = [];
  for (const [name, scheme] of schemes) {
    for (const { option, env } of scheme.options) {
      const secret = distinctiveSecret(`${spec.name}${name}${option}`);
      // A user name is not a secret; everything else is, and must never leave the SDK.
      if (option === "username") credentials[option] = `user${secret.slice(-6)}`;
      else {
        secrets.push(secret);
        credentials[option] = `${callerPrefix(scheme)}${secret}`;
      }
      credentialEnv[env] = credentials[option] as string;
    }
  }
  const [firstScheme] = schemes;
  const credentialOption = firstScheme?.[1].options.at(-1)?.option ?? "";
  const credential = credentials[credentialOption] ?? "";
  /** What the server compares: the first scheme's value without its prefix (basic: `user:password` in base64). */
  const expectedOnServer = (given: Readonly<Record<string, string>>): string | undefined => {
    if (!firstScheme) return undefined;
    const [, scheme] = firstScheme;
    if (scheme.kind === "basic") return btoa(`${given.username ?? ""}:${given.password ?? ""}`);
    return (given[credentialOption] ?? "").slice(callerPrefix(scheme).length);
  };
  const errorStatuses = Object.keys(operation.responses)
    .filter((status) => /^[45]\d\d$/.test(status))
    .map(Number)
    .sort((a, b) => a - b);

  const client = ({ credential: given, ...options }: TestClientOptions): Instance => {
    const values = given === undefined ? credentials : { ...credentials, [credentialOption]: given };
    return new Client({ ...options, ...values } as Options);
  };
  const wrongCredential = firstScheme ? `${callerPrefix(firstScheme[1])}wrongButWellFormed000` : "";

  return {
    name: spec.name,
    drivable: helper !== undefined,
    regions: spec.servers.flatMap(({ region, url }) => (region === undefined ? [] : [{ region, url }])),
    resourceName,
    method,
    operationId: operation.operationId,
    pathTemplate: operation.path,
    pathPrefix: operation.path.slice(0, operation.path.indexOf("{")),
    idParam,
    logEnv: `${spec.env}_LOG`,
    credentialOption,
    credential,
    credentials,
    credentialEnv,
    wrongCredential,
    secrets,
    errorStatuses,
    ids: (n, offset = 0) => rules.ids(n, offset),
    invalidIds: rules.invalid,
    isValidId: rules.isValid,
    start(options = {}) {
      const full: TestServerOptions = { ids: [], credential, ...options };
      if (definition.start) return definition.start(full);
      const expected = expectedOnServer({ ...credentials, [credentialOption]: full.credential });
      return startStatefulSpecServer({
        spec,
        ...(expected === undefined ? {} : { credential: expected }),
        ids: full.ids,
        ...(full.cors === undefined ? {} : { cors: full.cors }),
        ...(full.port === undefined ? {} : { port: full.port }),
      });
    },
    client,
    resource(options) {
      const helpers = (client(options) as Record<string, unknown>)[resourceName] as Record<string, unknown> | undefined;
      const one = helpers?.[method];
      const many = helpers?.[`${method}Many`];
      if (typeof one !== "function" || typeof many !== "function") {
        throw new Error(`${spec.name}: the client has no ${resourceName}.${method}`);
      }
      return { delete: one, deleteMany: many } as TestDeleteResource;
    },
  };
}
