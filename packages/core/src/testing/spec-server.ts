/**
 * A real HTTP server on 127.0.0.1 that serves the operations of a generated spec. It checks every
 * incoming request against the spec (route, parameter types, security header, no stray body),
 * records what it received with credentials redacted, and answers every operation: through its
 * handler where the vendor wrote a state rule, else with the success response the spec documents
 * (its example, or a body built from its schema). Given the credential it accepts, it answers a
 * missing or wrong one with the documented 401 before any handler runs.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { redactHeaders, redactHeaderValue } from "../secrets.js";
import type { ApiSpec, OperationSpec } from "../spec.js";
import { documentedBody, documentedError, successStatus } from "./documented-body.js";

export interface RecordedRequest {
  readonly method: string;
  /** The request target exactly as received, e.g. `/api/tokens/a%2Fb`, with a query-string credential's value as `***`. */
  readonly target: string;
  /** The matched operation, or `undefined` when no route matched. */
  operationId: string | undefined;
  /** Path parameters, percent-decoded. */
  pathParams: Readonly<Record<string, string>>;
  /** When the request was complete, on the `performance.now()` clock of the server's process. */
  readonly receivedAt: number;
  /** Request headers with credentials redacted: the well-known ones and every header a security scheme names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyLength: number;
  /** Every way the request broke the spec; empty for a conforming request. */
  violations: readonly string[];
  /** The status the server answered with; 0 when no status line was sent (a dropped or stalled connection). */
  status: number;
  /** The name of the fault injected into this request's response, if any. */
  fault: string | undefined;
  /** Whether the handler ran, i.e. the request took effect on the server's state. */
  applied: boolean;
}

export interface HandlerContext {
  readonly operation: OperationSpec;
  readonly pathParams: Readonly<Record<string, string>>;
  /** The credential with the scheme prefix removed; `undefined` when missing or malformed. */
  readonly credential: string | undefined;
  readonly request: IncomingMessage;
}

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type Handler = (context: HandlerContext) => Reply;

/** Takes over one request before routing: write the response (or destroy the socket) yourself. */
export type Interceptor = (request: IncomingMessage, response: ServerResponse, record: RecordedRequest) => boolean;

/** What a fault gets to work with once a request has been routed (and, if it asked, handled). */
export interface FaultContext {
  readonly response: ServerResponse;
  readonly record: RecordedRequest;
  /** The handler's reply when the fault `applies`, otherwise `undefined`. */
  readonly reply: Reply | undefined;
  /** Writes a reply the way the server normally would (JSON body, content-length). */
  send(reply: Reply): void;
  /** The vendor's error body for a message, as the server uses it. */
  errorBody(message: string): unknown;
  /** The bytes and headers of a reply as the server would send them, for faults that cut it short. */
  encode(reply: Reply): { readonly headers: Record<string, string | number>; readonly body: Buffer };
}

/**
 * A misbehaviour of the server for one routed request. `applies` says whether the request takes
 * effect first (the handler runs and changes state) — the case a client cannot tell from the
 * outside, e.g. a connection lost after a delete was performed.
 */
export interface Fault {
  readonly name: string;
  readonly applies: boolean;
  /** Sends (or withholds) the response. Leaving it unanswered holds the socket until the client or `close()` ends it. */
  deliver(context: FaultContext): void;
}

/** Chooses a fault for a routed request, or `undefined` to serve it normally. */
export type FaultPolicy = (record: RecordedRequest) => Fault | undefined;

export interface SpecServerOptions {
  readonly spec: ApiSpec;
  /** State rules by operationId; an operation without one gets its documented success response. */
  readonly handlers?: Readonly<Record<string, Handler>>;
  /**
   * The vendor's error body for a message, e.g. `{ success: false, error }`. Default: the body the
   * spec documents for the status (its example, or one built from its schema), else `{ message }`.
   */
  readonly errorBody?: (message: string) => unknown;
  /**
   * The credential (without the scheme's prefix) the server accepts. When set, a request without
   * it gets the documented 401 before any handler runs; when unset, handlers judge credentials.
   */
  readonly credential?: string;
  /** Port on 127.0.0.1; default 0 (any free port). */
  readonly port?: number;
  /** `Access-Control-Allow-Origin` value for browser tests; off by default. */
  readonly cors?: string;
}

export interface SpecServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Every request received, oldest first. */
  readonly requests: RecordedRequest[];
  /** The next `count` routed requests get `status` with the spec's error body, before any handler runs. */
  failNext(status: number, count?: number): void;
  /** Runs `interceptor` on each later request until it returns false. */
  intercept(interceptor: Interceptor): void;
  /** The next `count` routed requests suffer `fault` (before any `faultPolicy`). */
  injectFault(fault: Fault, count?: number): void;
  /** Consulted for every routed request once the injected faults are used up; `undefined` removes it. */
  setFaultPolicy(policy: FaultPolicy | undefined): void;
  /** Drops injected faults not yet used (a request that was never sent leaves its fault queued), the policy and `failNext`. */
  clearFaults(): void;
  close(): Promise<void>;
}

