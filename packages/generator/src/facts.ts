/**
 * Reads the facts the runtime needs (`ApiSpec` v2) and the words a person needs (summaries,
 * descriptions, for JSDoc and the report) out of a bundled, overlaid document.
 */
import type {
  ApiSpec,
  HttpMethod,
  OperationSpec,
  ParamSpec,
  ParamType,
  ResponseSpec,
  SchemaSpec,
  SecuritySchemeSpec,
  ServerSpec,
  ServerVariableSpec,
} from "@sdkforge/core";
import { deref, isObject, type Json, type JsonObject, stringOf } from "./json.ts";
import { camelCase, constantCase, identifier, methodFromOperation, pascalCase, resourceFromPath } from "./naming.ts";
import { jsonPointer, SpecProblem, type Warn } from "./problems.ts";

export const HTTP_METHODS: readonly HttpMethod[] = [
  "get",
  "put",
  "post",
  "delete",
  "patch",
  "head",
  "options",
  "trace",
];
const PARAM_TYPES = new Set<string>(["string", "integer", "number", "boolean"]);
/** Properties of every client: a resource may not shadow them. */
const RESERVED_RESOURCES = new Set(["raw", "baseUrl", "constructor", "prototype", "__proto__", "toString", "valueOf"]);
/** How deep response schemas are kept: the runtime checks the shape of a body's top levels only. */
const SCHEMA_DEPTH = 3;

/** What a person reads about one operation: JSDoc of its helper, rows of the report. */
export interface OperationDocs {
  readonly summary: string | undefined;
  readonly description: string | undefined;
  readonly deprecated: boolean;
  /** Descriptions of the path parameters, by name. */
  readonly pathParams: { readonly [name: string]: string | undefined };
}

export interface HelperFacts {
  readonly resource: string;
  readonly method: string;
  /** `deleteMany` for `delete`, `<method>Many` otherwise. */
  readonly bulk: string;
  readonly operationId: string;
}

export interface CredentialFacts {
  readonly option: string;
  readonly env: string;
  readonly scheme: string;
  readonly type: SecuritySchemeSpec["type"];
  readonly httpScheme?: "bearer" | "basic";
  readonly in: SecuritySchemeSpec["in"];
  readonly name: string;
  /** What the option is, for its JSDoc. */
  readonly description: string | undefined;
  readonly prefix: string;
}

export interface ReportOperation {
  readonly operationId: string | null;
  readonly method: HttpMethod;
  readonly path: string;
  readonly helper: string | null;
  readonly args: readonly string[];
  readonly reason?: string;
}

export interface ServerOptionFacts {
  readonly option: string;
  readonly variable: string;
  readonly enum: readonly string[] | undefined;
  readonly default: string;
  readonly description: string | undefined;
}

export interface VendorFacts {
  readonly vendor: string;
  readonly spec: ApiSpec;
  readonly docs: { readonly [operationId: string]: OperationDocs };
  /**
   * Path parameters whose schema lets `null` through, by operation: the generated types would
   * accept `null`, which no path can hold, so the helpers' argument types leave it out.
   */
  readonly nullablePathParams: { readonly [operationId: string]: readonly string[] };
  /** Tag descriptions by resource, for the resource's JSDoc. */
  readonly resourceDocs: { readonly [resource: string]: string | undefined };
  readonly helpers: readonly HelperFacts[];
  readonly credentials: readonly CredentialFacts[];
  readonly serverOptions: readonly ServerOptionFacts[];
  readonly regions: readonly string[];
  readonly baseUrlRequired: boolean;
  readonly operations: readonly ReportOperation[];
}

interface Context {
  readonly doc: JsonObject;
  readonly file: string;
  readonly warn: Warn;
}

function problem(context: Context, at: readonly string[], text: string, hint: string): SpecProblem {
  return new SpecProblem(context.file, jsonPointer(at), text, hint);
}

function schemaType(schema: JsonObject | undefined): string | undefined {
  const type = schema?.type;
  if (typeof type === "string") return schema?.nullable === true ? undefined : type;
  // OpenAPI 3.1: `type: [string, "null"]` — one type besides null is still that type, but null passes too.
  return undefined;
}

