/**
 * Peers that do not play fair: servers that redirect, bomb, stream forever, reflect the request,
 * echo credentials where nobody looks (header names, JSON numbers), answer a 404 that is not the
 * API's, or nest JSON 10 000 deep. Same form as fault-scenarios.ts: each scenario names the fault
 * and the one outcome it must end in, and the runner checks the outcome class and flags, the
 * requests every origin received, the time, the peak memory, and that no rendering of the outcome
 * (message, `String`, `JSON.stringify`, `util.inspect` at depth 10) nor any log line holds a secret.
 *
 * The hostile files run in a second `vitest run`, after the other suites (see package.json): their
 * large bodies would otherwise compete for the CPU with the bulk suite's timing-sensitive cases.
 */
import { once } from "node:events";
import { createServer as createTcpServer, type Socket, type Server as TcpServer } from "node:net";
import { brotliCompressSync, gzipSync, constants as zlibConstants } from "node:zlib";
import {
  APIConnectionError,
  APIError,
  APIResponseTooLargeError,
  APIResponseValidationError,
  BadRequestError,
  type ClientOptions,
  type FailureStage,
  InternalServerError,
  NotFoundError,
} from "@sdkforge/core";
import { type Fault, type FaultContext, type ScriptedServer, startScriptedServer } from "@sdkforge/core/testing";
import { expect } from "vitest";
import {
  captureLogs,
  expectNoLeakedHandles,
  expectNoSecrets,
  type Outcome,
  renderings,
  SLACK_MS,
  settle,
  watchedHandles,
  worstCaseMs,
} from "./harness.js";
import type { AnyDeleteResource, VendorUnderTest } from "./vendors.js";

type ErrorClass = abstract new (...args: never[]) => Error;

/** What a scenario's setup can use: the API's server, a second origin, and the id under test. */
export interface HostileContext {
  readonly vendor: VendorUnderTest;
  readonly id: unknown;
  /** Another origin on loopback, which must receive nothing from the client. */
  readonly other: ScriptedServer;
  /** A credential-like value held in a client-wide header: it must never reach another origin. */
  readonly headerSecret: string;
}

export interface HostileScenario {
  readonly name: string;
  /** Whether the case means something for this vendor (default: every vendor). */
  readonly appliesTo?: (vendor: VendorUnderTest) => boolean;
  /** The misbehaviour of the API's server for the first `times` attempts (or all); a list is injected in order, once each. */
  readonly fault?: (context: HostileContext) => Fault | readonly Fault[];
  readonly times?: number | "always";
  /** Replaces the API's server with a peer that is not HTTP at all (a TCP echo). */
  readonly peer?: "echo";
  /** Client options beyond the defaults (baseUrl, logger, timeout 5 s, maxRetries 1). */
  readonly client?: (context: HostileContext) => Omit<ClientOptions, "baseUrl"> & { credential?: string };
  /** The call; default `resource.delete(id)`. */
  readonly call?: (resource: AnyDeleteResource, context: HostileContext) => PromiseLike<unknown>;
  readonly expected: {
    readonly result:
      | { readonly alreadyGone: boolean; readonly confirmedByRetry: boolean }
      | {
          readonly error: ErrorClass;
          readonly status?: number | undefined;
          readonly outcomeUnknown?: boolean;
          readonly stage?: FailureStage;
          /** Substrings the message must contain. */
          readonly message?: readonly string[];
        };
    /** Requests the API's server received. */
    readonly attempts: number;
    /** Whether the token is gone from the API's server afterwards. */
    readonly gone: boolean;
    /** Bound on the call's duration; default the documented worst case for its timeout and retries. */
    readonly maxMs?: number;
  };
  /** Values that must appear in no rendering and no log line, besides the vendor's credential. */
  readonly secrets?: (context: HostileContext) => readonly string[];
  /** Text that must not appear in the error message (a redirect's path, say). */
  readonly absentFromMessage?: (context: HostileContext) => readonly string[];
  /** Text that must appear in no rendering of the outcome (a redirect's query, say). */
  readonly absentEverywhere?: (context: HostileContext) => readonly string[];
  readonly check?: (outcome: Outcome<unknown>, context: HostileContext) => void;
}