interface Route {
  readonly operation: OperationSpec;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

function compileRoutes(spec: ApiSpec): Route[] {
  return Object.values(spec.operations).map((operation) => {
    const names: string[] = [];
    const source = operation.path
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const name = /^\{([^}]+)\}$/.exec(part)?.[1];
        if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        names.push(name);
        return "([^/]+)";
      })
      .join("");
    return { operation, pattern: new RegExp(`^${source}$`), names };
  });
}

/** The first spec message for a status: its example's `message`/`error`, else its description. */
export function specMessage(operation: OperationSpec, status: number): string {
  const response = operation.responses[String(status)];
  const example = response?.example as { message?: unknown; error?: unknown } | undefined;
  const fromExample = typeof example?.message === "string" ? example.message : example?.error;
  return typeof fromExample === "string" ? fromExample : (response?.description ?? `HTTP ${status}`);
}

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

function checkParams(route: Route, values: Record<string, string>, request: IncomingMessage): string[] {
  const violations: string[] = [];
  for (const param of route.operation.params) {
    if (param.in === "path") {
      const value = values[param.name] ?? "";
      if (param.type === "integer" && !/^-?\d+$/.test(value)) {
        violations.push(`path parameter ${param.name} should be an integer, got "${value}"`);
      }
      if (value === "." || value === "..") violations.push(`path parameter ${param.name} is a dot segment`);
    }
    if (param.in === "header" && param.required && request.headers[param.name.toLowerCase()] === undefined) {
      violations.push(`missing required header ${param.name}`);
    }
  }
  return violations;
}

/**
 * A request target with the value of every query parameter that carries a credential replaced by
 * `***`; everything else (the path, other parameters, their encoding) stays exactly as received.
 */
function withoutQueryCredentials(target: string, names: ReadonlySet<string>): string {
  const start = target.indexOf("?");
  if (start < 0 || names.size === 0) return target;
  const pairs = target
    .slice(start + 1)
    .split("&")
    .map((pair) => {
      const name = pair.split("=", 1)[0] ?? "";
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, " "));
      } catch {
        // A malformed escape is compared as written.
      }
      return names.has(decoded) ? `${name}=***` : pair;
    });
  return `${target.slice(0, start + 1)}${pairs.join("&")}`;
}

/** The credential of the operation's first security alternative, with the scheme prefix removed. */
function credentialOf(spec: ApiSpec, operation: OperationSpec, request: IncomingMessage): string | undefined {
  const schemeName = operation.security[0]?.[0];
  const scheme = schemeName === undefined ? undefined : spec.securitySchemes[schemeName];
  if (!scheme) return undefined;
  let value: string | undefined;
  if (scheme.in === "header") {
    const raw = request.headers[scheme.name.toLowerCase()];
    value = Array.isArray(raw) ? raw[0] : raw;
  } else if (scheme.in === "query") {
    value = new URL(request.url ?? "/", "http://127.0.0.1").searchParams.get(scheme.name) ?? undefined;
  } else {
    const cookies = (request.headers.cookie ?? "").split(/;\s*/);
    value = cookies.find((cookie) => cookie.startsWith(`${scheme.name}=`))?.slice(scheme.name.length + 1);
  }
  const { prefix } = scheme;
  if (!value?.toLowerCase().startsWith(prefix.toLowerCase())) return undefined;
  const credential = value.slice(prefix.length);
  return credential && !(prefix.trim() && credential.toLowerCase().startsWith(prefix.trim().toLowerCase()))
    ? credential
    : undefined;
}