/**
 * Every type a parameter's schema allows, as openapi-typescript types it: `type` (one, or a
 * list), each `anyOf` / `oneOf` branch, or, with neither, the types of its `enum` values; `null`
 * is left out (the helpers' arguments are never null). Empty when the schema says nothing.
 */
function schemaParamTypes(doc: JsonObject, node: Json | undefined, seen = 0): ParamType[] {
  const schema = deref(doc, node);
  if (!schema || seen > SCHEMA_DEPTH) return [];
  const found: ParamType[] = [];
  const add = (type: unknown) => {
    if (typeof type === "string" && PARAM_TYPES.has(type) && !found.includes(type as ParamType)) {
      found.push(type as ParamType);
    }
  };
  const declared = schema.type;
  for (const type of Array.isArray(declared) ? declared : [declared]) add(type);
  for (const key of ["anyOf", "oneOf"] as const) {
    const branches = schema[key];
    if (Array.isArray(branches)) for (const branch of branches) schemaParamTypes(doc, branch, seen + 1).forEach(add);
  }
  if (found.length === 0 && declared === undefined && Array.isArray(schema.enum)) {
    for (const value of schema.enum) {
      add(typeof value === "number" ? (Number.isInteger(value) ? "integer" : "number") : typeof value);
    }
  }
  return found;
}

/** Whether openapi-typescript lets `null` through: `nullable`, a `"null"` type, a null branch or enum value. */
function allowsNull(doc: JsonObject, node: Json | undefined, seen = 0): boolean {
  const schema = deref(doc, node);
  if (!schema || seen > SCHEMA_DEPTH) return false;
  if (schema.nullable === true || schema.type === "null") return true;
  if (Array.isArray(schema.type) && schema.type.includes("null")) return true;
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) return true;
  return (["anyOf", "oneOf"] as const).some((key) => {
    const branches = schema[key];
    return Array.isArray(branches) && branches.some((branch) => allowsNull(doc, branch, seen + 1));
  });
}

/** Keeps the parts of a JSON Schema the runtime checks: type, properties, required, items. */
function simplifySchema(context: Context, node: Json | undefined, depth = 0): SchemaSpec | undefined {
  const schema = deref(context.doc, node);
  if (!schema) return undefined;
  const out: { -readonly [K in keyof SchemaSpec]: SchemaSpec[K] } = {};
  const type = schemaType(schema);
  if (type) out.type = type;
  if (depth >= SCHEMA_DEPTH) return out;
  if (Array.isArray(schema.required) && schema.required.every((name) => typeof name === "string")) {
    out.required = schema.required as string[];
  }
  if (isObject(schema.properties)) {
    const properties: Record<string, SchemaSpec> = {};
    for (const [name, child] of Object.entries(schema.properties)) {
      properties[name] = simplifySchema(context, child, depth + 1) ?? {};
    }
    out.properties = properties;
  }
  if (schema.items !== undefined) out.items = simplifySchema(context, schema.items, depth + 1) ?? {};
  return out;
}

/** The JSON media type when there is one, else the first. */
function preferredMedia(content: JsonObject): string | undefined {
  const types = Object.keys(content);
  return types.find((type) => /^application\/(.+\+)?json\b/i.test(type)) ?? types[0];
}

function responseFacts(context: Context, operation: JsonObject, at: readonly string[]): Record<string, ResponseSpec> {
  const out: Record<string, ResponseSpec> = {};
  const responses = deref(context.doc, operation.responses) ?? {};
  for (const status of Object.keys(responses).sort()) {
    if (status.startsWith("x-")) continue;
    const response = deref(context.doc, responses[status]);
    if (!response) throw problem(context, [...at, "responses", status], "cannot be resolved", "Fix its `$ref`.");
    const content = deref(context.doc, response.content) ?? {};
    const contentType = preferredMedia(content);
    const media = contentType === undefined ? undefined : deref(context.doc, content[contentType]);
    const fact: { -readonly [K in keyof ResponseSpec]: ResponseSpec[K] } = {
      description: stringOf(response.description) ?? "",
    };
    if (contentType !== undefined) fact.contentType = contentType;
    const schema = contentType && /json/i.test(contentType) ? simplifySchema(context, media?.schema) : undefined;
    if (schema) fact.schema = schema;
    const examples = isObject(media?.examples) ? Object.values(media.examples) : [];
    const example = media?.example ?? deref(context.doc, examples[0])?.value;
    if (example !== undefined) fact.example = example;
    out[status] = fact;
  }
  return out;
}