const MIB = 1024 * 1024;
/** Growth of this thread's heap and buffers allowed during one call: the body limit is 64 KiB. */
export const PEAK_MEMORY_BOUND = 48 * MIB;
const HEADER_SECRET = "HdrS3cretSecondCredential9Zw";

function fault(name: string, applies: boolean, deliver: (context: FaultContext) => void): Fault {
  return { name, applies, deliver };
}

function sendRaw(context: FaultContext, status: number, body: string | Buffer, headers: Record<string, string>) {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  context.record.status = status;
  context.response.writeHead(status, { "content-length": String(bytes.length), ...headers });
  context.response.end(bytes);
}

const redirectTo = (status: number, location: (context: FaultContext) => string, applies = false): Fault =>
  fault(`${status} redirect`, applies, (context) => sendRaw(context, status, "", { location: location(context) }));

/**
 * Streams `total` bytes of `chunk` (default: without end), writing only when the client reads, so
 * the server's own memory stays flat. Stops when the client closes the connection.
 */
function streamBody(status: number, total: number, declareLength: boolean): Fault {
  return fault(
    `${status} streaming ${total === Number.POSITIVE_INFINITY ? "forever" : `${total} bytes`}`,
    true,
    (context) => {
      const { response } = context;
      context.record.status = status;
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (declareLength) headers["content-length"] = String(total);
      response.writeHead(status, headers);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      // Bounded even if the client never closed: 2 GiB at most.
      let left = Math.min(total, 2048 * MIB);
      const pump = () => {
        while (!response.destroyed && left > 0) {
          const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
          left -= piece.length;
          if (!response.write(piece)) {
            response.once("drain", pump);
            return;
          }
        }
        if (!response.destroyed) response.end();
      };
      pump();
    },
  );
}

let bombs: { gzip: Buffer; br: Buffer } | undefined;
/**
 * A 128 MiB body of spaces as brotli (about 200 bytes) and 8 MiB as gzip (about 8 kB), made once:
 * thousands of times the 64 KiB limit, and cheap enough to build on a busy machine.
 */
function compressionBombs(): { gzip: Buffer; br: Buffer } {
  bombs ??= {
    br: brotliCompressSync(Buffer.alloc(128 * MIB, 0x20), { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } }),
    gzip: gzipSync(Buffer.alloc(8 * MIB, 0x20), { level: 9 }),
  };
  return bombs;
}

const bomb = (encoding: "br" | "gzip", status = 200): Fault => {
  // Made before the call is watched, so that building the bomb does not count as the client's memory.
  const payload = compressionBombs()[encoding];
  return fault(`${encoding} bomb`, true, (context) => {
    sendRaw(context, status, payload, {
      "content-type": "application/json",
      "content-encoding": encoding,
    });
  });
};

/** The request's credential, with and without its scheme prefix, as the server received it. */
function credentialOf(context: FaultContext): { auth: string; bare: string } {
  const auth = String(context.response.req.headers.authorization ?? "");
  return { auth, bare: auth.replace(/^(Bearer |key-)/i, "") };
}

/** A JSON error body of `keys` keys, every one and every value holding the credential: about 300 kB for 8 000. */
function echoingKeys(keys: number): Fault {
  return fault(`400 with ${keys} keys echoing the credential`, false, (context) => {
    const { bare } = credentialOf(context);
    const body: Record<string, string> = {};
    for (let i = 0; i < keys; i++) body[`${bare}${i}`] = `bad ${bare}`;
    sendRaw(context, 400, JSON.stringify(body), { "content-type": "application/json" });
  });
}

const htmlOfAngles = (bytes: number): Fault =>
  fault(`500 text/html of ${bytes} '<'`, false, (context) => {
    sendRaw(context, 500, "<".repeat(bytes), { "content-type": "text/html" });
  });

const deepJson = (depth: number): Fault =>
  fault(`200 nested ${depth} deep`, true, (context) => {
    sendRaw(context, 200, `${"[".repeat(depth)}${"]".repeat(depth)}`, { "content-type": "application/json" });
  });