export async function startSpecServer(options: SpecServerOptions): Promise<SpecServer> {
  const { spec, handlers = {}, cors } = options;
  /** The error body for `status` of `operation`: the vendor's shape if it gave one, else the documented one. */
  const errorFor = (operation: OperationSpec, status: number, message: string): unknown =>
    options.errorBody
      ? options.errorBody(message)
      : (documentedBody(operation, status, message) ?? documentedBody(operation, 500, message) ?? { message });
  /** An error reply: the vendor's shape if it gave one, else exactly the documented response (body, media type). */
  const errorReply = (operation: OperationSpec, status: number, message: string): Reply =>
    options.errorBody ? { status, body: options.errorBody(message) } : documentedError(operation, status, message);
  const routes = compileRoutes(spec);
  // Recorded requests hold no credential: the headers and query parameters the spec's schemes name are hidden.
  const schemes = Object.values(spec.securitySchemes);
  const credentialHeaders = new Set(schemes.filter((s) => s.in === "header").map((s) => s.name.toLowerCase()));
  const credentialParams = new Set(schemes.filter((s) => s.in === "query").map((s) => s.name));
  const recordedHeaders = (headers: Record<string, string>) => {
    const shown = redactHeaders(headers);
    for (const [name, value] of Object.entries(shown)) {
      if (credentialHeaders.has(name)) shown[name] = redactHeaderValue(value);
    }
    return shown;
  };
  const requests: RecordedRequest[] = [];
  const failures: number[] = [];
  const injected: Fault[] = [];
  let faultPolicy: FaultPolicy | undefined;
  let interceptor: Interceptor | undefined;

  const encode = (reply: Reply) => {
    const body = Buffer.from(reply.body === undefined ? "" : JSON.stringify(reply.body));
    const headers: Record<string, string | number> = {
      ...(body.length > 0 ? { "content-type": "application/json" } : {}),
      "content-length": body.length,
      ...(cors ? { "access-control-allow-origin": cors } : {}),
      ...reply.headers,
    };
    return { headers, body };
  };

  const send = (response: ServerResponse, record: RecordedRequest, reply: Reply) => {
    record.status = reply.status;
    const { headers, body } = encode(reply);
    response.writeHead(reply.status, headers);
    response.end(body);
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const target = request.url ?? "/";
      const method = (request.method ?? "GET").toLowerCase();
      const pathname = target.split("?")[0] ?? "/";
      const bodyLength = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
      const record: RecordedRequest = {
        method: method.toUpperCase(),
        target: withoutQueryCredentials(target, credentialParams),
        operationId: undefined,
        pathParams: {},
        receivedAt: performance.now(),
        headers: recordedHeaders(request.headers as Record<string, string>),
        bodyLength,
        violations: [],
        status: 0,
        fault: undefined,
        applied: false,
      };
      requests.push(record);

      if (cors && method === "options") {
        record.status = 204;
        response.writeHead(204, {
          "access-control-allow-origin": cors,
          "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE",
          "access-control-allow-headers": request.headers["access-control-request-headers"] ?? "*",
          "access-control-max-age": "600",
        });
        response.end();
        return;
      }
      if (interceptor && !interceptor(request, response, record)) interceptor = undefined;
      if (response.headersSent || response.destroyed || request.socket.destroyed) return;

      for (const route of routes) {
        if (route.operation.method !== method) continue;
        const match = route.pattern.exec(pathname);
        if (!match) continue;
        const pathParams: Record<string, string> = {};
        const violations: string[] = [];
        route.names.forEach((name, index) => {
          const decoded = safeDecode(match[index + 1] ?? "");
          if (decoded === undefined) violations.push(`path parameter ${name} is not valid percent-encoding`);
          pathParams[name] = decoded ?? "";
        });
        violations.push(...checkParams(route, pathParams, request));
        if (bodyLength > 0 && !route.operation.body) {
          violations.push(`${route.operation.operationId} takes no request body`);
        }
        const documentedType = route.operation.body?.contentType.split(";")[0]?.toLowerCase();
        const sentType = request.headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
        if (bodyLength > 0 && documentedType !== undefined && sentType !== documentedType) {
          violations.push(`its request body must be ${documentedType}, got ${sentType ?? "no content type"}`);
        }
        record.operationId = route.operation.operationId;
        record.pathParams = pathParams;
        record.violations = violations;

        const { operation } = route;
        const failWith = failures.shift();
        if (failWith !== undefined) {
          return send(response, record, errorReply(operation, failWith, specMessage(operation, failWith)));
        }
        if (violations.length > 0) {
          return send(
            response,
            record,
            errorReply(operation, 400, `Request does not match the spec: ${violations.join("; ")}`),
          );
        }
        const credential = credentialOf(spec, operation, request);
        // An operation that needs no credential (`security: []`, or an anonymous `{}` alternative) is never refused.
        const needsCredential = operation.security.length > 0 && operation.security.every((all) => all.length > 0);
        const handler = handlers[operation.operationId];
        const context = { operation, pathParams, credential, request };
        // What the API itself answers. A fault stands for a proxy or a broken server, which answers
        // whatever the credential, so faults come first and the credential is judged here.
        const handle = (): Reply => {
          if (options.credential !== undefined && needsCredential && credential !== options.credential) {
            return errorReply(operation, 401, specMessage(operation, 401));
          }
          record.applied = true;
          if (handler) return handler(context);
          const status = successStatus(operation);
          return { status, body: documentedBody(operation, status) };
        };
        const fault = injected.shift() ?? faultPolicy?.(record);
        if (fault) {
          record.fault = fault.name;
          const reply = fault.applies ? handle() : undefined;
          const faultSend = (next: Reply) => send(response, record, next);
          const errorBody = (message: string) => errorFor(operation, 500, message);
          return fault.deliver({ response, record, reply, send: faultSend, encode, errorBody });
        }
        return send(response, record, handle());
      }
      record.violations = [`no operation matches ${method.toUpperCase()} ${pathname}`];
      send(response, record, {
        status: 404,
        body: options.errorBody ? options.errorBody("Not found") : { message: "Not found" },
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(status, count = 1) {
      for (let i = 0; i < count; i++) failures.push(status);
    },
    intercept(next) {
      interceptor = next;
    },
    injectFault(fault, count = 1) {
      for (let i = 0; i < count; i++) injected.push(fault);
    },
    setFaultPolicy(policy) {
      faultPolicy = policy;
    },
    clearFaults() {
      injected.length = 0;
      failures.length = 0;
      faultPolicy = undefined;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