/** Header parameters OpenAPI says to ignore: the client sets these itself (3.0.3 and 3.1, Parameter Object `in`). */
const IGNORED_HEADER_PARAMS = new Set(["accept", "content-type", "authorization"]);

/**
 * A header parameter that is really the credential (VectorAI declares its `Authorization` as one, an
 * API may repeat its apiKey header): the client sends it from its credential options, so the
 * helper does not ask for it again.
 */
function isCredentialHeader(context: Context, name: string): boolean {
  const lower = name.toLowerCase();
  if (IGNORED_HEADER_PARAMS.has(lower)) return true;
  const components = deref(context.doc, context.doc.components);
  const schemes = deref(context.doc, components?.securitySchemes);
  return Object.values(schemes ?? {}).some((entry) => {
    const scheme = deref(context.doc, entry);
    return scheme?.type === "apiKey" && scheme.in === "header" && stringOf(scheme.name)?.toLowerCase() === lower;
  });
}

function paramFacts(
  context: Context,
  pathItem: JsonObject,
  operation: JsonObject,
  at: readonly string[],
): { params: ParamSpec[]; descriptions: Map<string, string | undefined>; nullable: Set<string> } {
  const raw = [
    ...(Array.isArray(pathItem.parameters) ? pathItem.parameters : []),
    ...(Array.isArray(operation.parameters) ? operation.parameters : []),
  ];
  const byKey = new Map<string, ParamSpec>();
  const descriptions = new Map<string, string | undefined>();
  const nullable = new Set<string>();
  raw.forEach((entry, index) => {
    const param = deref(context.doc, entry);
    const place = stringOf(param?.in);
    const name = stringOf(param?.name);
    if (!param || !name || (place !== "path" && place !== "query" && place !== "header" && place !== "cookie")) {
      throw problem(
        context,
        [...at, "parameters", String(index)],
        "is not a valid parameter",
        "Give it `name` and `in`.",
      );
    }
    if (place === "header" && isCredentialHeader(context, name)) return;
    const schema = deref(context.doc, param.schema);
    const values = Array.isArray(schema?.enum)
      ? schema.enum.filter((value) => ["string", "number", "boolean"].includes(typeof value))
      : [];
    const types = schemaParamTypes(context.doc, param.schema);
    const spec: ParamSpec = {
      name,
      in: place,
      required: param.required === true || place === "path",
      type: types[0] ?? "string",
      // Several types (`anyOf`, `oneOf`, `type: [..]`): the run time accepts a value of any of them, as the types do.
      ...(types.length > 1 ? { types } : {}),
      ...(values.length > 0 ? { enum: values as (string | number | boolean)[] } : {}),
    };
    if (place === "path" && allowsNull(context.doc, param.schema)) nullable.add(name);
    byKey.set(`${place}:${name}`, spec);
    if (place === "path") descriptions.set(name, stringOf(param.description));
  });
  return { params: [...byKey.values()], descriptions, nullable };
}

function serverFacts(context: Context, servers: Json | undefined, at: readonly string[]): ServerSpec[] {
  if (!Array.isArray(servers)) return [];
  return servers.map((entry, index) => {
    const server = deref(context.doc, entry);
    const url = stringOf(server?.url);
    if (!server || url === undefined) {
      throw problem(context, [...at, "servers", String(index)], "has no `url`", "Give every server a `url`.");
    }
    const out: { -readonly [K in keyof ServerSpec]: ServerSpec[K] } = { url };
    // Archil's servers name their region only in prose: "AWS EU West (Ireland) — aws-eu-west-1".
    const region = stringOf(server.description)?.match(/[—–-]\s*([a-z0-9]+(?:-[a-z0-9]+)+)\s*$/)?.[1];
    if (region) out.region = region;
    if (isObject(server.variables)) {
      const variables: Record<string, ServerVariableSpec> = {};
      for (const [name, value] of Object.entries(server.variables)) {
        const variable = deref(context.doc, value);
        const values = Array.isArray(variable?.enum) ? variable.enum.map(String) : undefined;
        const option = serverOptionName(name);
        variables[name] = {
          default: String(variable?.default ?? values?.[0] ?? ""),
          ...(values ? { enum: values } : {}),
          ...(option === name ? {} : { option }),
        };
      }
      out.variables = variables;
    }
    return out;
  });
}