/** A 400 whose header *name* is the credential, lower-cased as HTTP/1.1 servers send it. */
const credentialInHeaderName = (): Fault =>
  fault("400 with the credential as a header name", false, (context) => {
    const { bare } = credentialOf(context);
    sendRaw(context, 400, JSON.stringify({ message: "rejected" }), {
      "content-type": "application/json",
      [`x-${bare.toLowerCase().replace(/[^a-z0-9-]/g, "-")}`]: "1",
      [bare.replace(/[^A-Za-z0-9-]/g, "-")]: "echo",
    });
  });

/** A 400 that echoes a numeric credential as a JSON number. */
const numericEcho = (): Fault =>
  fault("400 echoing the credential as a number", false, (context) => {
    const { bare } = credentialOf(context);
    sendRaw(context, 400, `{"message":"bad token","token":${bare},"nested":{"list":[${bare}]}}`, {
      "content-type": "application/json",
    });
  });

const status200 = (body: unknown, headers: Record<string, string> = {}, applies = false): Fault =>
  fault("200 scripted", applies, (context) => {
    sendRaw(context, 200, JSON.stringify(body), { "content-type": "application/json", ...headers });
  });

/** The operation's documented responses (the runtime's share: successes and 404). */
const responsesOf = (vendor: VendorUnderTest) => vendor.spec.operations[vendor.operationId]?.responses ?? {};
const documents = (vendor: VendorUnderTest, status: number) => {
  const responses = responsesOf(vendor);
  return responses[String(status)] !== undefined || responses[`${String(status).charAt(0)}XX`] !== undefined;
};
/** Whether the documented success body is an object with named fields (so a body without them is someone else's). */
const successHasFields = (vendor: VendorUnderTest) =>
  Object.entries(responsesOf(vendor)).some(
    ([status, response]) => /^2/.test(status) && Object.keys(response.schema?.properties ?? {}).length > 0,
  );

const scripted = (status: number, body: string, applies = false): Fault =>
  fault(`${status} scripted`, applies, (context) =>
    sendRaw(context, status, body, { "content-type": "application/json" }),
  );

/**
 * The answer the API's server would have sent, with its first top-level key written twice: first
 * saying the opposite, then as documented. `JSON.parse` keeps the last; the client must not.
 */
const repeatedFirstKey = (applies: boolean): Fault =>
  fault("documented answer with a repeated key", applies, (context) => {
    const reply = context.reply ?? { status: 200, body: {} };
    const body = (reply.body ?? {}) as Record<string, unknown>;
    const [key, value] = Object.entries(body)[0] ?? ["success", true];
    const opposite = typeof value === "boolean" ? !value : "error";
    const rest = JSON.stringify(body).slice(1);
    const text = `{${JSON.stringify(key)}:${JSON.stringify(opposite)},${rest === "}" ? `${JSON.stringify(key)}:${JSON.stringify(value)}}` : rest}`;
    sendRaw(context, reply.status, text, { "content-type": "application/json" });
  });

/** Headers that promise a body, then a closed connection. */
const headersThenClose = (): Fault =>
  fault("200 headers, then close", false, (context) => {
    context.record.status = 200;
    context.response.writeHead(200, { "content-type": "application/json", "content-length": "64" });
    context.response.flushHeaders();
    setTimeout(() => context.response.socket?.destroy(), 20);
  });

const KONG_404 = '{"message":"no Route matched with those values"}';
const API_GATEWAY_404 = '{"message":"Not Found"}';
const undocumented = (error: unknown) => expect(error).toMatchObject({ documented: false });

const foreign404 = (body: string, contentType: string): Fault =>
  fault(`foreign 404 (${contentType})`, false, (context) => {
    sendRaw(context, 404, body, { "content-type": contentType });
  });

const NGINX_404 =
  "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

const isStringId = (vendor: VendorUnderTest) => vendor.isValidId("tok-probe");

/** The vendor's credential prefix (`key-`), for vendors whose scheme has one beyond a bearer's. */
function credentialPrefix(vendor: VendorUnderTest): string | undefined {
  const prefixes = Object.values(vendor.spec.securitySchemes).map(({ prefix }) => prefix);
  return prefixes.find((prefix) => prefix.trim() && !/^(bearer|basic)$/i.test(prefix.trim()));
}

