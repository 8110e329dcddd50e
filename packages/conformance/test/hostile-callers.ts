/**
 * Careless callers: headers `fetch` would refuse, options that would be dropped silently, URLs that
 * carry a password, callbacks that reject, loggers that throw, one signal shared by many deletes.
 * Same form as hostile-peers.ts: each case says how it must end, and the runner checks the class,
 * the requests the server received (none, for a refused input), the time, and that the offending
 * value appears in no rendering of the outcome and no log line.
 */
import {
  APIConnectionError,
  DEFAULT_MAX_RESPONSE_BYTES,
  type DeleteManyResult,
  type DeleteResult,
  InvalidArgumentError,
  MIN_CREDENTIAL_LENGTH,
} from "@sdkforge/core";
import type { RecordedRequest, TestClientOptions } from "@sdkforge/core/testing";
import { expect } from "vitest";
import {
  captureLogs,
  expectNoLeakedHandles,
  expectNoSecrets,
  type Outcome,
  SLACK_MS,
  settle,
  watchedHandles,
} from "./harness.js";
import type { AnyDeleteResource, VendorUnderTest } from "./vendors.js";

/** A credential-like value a caller put where it does not belong: it must never be echoed. */
export const MISPLACED_SECRET = "Pl4cedS3cretInAHeaderQ8v";

export interface CallerContext {
  readonly vendor: VendorUnderTest;
  readonly ids: readonly unknown[];
  /** Builds the vendor's client against the test server, with the caller's extra options. */
  readonly client: (
    options?: Omit<TestClientOptions, "baseUrl"> & { baseUrl?: string | undefined },
  ) => AnyDeleteResource;
}

export interface CallerScenario {
  readonly name: string;
  readonly appliesTo?: (vendor: VendorUnderTest) => boolean;
  /** What the caller does, from building the client on; may throw (a constructor refusing its options). */
  readonly act: (context: CallerContext) => PromiseLike<unknown> | unknown;
  readonly expected: {
    /** `InvalidArgumentError` naming `argument`, another error class by name, or a value checked by `check`. */
    readonly result:
      | { readonly refused: string | ((vendor: VendorUnderTest) => string) }
      | { readonly rejects: string }
      | { readonly resolves: true };
    /** Requests the server received. */
    readonly attempts: number;
    /** Default 1 s: a refused input costs no back-off. */
    readonly maxMs?: number;
  };
  readonly check?: (
    outcome: Outcome<unknown>,
    context: CallerContext & { warnings: readonly string[]; requests: readonly RecordedRequest[] },
  ) => void;
}

const refusedBeforeSending = (argument: string) => ({ result: { refused: argument }, attempts: 0 }) as const;

/** The vendor's credential prefix (`key-`), which callers include and which does not count toward the length. */
const callerPrefix = (vendor: VendorUnderTest) =>
  vendor.credential.slice(0, vendor.credential.indexOf(vendor.secrets[0] ?? ""));

/** Runs `call`, lets pending rejections surface, and returns its value with the rejections nobody handled. */
async function withUnhandledRejections(
  call: () => PromiseLike<unknown>,
): Promise<{ value: unknown; unhandled: unknown[] }> {
  const unhandled: unknown[] = [];
  const onRejection = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", onRejection);
  try {
    const value = await call();
    for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
    return { value, unhandled };
  } finally {
    process.off("unhandledRejection", onRejection);
  }
}

const badHeaderValues: readonly [string, string][] = [
  ["CRLF in a header value", `a\r\nX-Injected: ${MISPLACED_SECRET}`],
  ["NUL in a header value", `${MISPLACED_SECRET}\u0000`],
  ["a non-Latin-1 header value", `${MISPLACED_SECRET}€`],
];