/** The prose of the first server variable of this name: the document's servers, then each path's and operation's. */
function variableDescription(doc: JsonObject, variable: string): string | undefined {
  const lists: Json[] = [doc.servers ?? null];
  for (const item of Object.values(isObject(doc.paths) ? doc.paths : {})) {
    const pathItem = deref(doc, item);
    if (!pathItem) continue;
    lists.push(pathItem.servers ?? null);
    for (const operation of Object.values(pathItem)) if (isObject(operation)) lists.push(operation.servers ?? null);
  }
  for (const list of lists) {
    for (const server of Array.isArray(list) ? list : []) {
      const variables = deref(doc, deref(doc, server)?.variables);
      const description = stringOf(deref(doc, variables?.[variable])?.description);
      if (description !== undefined) return description;
    }
  }
  return undefined;
}

/** Option names every client has already: a server variable named like one gets a `server` prefix. */
const CLIENT_OPTIONS = new Set([
  "baseUrl",
  "fetch",
  "headers",
  "timeout",
  "maxRetries",
  "allowInsecureHttp",
  "logLevel",
  "logger",
]);

function serverOptionName(variable: string): string {
  const option = identifier(variable, "server");
  return CLIENT_OPTIONS.has(option) ? `server${pascalCase(option)}` : option;
}

function requirementList(context: Context, security: Json | undefined, at: readonly string[]): string[][] {
  if (!Array.isArray(security)) return [];
  const schemes = isObject(context.doc.components)
    ? deref(context.doc, context.doc.components.securitySchemes)
    : undefined;
  return security.map((requirement, index) => {
    if (!isObject(requirement)) {
      throw problem(context, [...at, String(index)], "is not a security requirement", "Use `{ SchemeName: [] }`.");
    }
    const names = Object.keys(requirement).sort();
    for (const name of names) {
      if (!schemes || !(name in schemes)) {
        throw problem(
          context,
          [...at, String(index), name],
          `names the security scheme ${name}, which components.securitySchemes does not define`,
          "Define the scheme, or fix the requirement's name.",
        );
      }
    }
    return names;
  });
}

function schemeFacts(context: Context, name: string): Omit<SecuritySchemeSpec, "options"> & { description?: string } {
  const at = ["components", "securitySchemes", name];
  const components = isObject(context.doc.components) ? context.doc.components : {};
  const scheme = deref(context.doc, deref(context.doc, components.securitySchemes)?.[name]);
  if (!scheme) throw problem(context, at, "cannot be resolved", "Fix its `$ref`.");
  const description = stringOf(scheme.description);
  const extra = description === undefined ? {} : { description };
  const type = stringOf(scheme.type);
  if (type === "http") {
    const httpScheme = stringOf(scheme.scheme)?.toLowerCase();
    if (httpScheme === "bearer")
      return { kind: "bearer", type, in: "header", name: "Authorization", prefix: "Bearer ", ...extra };
    if (httpScheme === "basic")
      return { kind: "basic", type, in: "header", name: "Authorization", prefix: "Basic ", ...extra };
    throw problem(
      context,
      [...at, "scheme"],
      `uses the http scheme "${String(scheme.scheme)}"; only bearer and basic are supported`,
      "Override the scheme in the overlay (for example with `scheme: bearer`) if the API accepts a token.",
    );
  }
  if (type === "apiKey") {
    const place = stringOf(scheme.in);
    const keyName = stringOf(scheme.name);
    if ((place !== "header" && place !== "query" && place !== "cookie") || !keyName) {
      throw problem(
        context,
        at,
        "is an apiKey scheme without a valid `in` and `name`",
        "Set `in` (header, query or cookie) and `name`.",
      );
    }
    const prefix = stringOf(scheme["x-sdkforge-prefix"]) ?? "";
    return { kind: "apiKey", type, in: place, name: keyName, prefix, ...extra };
  }
  if (type === "oauth2" || type === "openIdConnect") {
    return { kind: "bearer", type, in: "header", name: "Authorization", prefix: "Bearer ", ...extra };
  }
  throw problem(
    context,
    [...at, "type"],
    `has the type "${String(type)}", which a client cannot fill in for the caller`,
    "Remove the requirement for it in the overlay, or replace it with a bearer or apiKey scheme the API also accepts.",
  );
}