/** The vendor's own `failureWhen` marker for its delete operation, when its facts declare one. */
function failureMarker(vendor: VendorUnderTest): Readonly<Record<string, string | number | boolean>> | undefined {
  return vendor.spec.operations[vendor.operationId]?.failureWhen;
}

const redirectError = (status: number) =>
  ({
    error: APIError,
    status,
    // The redirect does not say whether the server acted before sending it.
    outcomeUnknown: true,
    stage: "answered",
    message: ["redirect", "never followed", "baseUrl"],
  }) as const;

const notFoundNotGone = {
  error: NotFoundError,
  status: 404,
  outcomeUnknown: false,
  message: ["not the API's own", "baseUrl"],
} as const;

const tooLarge = { error: APIResponseTooLargeError, status: 200, outcomeUnknown: true, stage: "unreadable" } as const;

export const REDIRECTS: readonly HostileScenario[] = [
  ...[301, 302, 303, 307, 308].map(
    (status): HostileScenario => ({
      name: `${status} to another origin`,
      fault: ({ other }) => redirectTo(status, () => `${other.url}/steal?token=${HEADER_SECRET}&id=1`),
      client: ({ headerSecret }) => ({ headers: { "x-second-credential": headerSecret } }),
      expected: { result: redirectError(status), attempts: 1, gone: false },
      absentFromMessage: () => ["/steal"],
      absentEverywhere: () => ["token=", HEADER_SECRET],
      check: (outcome, { other }) => {
        expect(outcome.ok ? "" : (outcome.error as Error).message).toContain(new URL(other.url).origin);
      },
    }),
  ),
  {
    name: "307 to the same origin, another id",
    fault: ({ vendor }) => redirectTo(307, () => `${vendor.pathPrefix}${String(vendor.ids(1, 7)[0])}`),
    expected: { result: redirectError(307), attempts: 1, gone: false },
  },
  {
    name: "redirect loop to itself",
    fault: () => redirectTo(308, (context) => context.record.target),
    times: "always",
    expected: { result: redirectError(308), attempts: 1, gone: false },
  },
  {
    name: "redirect after performing the delete",
    fault: ({ other }) => redirectTo(302, () => `${other.url}/done`, true),
    expected: { result: redirectError(302), attempts: 1, gone: true },
  },
];

export const BOUNDS: readonly HostileScenario[] = [
  {
    name: "200 with a declared 500 MB body",
    fault: () => streamBody(200, 500 * MIB, true),
    expected: { result: tooLarge, attempts: 1, gone: true },
  },
  {
    name: "200 with an endless chunked body",
    fault: () => streamBody(200, Number.POSITIVE_INFINITY, false),
    expected: { result: tooLarge, attempts: 1, gone: true },
  },
  {
    name: "200 brotli bomb (128 MiB from a few hundred bytes)",
    fault: () => bomb("br"),
    expected: { result: tooLarge, attempts: 1, gone: true },
  },
  {
    name: "200 gzip bomb of spaces",
    fault: () => bomb("gzip"),
    expected: { result: tooLarge, attempts: 1, gone: true },
  },
  {
    name: "500 with an endless body on every attempt",
    fault: () => ({ ...streamBody(500, Number.POSITIVE_INFINITY, false), applies: false }),
    times: "always",
    expected: { result: { error: InternalServerError, status: 500, outcomeUnknown: true }, attempts: 2, gone: false },
  },
  {
    name: "500 brotli bomb on every attempt",
    fault: () => ({ ...bomb("br", 500), applies: false }),
    times: "always",
    expected: { result: { error: InternalServerError, status: 500, outcomeUnknown: true }, attempts: 2, gone: false },
  },
];