export const CALLER_MISTAKES: readonly CallerScenario[] = [
  ...badHeaderValues.map(
    ([name, value]): CallerScenario => ({
      name: `${name}, per request`,
      act: ({ client, ids }) => client().delete(ids[0], { headers: { "x-trace": value } }),
      expected: refusedBeforeSending("headers"),
    }),
  ),
  ...badHeaderValues.map(
    ([name, value]): CallerScenario => ({
      name: `${name}, client-wide`,
      act: ({ client }) => client({ headers: { "x-trace": value } }),
      expected: refusedBeforeSending("headers"),
    }),
  ),
  {
    name: "CRLF in a header name",
    act: ({ client, ids }) => client().delete(ids[0], { headers: { [`x-a\r\n${MISPLACED_SECRET}`]: "1" } }),
    expected: refusedBeforeSending("headers"),
  },
  ...[
    ["transfer-encoding", "chunked"],
    ["expect", "100-continue"],
    ["connection", "upgrade"],
    ["content-length", "10"],
    ["host", "example.com"],
  ].map(
    ([name, value]): CallerScenario => ({
      name: `the framing header ${name}`,
      act: ({ client, ids }) => client().delete(ids[0], { headers: { [name as string]: value as string } }),
      expected: refusedBeforeSending("headers"),
    }),
  ),
  {
    name: "headers given as a string",
    act: ({ client, ids }) =>
      client().delete(ids[0], { headers: MISPLACED_SECRET as unknown as Record<string, string> }),
    expected: refusedBeforeSending("headers"),
  },
  {
    name: "headers given as a Headers instance are sent",
    act: ({ client, ids }) =>
      client({ headers: new Headers({ "x-client-wide": "yes" }) }).delete(ids[0], {
        headers: new Headers({ "x-per-request": "yes" }),
      }),
    expected: { result: { resolves: true }, attempts: 1 },
    check: (_, { requests }) => {
      expect(requests[0]?.headers).toMatchObject({ "x-client-wide": "yes", "x-per-request": "yes" });
    },
  },
  {
    name: "headers given as [name, value] pairs are sent",
    act: ({ client, ids }) =>
      client({ headers: [["x-client-wide", "yes"]] }).delete(ids[0], { headers: [["x-per-request", "yes"]] }),
    expected: { result: { resolves: true }, attempts: 1 },
  },
  {
    name: "baseUrl with a ?query",
    act: ({ client }) => client({ baseUrl: `http://127.0.0.1:9/prefix?token=${MISPLACED_SECRET}` }),
    expected: refusedBeforeSending("baseUrl"),
  },
  {
    name: "baseUrl with a #fragment",
    act: ({ client }) => client({ baseUrl: `http://127.0.0.1:9/prefix#${MISPLACED_SECRET}` }),
    expected: refusedBeforeSending("baseUrl"),
  },
  {
    name: "baseUrl with a password and a bad port",
    act: ({ client }) => client({ baseUrl: `http://admin:${MISPLACED_SECRET}@127.0.0.1:99999` }),
    expected: refusedBeforeSending("baseUrl"),
  },
  {
    name: "baseUrl with a password",
    act: ({ client }) => client({ baseUrl: `http://admin:${MISPLACED_SECRET}@127.0.0.1:9` }),
    expected: refusedBeforeSending("baseUrl"),
  },
  {
    name: "a base-URL environment variable with a password and a bad port",
    act: ({ vendor, client }) => {
      // Every client reads `<VENDOR>_BASE_URL` (the env prefix comes from the generated facts).
      const name = `${vendor.spec.env}_BASE_URL`;
      const previous = process.env[name];
      process.env[name] = `http://admin:${MISPLACED_SECRET}@127.0.0.1:99999`;
      try {
        return client({ baseUrl: undefined });
      } finally {
        if (previous === undefined) delete process.env[name];
        else process.env[name] = previous;
      }
    },
    expected: refusedBeforeSending("baseUrl"),
  },
  {
    name: "maxResponseBytes that is not a positive integer",
    act: ({ client }) => client({ maxResponseBytes: 0.5 }),
    expected: refusedBeforeSending("maxResponseBytes"),
  },
  {
    name: "an async onProgress that rejects",
    act: ({ client, ids }) =>
      client().deleteMany(ids, {
        onProgress: async () => {
          throw new Error("progress sink is down");
        },
      }),
    expected: { result: { resolves: true }, attempts: 4 },
    check: (outcome) => expect((outcome as { value?: DeleteManyResult<unknown> }).value?.deleted).toHaveLength(4),
  },
  {
    name: "one signal shared by deleteMany at concurrency 16",
    act: ({ client, vendor }) =>
      client().deleteMany(vendor.ids(32, 100), { concurrency: 16, signal: new AbortController().signal }),
    expected: { result: { resolves: true }, attempts: 32, maxMs: 5_000 },
    check: (outcome, { warnings }) => {
      expect(warnings, "process warnings").toEqual([]);
      expect((outcome as { value?: DeleteManyResult<unknown> }).value?.failed).toHaveLength(32);
    },
  },
  {
    name: "a logger that throws",
    act: ({ client, ids }) => {
      const broken = () => {
        throw new Error("log sink is down");
      };
      return client({ logLevel: "debug", logger: { error: broken, warn: broken, info: broken, debug: broken } }).delete(
        ids[0],
      );
    },
    expected: { result: { resolves: true }, attempts: 1 },
    check: (outcome) =>
      expect((outcome as { value?: DeleteResult<unknown> }).value).toMatchObject({ alreadyGone: false }),
  },
  {
    name: `a credential shorter than ${MIN_CREDENTIAL_LENGTH} characters`,
    act: ({ client, vendor }) => client({ credential: `${callerPrefix(vendor)}Qz7Kx9w` }),
    expected: { result: { refused: (vendor) => vendor.credentialOption }, attempts: 0 },
  },
  {
    name: "a *.localhost baseUrl over plain http",
    act: ({ client }) => client({ baseUrl: "http://evil.localhost:9" }),
    expected: refusedBeforeSending("baseUrl"),
  },
  {
    name: "an async logger whose promise rejects",
    act: ({ client, ids }) => {
      const down = async () => {
        throw new Error("log transport is down");
      };
      const logger = { error: down, warn: down, info: down, debug: down };
      return withUnhandledRejections(() => client({ logLevel: "debug", logger }).delete(ids[0]));
    },
    expected: { result: { resolves: true }, attempts: 1 },
    check: (outcome) => {
      const value = (outcome as { value?: { value: DeleteResult<unknown>; unhandled: unknown[] } }).value;
      expect(value?.unhandled, "unhandled rejections").toEqual([]);
      expect(value?.value).toMatchObject({ alreadyGone: false });
    },
  },
  {
    name: "a logger with only some of the four methods",
    act: ({ client, ids }) => client({ logLevel: "debug", logger: { warn: () => {} } }).delete(ids[0]),
    expected: { result: { resolves: true }, attempts: 1 },
  },
  {
    name: "a custom fetch that resolves with something other than a Response",
    act: ({ client, ids }) =>
      client({ fetch: (async () => ({ status: 200 })) as unknown as typeof fetch }).delete(ids[0]),
    expected: { result: { rejects: "APIConnectionError" }, attempts: 0 },
    check: (outcome) => {
      const error = outcome.ok ? undefined : outcome.error;
      expect(error).toBeInstanceOf(APIConnectionError);
      expect(error).toMatchObject({ stage: "not-sent", outcomeUnknown: false });
    },
  },
  {
    name: "the default body limit is 64 KiB",
    act: () => DEFAULT_MAX_RESPONSE_BYTES,
    expected: { result: { resolves: true }, attempts: 0 },
    check: (outcome) => expect((outcome as { value?: unknown }).value).toBe(65_536),
  },
];