const BASE_OPTIONS: { readonly [kind in SecuritySchemeSpec["kind"]]: readonly string[] } = {
  bearer: ["token"],
  apiKey: ["apiKey"],
  basic: ["username", "password"],
};

function credentialOptions(
  context: Context,
  used: readonly string[],
  env: string,
): { schemes: Record<string, SecuritySchemeSpec>; credentials: CredentialFacts[] } {
  const facts = used.map((scheme) => ({ scheme, ...schemeFacts(context, scheme) }));
  // "Several schemes of one kind" means several mapping to the same option name; each then takes
  // the camelCase of its scheme's name instead.
  const byBase = new Map<string, number>();
  for (const fact of facts) byBase.set(fact.kind, (byBase.get(fact.kind) ?? 0) + 1);
  const schemes: Record<string, SecuritySchemeSpec> = {};
  const credentials: CredentialFacts[] = [];
  for (const fact of facts) {
    const shared = (byBase.get(fact.kind) ?? 0) > 1;
    const options = BASE_OPTIONS[fact.kind].map((base) => {
      const option = shared
        ? fact.kind === "basic"
          ? `${camelCase(fact.scheme)}${pascalCase(base)}`
          : camelCase(fact.scheme)
        : base;
      return { option, env: `${env}_${constantCase(option)}` };
    });
    const { description, scheme, ...spec } = fact;
    schemes[scheme] = { ...spec, options };
    for (const { option, env: variable } of options) {
      credentials.push({
        option,
        env: variable,
        scheme,
        type: spec.type,
        ...(spec.type === "http" ? { httpScheme: spec.kind === "basic" ? "basic" : "bearer" } : {}),
        in: spec.in,
        name: spec.name,
        description,
        prefix: spec.prefix,
      } as CredentialFacts);
    }
  }
  return { schemes, credentials };
}

/** `x-sdkforge-failure-when` or `x-sdkforge-success-when`: top-level property → value of a 2xx body. */
function bodyMarker(
  context: Context,
  operation: JsonObject,
  at: readonly string[],
  extension: "x-sdkforge-failure-when" | "x-sdkforge-success-when",
): OperationSpec["failureWhen"] {
  const marker = operation[extension];
  if (marker === undefined) return undefined;
  const valid =
    isObject(marker) && Object.values(marker).every((value) => ["string", "number", "boolean"].includes(typeof value));
  if (!valid) {
    throw problem(
      context,
      [...at, extension],
      "must map top-level properties to a string, number or boolean",
      "Write it as, for example, `{ status: error }`.",
    );
  }
  return marker as { [property: string]: string | number | boolean };
}

function pathParamOrder(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
}

/**
 * A DELETE helper takes its path parameters as arguments, typed from their declarations: a
 * templated parameter without one would be typed by guesswork, and a declared one missing from
 * the template would be an argument that goes nowhere. Either makes the helper wrong, so both
 * stop generation (any other operation gets a warning; it is only called through `raw`).
 */