/** Bodies that were quadratic to mask or search, read whole here (limit raised) to prove they no longer are. */
export const LINEAR_TIME: readonly HostileScenario[] = [
  {
    name: "300 kB JSON error body with 8 000 keys holding the credential",
    fault: () => echoingKeys(8_000),
    client: () => ({ maxResponseBytes: 16 * MIB }),
    expected: {
      result: { error: BadRequestError, status: 400, outcomeUnknown: false },
      attempts: 1,
      gone: false,
      maxMs: 2_000,
    },
    check: (outcome) => {
      const body = outcome.ok ? undefined : (outcome.error as APIError).body;
      expect(Object.keys(body as object)).toHaveLength(8_000);
    },
  },
  {
    name: "156 kB text/html error body of '<'",
    fault: () => htmlOfAngles(156_000),
    times: "always",
    client: () => ({ maxResponseBytes: 16 * MIB }),
    expected: { result: { error: InternalServerError, status: 500 }, attempts: 2, gone: false, maxMs: 3_000 },
  },
  {
    name: "200 with JSON nested 10 000 deep",
    fault: () => deepJson(10_000),
    expected: {
      result: { error: APIResponseValidationError, status: 200, outcomeUnknown: true, stage: "unreadable" },
      attempts: 1,
      gone: true,
    },
  },
];

export const SECRETS: readonly HostileScenario[] = [
  {
    name: "peer reflects the request bytes (TCP echo)",
    peer: "echo",
    client: ({ vendor }) => ({ headers: { "x-backup-auth": vendor.credential } }),
    expected: {
      result: { error: APIConnectionError, outcomeUnknown: true, stage: "no-answer" },
      attempts: 0,
      gone: false,
    },
  },
  {
    name: "credential echoed in a response header name",
    fault: () => credentialInHeaderName(),
    expected: { result: { error: BadRequestError, status: 400 }, attempts: 1, gone: false },
  },
  {
    name: "a credential of the shortest accepted length (8 characters) echoed back",
    fault: () =>
      fault("400 echoing the credential", false, (context) => {
        const { auth, bare } = credentialOf(context);
        sendRaw(context, 400, JSON.stringify({ message: `bad ${bare}`, [bare]: auth }), {
          "content-type": "application/json",
          "x-echo": bare,
        });
      }),
    client: ({ vendor }) => ({ credential: shortCredential(vendor) }),
    secrets: ({ vendor }) => [shortCredential(vendor).replace(/^key-/, "")],
    expected: { result: { error: BadRequestError, status: 400 }, attempts: 1, gone: false },
  },
  {
    name: "a numeric credential echoed as a JSON number",
    fault: () => numericEcho(),
    client: ({ vendor }) => ({ credential: numericCredential(vendor) }),
    secrets: () => [NUMERIC_SECRET],
    expected: { result: { error: BadRequestError, status: 400 }, attempts: 1, gone: false },
  },
  {
    name: "the id is a credential of the scheme (key- prefix), with missingOk",
    appliesTo: (vendor) => isStringId(vendor) && credentialPrefix(vendor) !== undefined,
    call: (resource, { vendor }) =>
      resource.delete(`${credentialPrefix(vendor)}live_L3akedKeyN0tAnId42`, { missingOk: true }),
    secrets: () => ["live_L3akedKeyN0tAnId42"],
    expected: {
      result: { error: Error, message: ["not an id", "token's id"] },
      attempts: 0,
      gone: false,
      maxMs: 200,
    },
    check: (outcome) => expect((outcome as { error?: unknown }).error).toMatchObject({ name: "InvalidArgumentError" }),
  },
  {
    name: "the id is the client's own credential, with missingOk",
    call: (resource, { vendor }) => resource.delete(vendor.credential, { missingOk: true }),
    expected: { result: { error: Error }, attempts: 0, gone: false, maxMs: 200 },
    check: (outcome) => expect((outcome as { error?: unknown }).error).toMatchObject({ name: "InvalidArgumentError" }),
  },
];