/** Runs one caller scenario against one vendor on a fresh server, and checks everything. */
export async function runCallerScenario(vendor: VendorUnderTest, scenario: CallerScenario): Promise<void> {
  const baseline = watchedHandles();
  const ids = vendor.ids(4);
  const { server, liveIds: tokenIds } = await vendor.start(ids);
  const { logger, lines } = captureLogs();
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
  process.on("warning", onWarning);
  const context: CallerContext = {
    vendor,
    ids,
    client: (options = {}) => {
      // An explicit `baseUrl: undefined` leaves the choice to the environment.
      const baseUrl = "baseUrl" in options ? options.baseUrl : server.url;
      return vendor.resource({ logger, maxRetries: 2, ...options, baseUrl } as TestClientOptions);
    },
  };
  let outcome: Outcome<unknown>;
  try {
    outcome = await settle(async () => scenario.act(context));
    // Warnings are emitted on a later tick.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off("warning", onWarning);
    await server.close();
  }

  const { expected } = scenario;
  if ("refused" in expected.result) {
    const error = outcome.ok ? undefined : outcome.error;
    expect(error, outcome.ok ? `resolved with ${JSON.stringify(outcome.value)}` : "").toBeInstanceOf(
      InvalidArgumentError,
    );
    const { refused } = expected.result;
    expect((error as InvalidArgumentError).argument).toBe(typeof refused === "function" ? refused(vendor) : refused);
    expect(JSON.parse(JSON.stringify(error)), "JSON keeps the message").toMatchObject({
      name: "InvalidArgumentError",
      message: (error as Error).message,
    });
    expect(tokenIds.size, "nothing was deleted").toBe(ids.length);
  } else if ("rejects" in expected.result) {
    expect(outcome.ok ? outcome.value : (outcome.error as Error).name, "how the call ended").toBe(
      expected.result.rejects,
    );
    expect(tokenIds.size, "nothing was deleted").toBe(ids.length);
  } else if (!outcome.ok) {
    throw outcome.error;
  }
  expect(server.requests.length, "requests the server received").toBe(expected.attempts);
  expect(outcome.ms, "duration").toBeLessThanOrEqual((expected.maxMs ?? 1_000) + SLACK_MS);
  expectNoSecrets(lines, [...vendor.secrets, MISPLACED_SECRET], "log lines");
  expectNoSecrets(outcome.ok ? outcome.value : outcome.error, [...vendor.secrets, MISPLACED_SECRET], "the outcome");
  scenario.check?.(outcome, { ...context, warnings, requests: server.requests });
  await expectNoLeakedHandles(baseline);
}