function refusePathDisagreement(
  context: Context,
  at: readonly string[],
  path: string,
  pathParams: readonly string[],
  params: readonly ParamSpec[],
): void {
  const undeclared = pathParams.filter((name) => !params.some((p) => p.in === "path" && p.name === name));
  const untemplated = params.filter((p) => p.in === "path" && !pathParams.includes(p.name)).map((p) => p.name);
  if (undeclared.length === 0 && untemplated.length === 0) return;
  const parts = [
    ...(undeclared.length > 0
      ? [`its path ${path} has ${undeclared.map((n) => `{${n}}`).join(", ")}, not declared`]
      : []),
    ...(untemplated.length > 0
      ? [`it declares the path parameter${untemplated.length > 1 ? "s" : ""} ${untemplated.join(", ")}, not in ${path}`]
      : []),
  ];
  throw problem(
    context,
    [...at, "parameters"],
    `disagrees with its path template: ${parts.join("; ")}`,
    "Declare each `{name}` of the path as an `in: path` parameter, with its schema, and no others (in the overlay if the document is the vendor's).",
  );
}

interface Collected {
  readonly spec: OperationSpec;
  readonly docs: OperationDocs;
  readonly documentId: string | null;
  readonly tag: string | undefined;
  readonly resourceOverride: string | undefined;
  readonly methodOverride: string | undefined;
  readonly nullablePathParams: readonly string[];
}

/** JavaScript's reserved words, which cannot name a class. */
const RESERVED = new Set(
  "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await".split(
    " ",
  ),
);

/**
 * The client class name: `x-sdkforge-name` when it is an identifier, else the vendor's name in
 * PascalCase. The name is written into generated code as an identifier (the bin imports the
 * class by it), so text from a document that is not one must never get there.
 */
function className(wanted: string | undefined, vendor: string, file: string, warn: Warn): string {
  const fallback = pascalCase(vendor);
  if (wanted === undefined) return fallback;
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(wanted) && !RESERVED.has(wanted)) return wanted;
  warn(
    `${file} at /info/x-sdkforge-name: ${JSON.stringify(wanted)} is not an identifier; the client is named ${fallback}`,
  );
  return fallback;
}

interface OperationWhere {
  readonly path: string;
  readonly pathItem: JsonObject;
  readonly method: HttpMethod;
  readonly at: readonly string[];
  readonly operationId: string;
  readonly documentId: string | null;
}

/** One operation's runtime facts, docs and naming inputs. */
function collectOperation(
  context: Context,
  where: OperationWhere,
  operation: JsonObject,
  documentSecurity: string[][],
): Collected {
  const { doc, file, warn } = context;
  const { path, pathItem, method, at, operationId, documentId } = where;
  const pathServers = serverFacts(context, pathItem.servers, ["paths", path]);
  const { params, descriptions, nullable } = paramFacts(context, pathItem, operation, at);
  const pathParams = pathParamOrder(path);
  if (method === "delete") refusePathDisagreement(context, at, path, pathParams, params);
  for (const param of pathParams) {
    if (!params.some((p) => p.in === "path" && p.name === param)) {
      warn(`${file} at ${jsonPointer(at)}: path parameter {${param}} is not declared; it is taken as a string`);
      params.push({ name: param, in: "path", required: true, type: "string" });
    }
  }
  const requestBody = deref(doc, operation.requestBody);
  const bodyContent = deref(doc, requestBody?.content) ?? {};
  const bodyType = preferredMedia(bodyContent);
  const operationServers = serverFacts(context, operation.servers, at);
  const ownServers = operationServers.length > 0 ? operationServers : pathServers;
  const marker = bodyMarker(context, operation, at, "x-sdkforge-failure-when");
  const successMarker = bodyMarker(context, operation, at, "x-sdkforge-success-when");
  const spec: OperationSpec = {
    operationId,
    method,
    path,
    pathParams,
    params,
    ...(requestBody && bodyType ? { body: { required: requestBody.required === true, contentType: bodyType } } : {}),
    security:
      operation.security === undefined
        ? documentSecurity
        : requirementList(context, operation.security, [...at, "security"]),
    ...(ownServers.length > 0 ? { servers: ownServers } : {}),
    ...(marker ? { failureWhen: marker } : {}),
    ...(successMarker ? { successWhen: successMarker } : {}),
    responses: responseFacts(context, operation, at),
  };
  const tags = Array.isArray(operation.tags) ? operation.tags.filter((tag) => typeof tag === "string") : [];
  return {
    spec,
    documentId,
    tag: tags[0] as string | undefined,
    resourceOverride: stringOf(operation["x-sdkforge-resource"]),
    methodOverride: stringOf(operation["x-sdkforge-method"]),
    nullablePathParams: pathParams.filter((param) => nullable.has(param)),
    docs: {
      summary: stringOf(operation.summary),
      description: stringOf(operation.description),
      deprecated: operation.deprecated === true,
      pathParams: Object.fromEntries(pathParams.map((param) => [param, descriptions.get(param)])),
    },
  };
}