export const FALSE_SUCCESS: readonly HostileScenario[] = [
  {
    name: "200 {success: false}",
    fault: () => status200({ success: false, error: "maintenance, nothing was deleted" }),
    expected: {
      result: { error: APIError, status: 200, outcomeUnknown: false, message: ["maintenance"] },
      attempts: 1,
      gone: false,
    },
  },
  {
    name: "200 carrying the operation's failureWhen marker",
    appliesTo: (vendor) => failureMarker(vendor) !== undefined,
    fault: ({ vendor }) => status200({ ...failureMarker(vendor), message: "maintenance — nothing was deleted" }),
    expected: {
      result: { error: APIError, status: 200, outcomeUnknown: false, message: ["maintenance"] },
      attempts: 1,
      gone: false,
    },
  },
  {
    name: "x-should-retry: true on a 200 is not replayed",
    fault: () =>
      fault("200 x-should-retry", true, (context) => {
        const reply = context.reply ?? { status: 200, body: {} };
        const body = JSON.stringify(reply.body ?? {});
        sendRaw(context, reply.status, body, { "content-type": "application/json", "x-should-retry": "true" });
      }),
    expected: { result: { alreadyGone: false, confirmedByRetry: false }, attempts: 1, gone: true },
  },
  {
    name: "missingOk and an nginx HTML 404",
    fault: () => foreign404(NGINX_404, "text/html"),
    call: (resource, { id }) => resource.delete(id, { missingOk: true }),
    expected: { result: notFoundNotGone, attempts: 1, gone: false },
  },
  {
    name: "missingOk and a framework's JSON 404 for an unknown route",
    fault: () => foreign404('{"detail":"Not Found"}', "application/json"),
    call: (resource, { id }) => resource.delete(id, { missingOk: true }),
    expected: { result: notFoundNotGone, attempts: 1, gone: false },
  },
  {
    name: "missingOk and a plain-text 404 from a wrong path prefix",
    fault: ({ vendor }) => foreign404(`Cannot DELETE ${vendor.pathPrefix}x`, "text/plain"),
    call: (resource, { id }) => resource.delete(id, { missingOk: true }),
    expected: { result: notFoundNotGone, attempts: 1, gone: false },
  },
  {
    name: "a lost answer, then a foreign 404, is not confirmed by the retry",
    fault: () => [
      fault("drop before apply", false, ({ response }) => response.socket?.destroy()),
      foreign404(NGINX_404, "text/html"),
    ],
    expected: {
      result: { error: NotFoundError, status: 404, outcomeUnknown: true, message: ["not the API's own"] },
      attempts: 2,
      gone: false,
    },
  },
  {
    name: "202 'queued' where the API documents another success",
    appliesTo: (vendor) => !documents(vendor, 202),
    fault: () => scripted(202, '{"status":"queued","message":"deletion queued"}'),
    expected: {
      result: { error: APIError, status: 202, outcomeUnknown: true, message: ["not a success the API documents"] },
      attempts: 1,
      gone: false,
    },
    check: (outcome) => undocumented((outcome as { error?: unknown }).error),
  },
  {
    name: "203 from a proxy, carrying the documented body",
    appliesTo: (vendor) => !documents(vendor, 203),
    fault: () =>
      fault("203 documented body", true, (context) => {
        const reply = context.reply ?? { status: 200, body: {} };
        sendRaw(context, 203, JSON.stringify(reply.body ?? {}), { "content-type": "application/json" });
      }),
    expected: {
      result: { error: APIError, status: 203, outcomeUnknown: true, message: ["not a success the API documents"] },
      attempts: 1,
      gone: true,
    },
    check: (outcome) => undocumented((outcome as { error?: unknown }).error),
  },
  {
    name: "200 where the API documents only other successes",
    appliesTo: (vendor) => !documents(vendor, 200),
    fault: () => scripted(200, "{}"),
    expected: { result: { error: APIError, status: 200, outcomeUnknown: true }, attempts: 1, gone: false },
  },
  {
    name: "200 with an error body the success schema happens to allow",
    appliesTo: successHasFields,
    fault: () => scripted(200, '{"error":"Access token not found"}'),
    expected: {
      result: { error: APIResponseValidationError, status: 200, outcomeUnknown: true, stage: "unreadable" },
      attempts: 1,
      gone: false,
    },
  },
  {
    name: "200 without the operation's success marker",
    appliesTo: (vendor) => vendor.spec.operations[vendor.operationId]?.successWhen !== undefined,
    fault: ({ vendor }) => {
      const marker = vendor.spec.operations[vendor.operationId]?.successWhen ?? {};
      const failed = Object.fromEntries(Object.keys(marker).map((key) => [key, "failed"]));
      return scripted(200, JSON.stringify({ ...failed, message: "nothing happened" }));
    },
    expected: {
      result: { error: APIResponseValidationError, status: 200, outcomeUnknown: true, message: ["sign of success"] },
      attempts: 1,
      gone: false,
    },
  },
  {
    name: "a success body that repeats its first key, the first time saying the opposite",
    fault: () => repeatedFirstKey(true),
    expected: {
      result: {
        error: APIResponseValidationError,
        status: 200,
        outcomeUnknown: true,
        stage: "unreadable",
        message: ["repeats the key"],
      },
      attempts: 1,
      gone: true,
    },
  },
  {
    name: "missingOk and the API's own 404 with a repeated key is not taken for gone",
    call: (resource, { vendor }) => resource.delete(vendor.ids(1, 99)[0], { missingOk: true }),
    fault: () => repeatedFirstKey(true),
    expected: { result: { error: NotFoundError, status: 404, message: ["repeats the key"] }, attempts: 1, gone: false },
  },
  {
    name: "headers promising a success body, then a closed connection",
    fault: () => headersThenClose(),
    times: "always",
    expected: { result: { error: APIConnectionError, outcomeUnknown: true }, attempts: 2, gone: false },
  },
  {
    name: "missingOk and Kong's 404 for an unmatched route",
    fault: () => foreign404(KONG_404, "application/json"),
    call: (resource, { id }) => resource.delete(id, { missingOk: true }),
    expected: { result: notFoundNotGone, attempts: 1, gone: false },
    check: (outcome) => undocumented((outcome as { error?: unknown }).error),
  },
  {
    name: "a 502, then API Gateway's 404, is not confirmed by the retry",
    fault: () => [
      fault("502 bad gateway", false, (context) =>
        sendRaw(context, 502, '{"message":"Bad Gateway"}', { "content-type": "application/json" }),
      ),
      foreign404(API_GATEWAY_404, "application/json"),
    ],
    expected: {
      result: { error: NotFoundError, status: 404, outcomeUnknown: true, message: ["not the API's own"] },
      attempts: 2,
      gone: false,
    },
    check: (outcome) => undocumented((outcome as { error?: unknown }).error),
  },
  {
    name: "without missingOk, a gateway's 404 is flagged as not the API's",
    fault: () => foreign404(KONG_404, "application/json"),
    expected: { result: notFoundNotGone, attempts: 1, gone: false },
    check: (outcome) => undocumented((outcome as { error?: unknown }).error),
  },
  {
    name: "missingOk and the API's own 404 is already gone",
    call: (resource, { vendor }) => resource.delete(vendor.ids(1, 99)[0], { missingOk: true }),
    expected: { result: { alreadyGone: true, confirmedByRetry: false }, attempts: 1, gone: false },
  },
];