export function extractFacts(vendor: string, doc: JsonObject, file: string, warn: Warn): VendorFacts {
  const context: Context = { doc, file, warn };
  const info = isObject(doc.info) ? doc.info : {};
  const name = className(stringOf(info["x-sdkforge-name"]), vendor, file, warn);
  const env = constantCase(vendor);
  const servers = serverFacts(context, doc.servers, []);
  const documentSecurity = requirementList(context, doc.security, ["security"]);

  const collected: Collected[] = [];
  const ids = new Set<string>();
  const paths = deref(doc, doc.paths) ?? {};
  for (const path of Object.keys(paths).sort()) {
    if (!path.startsWith("/")) continue;
    const pathItem = deref(doc, paths[path]) ?? {};
    for (const method of HTTP_METHODS) {
      const at = ["paths", path, method];
      const operation = deref(doc, pathItem[method]);
      if (!operation) continue;
      const documentId = stringOf(operation.operationId) ?? null;
      let operationId = documentId ?? `${method} ${path}`;
      if (ids.has(operationId)) {
        warn(
          `${file} at ${jsonPointer(at)}: operationId ${operationId} is used twice; this one is keyed "${method} ${path}"`,
        );
        operationId = `${method} ${path}`;
      }
      ids.add(operationId);
      const where: OperationWhere = { path, pathItem, method, at, operationId, documentId };
      try {
        collected.push(collectOperation(context, where, operation, documentSecurity));
      } catch (error) {
        // No helper is built from another method's operation; only `raw` calls it. Unreadable, it
        // is left out of the runtime facts rather than stopping the whole package.
        if (method === "delete" || !(error instanceof SpecProblem)) throw error;
        warn(
          `${error.message.split("\n")[0]} (the operation is left out of the runtime facts: no helper is built from it)`,
        );
      }
    }
  }

  const usedSchemes = [...new Set(collected.flatMap((op) => op.spec.security.flat()))].sort();
  const { schemes, credentials } = credentialOptions(context, usedSchemes, env);
  const helpers = assignHelpers(collected, warn);
  const resources: Record<string, Record<string, string>> = {};
  for (const helper of helpers) {
    resources[helper.resource] ??= {};
    (resources[helper.resource] as Record<string, string>)[helper.method] = helper.operationId;
  }
  const tagDescriptions = new Map<string, string | undefined>();
  for (const tag of Array.isArray(doc.tags) ? doc.tags : []) {
    if (isObject(tag) && typeof tag.name === "string") tagDescriptions.set(tag.name, stringOf(tag.description));
  }
  const resourceDocs: Record<string, string | undefined> = {};
  for (const helper of helpers) {
    const tag = collected.find((op) => op.spec.operationId === helper.operationId)?.tag;
    resourceDocs[helper.resource] ??= tag === undefined ? undefined : (tagDescriptions.get(tag) ?? tag);
  }
  const byOperation = new Map(helpers.map((helper) => [helper.operationId, helper]));

  // Path- and operation-level servers' variables are read from the same options at run time
  // (core's `operationBaseUrl`), so they are options too; the document's own servers come first.
  const everyServer = [...servers, ...collected.flatMap((op) => op.spec.servers ?? [])];
  const regionNamed = servers.some((server) => server.region !== undefined);
  const serverOptions = new Map<string, ServerOptionFacts>();
  for (const server of everyServer) {
    for (const [variable, spec] of Object.entries(server.variables ?? {})) {
      const option = spec.option ?? variable;
      if ([...serverOptions.values()].some((known) => known.option === option)) continue;
      // With region-named servers, `region` is already the option that picks one.
      if (regionNamed && option === "region") continue;
      serverOptions.set(variable, {
        option,
        variable,
        enum: spec.enum,
        default: spec.default,
        description: variableDescription(doc, variable),
      });
    }
  }
  const first = servers[0];

  return {
    vendor,
    spec: {
      name,
      env,
      title: stringOf(info.title) ?? "",
      version: stringOf(info.version) ?? "",
      servers,
      securitySchemes: schemes,
      operations: Object.fromEntries(collected.map((op) => [op.spec.operationId, op.spec])),
      resources,
    },
    docs: Object.fromEntries(collected.map((op) => [op.spec.operationId, op.docs])),
    nullablePathParams: Object.fromEntries(
      collected
        .filter((op) => op.nullablePathParams.length > 0)
        .map((op) => [op.spec.operationId, op.nullablePathParams]),
    ),
    resourceDocs,
    helpers,
    credentials,
    serverOptions: [...serverOptions.values()],
    regions: servers.flatMap((server) => (server.region ? [server.region] : [])),
    baseUrlRequired: first === undefined || !/^[a-z][a-z0-9+.-]*:\/\//i.test(first.url),
    operations: collected.map((op) => {
      const helper = byOperation.get(op.spec.operationId);
      return {
        operationId: op.documentId,
        method: op.spec.method,
        path: op.spec.path,
        helper: helper ? `${helper.resource}.${helper.method}` : null,
        args: op.spec.pathParams,
        ...(helper ? {} : { reason: "not a DELETE operation: call it through `raw`" }),
      };
    }),
  };
}

function bulkName(method: string): string {
  return method === "delete" ? "deleteMany" : `${method}Many`;
}

/**
 * One helper per DELETE. Resource: `x-sdkforge-resource`, else the camelCase of the first tag,
 * else from the path. Method: `x-sdkforge-method`, else `delete` when the operation is its
 * resource's only DELETE, else from the operationId (or the path). Operations are named in path
 * order, overridden ones first; a name (or its bulk form) already taken gets the next free
 * number (`deleteUser2`), and the renaming is reported.
 */
function assignHelpers(collected: readonly Collected[], warn: Warn): HelperFacts[] {
  const deletes = collected.filter((op) => op.spec.method === "delete");
  const resourceOf = new Map<Collected, string>();
  for (const op of deletes) {
    let resource = op.resourceOverride
      ? identifier(op.resourceOverride, "root")
      : op.tag
        ? identifier(op.tag, "root")
        : resourceFromPath(op.spec.path);
    if (RESERVED_RESOURCES.has(resource)) {
      warn(
        `${op.spec.operationId}: resource "${resource}" would hide a client property; it becomes "${resource}Resource"`,
      );
      resource = `${resource}Resource`;
    }
    resourceOf.set(op, resource);
  }
  const groupSize = new Map<string, number>();
  for (const resource of resourceOf.values()) groupSize.set(resource, (groupSize.get(resource) ?? 0) + 1);
  const ordered = [...deletes].sort(
    (a, b) => Number(b.methodOverride !== undefined) - Number(a.methodOverride !== undefined),
  );
  const taken = new Map<string, Set<string>>();
  const helpers: HelperFacts[] = [];
  for (const op of ordered) {
    const resource = resourceOf.get(op) as string;
    const names = taken.get(resource) ?? new Set<string>();
    taken.set(resource, names);
    const wanted = op.methodOverride
      ? identifier(op.methodOverride, "delete")
      : groupSize.get(resource) === 1
        ? "delete"
        : methodFromOperation(op.documentId ?? undefined, op.spec.path);
    let method = wanted;
    for (let n = 2; names.has(method) || names.has(bulkName(method)); n++) method = `${wanted}${n}`;
    if (method !== wanted) {
      warn(
        `${op.spec.operationId} (DELETE ${op.spec.path}): ${resource}.${wanted} is taken; the helper is ${resource}.${method}`,
      );
    }
    names.add(method);
    names.add(bulkName(method));
    helpers.push({ resource, method, bulk: bulkName(method), operationId: op.spec.operationId });
  }
  // Sorted by code unit, not locale, so every machine writes the same file.
  const key = (helper: HelperFacts) => `${helper.resource}\u0000${helper.method}`;
  return helpers.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