const NUMERIC_SECRET = "73910552847361";
const numericCredential = (vendor: VendorUnderTest) => `${credentialPrefix(vendor) ?? ""}${NUMERIC_SECRET}`;
/** As short as core accepts (`MIN_CREDENTIAL_LENGTH`, 8): shorter ones are refused at construction (hostile-callers). */
const shortCredential = (vendor: VendorUnderTest) => `${credentialPrefix(vendor) ?? ""}Qz7Kx9wB`;

export const ALL_HOSTILE = [...REDIRECTS, ...BOUNDS, ...LINEAR_TIME, ...SECRETS, ...FALSE_SUCCESS];

/** A TCP server that sends back whatever it receives, as a broken proxy or a wrong port might. */
async function startEchoPeer(): Promise<{ url: string; connections: () => number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: TcpServer = createTcpServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    socket.on("data", (data) => socket.write(data));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Samples this thread's heap and buffer memory until stopped; returns the growth over the start. */
function watchMemory(): () => number {
  const used = () => {
    const { heapUsed, external } = process.memoryUsage();
    return heapUsed + external;
  };
  const start = used();
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, used());
  }, 5);
  return () => {
    clearInterval(timer);
    peak = Math.max(peak, used());
    return peak - start;
  };
}

/** Runs one hostile scenario against one vendor, on fresh servers, and checks everything. */
export async function runHostile(vendor: VendorUnderTest, scenario: HostileScenario): Promise<void> {
  const baseline = watchedHandles();
  const [id] = vendor.ids(1);
  const { server, liveIds: tokenIds } = await vendor.start([id, vendor.ids(1, 7)[0]]);
  const other = await startScriptedServer(() => ({ status: 200, body: { success: true, status: "success" } }));
  const echo = scenario.peer === "echo" ? await startEchoPeer() : undefined;
  const context: HostileContext = { vendor, id, other, headerSecret: HEADER_SECRET };
  const { logger, lines } = captureLogs();
  const timeout = 5_000;
  const maxRetries = 1;
  let outcome: Outcome<unknown>;
  let peak: number;
  try {
    if (scenario.fault) {
      const injected = scenario.fault(context);
      if (Array.isArray(injected)) for (const each of injected) server.injectFault(each, 1);
      else if (scenario.times === "always") server.setFaultPolicy(() => injected as Fault);
      else server.injectFault(injected as Fault, scenario.times ?? 1);
    }
    const stopWatching = watchMemory();
    outcome = await settle(async () => {
      const resource = vendor.resource({
        baseUrl: echo?.url ?? server.url,
        logger,
        logLevel: "debug",
        timeout,
        maxRetries,
        ...scenario.client?.(context),
      });
      return scenario.call ? scenario.call(resource, context) : resource.delete(id);
    });
    peak = stopWatching();
    if (echo) expect(echo.connections(), "the echo peer was reached").toBeGreaterThan(0);
  } finally {
    await Promise.all([server.close(), other.close(), echo?.close()]);
  }

  const { expected } = scenario;
  if ("error" in expected.result) {
    expect(outcome.ok, outcome.ok ? `resolved with ${JSON.stringify(outcome.value)}` : "").toBe(false);
    const error = outcome.ok ? undefined : outcome.error;
    expect(error).toBeInstanceOf(expected.result.error);
    if (expected.result.error !== Error) {
      expect((error as Error).constructor, "the most specific error class").toBe(expected.result.error);
      const apiError = error as APIError;
      expect(apiError.status).toBe(expected.result.status);
      expect(apiError.method).toBe("DELETE");
      expect(apiError.path).toBe(vendor.pathTemplate);
    }
    if (expected.result.outcomeUnknown !== undefined) {
      expect((error as APIError).outcomeUnknown, "outcomeUnknown").toBe(expected.result.outcomeUnknown);
    }
    if (expected.result.stage !== undefined) expect((error as APIError).stage, "stage").toBe(expected.result.stage);
    for (const part of expected.result.message ?? []) expect((error as Error).message).toContain(part);
    for (const part of scenario.absentFromMessage?.(context) ?? [])
      expect((error as Error).message).not.toContain(part);
    for (const part of scenario.absentEverywhere?.(context) ?? []) {
      for (const text of renderings(error)) expect(text).not.toContain(part);
    }
  } else {
    if (!outcome.ok) throw outcome.error;
    // The typed success body (`data`) is the vendor's to shape; the flags are what this suite pins.
    expect({ ...(outcome.value as object), data: undefined }).toEqual({
      id: expect.anything(),
      message: expect.any(String),
      ...expected.result,
    });
  }

  expect(server.requests.length, "requests the API's server received").toBe(expected.attempts);
  expect(other.requests.length, "requests the other origin received").toBe(0);
  expect(!tokenIds.has(id), "token gone from the server").toBe(expected.gone);
  expect(tokenIds.has(vendor.ids(1, 7)[0]), "the other token is untouched").toBe(true);
  expect(outcome.ms, "duration").toBeLessThanOrEqual(expected.maxMs ?? worstCaseMs({ timeout, maxRetries }) + SLACK_MS);
  expect(peak, "peak memory growth during the call").toBeLessThan(PEAK_MEMORY_BOUND);

  const secrets = [...vendor.secrets, HEADER_SECRET, ...(scenario.secrets?.(context) ?? [])];
  // Header names arrive lower-cased: a credential there must be absent in that form too.
  const everyForm = [...secrets, ...secrets.map((secret) => secret.toLowerCase())];
  expectNoSecrets(lines, everyForm, "log lines");
  expectNoSecrets(outcome.ok ? outcome.value : outcome.error, everyForm, "the outcome");
  for (const request of server.requests) expectNoSecrets(request.target, everyForm, "a request target");
  scenario.check?.(outcome, context);

  await expectNoLeakedHandles(baseline);
}
