/**
 * Every fault the SDKs must survive, with the one outcome each must end in. A scenario injects its
 * fault into the first `times` attempts (or all of them) of a single `delete`, then the runner
 * checks the outcome, the server's state, the time taken, the log lines, secrets and handles.
 */

import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIResponseValidationError,
  BadRequestError,
  InternalServerError,
  RateLimitError,
} from "@sdkforge/core";
import { type Fault, faults, type RecordedRequest } from "@sdkforge/core/testing";
import { expect } from "vitest";
import {
  attemptLines,
  captureLogs,
  expectNoLeakedHandles,
  expectNoSecrets,
  SLACK_MS,
  settle,
  watchedHandles,
  worstCaseMs,
} from "./harness.js";
import type { VendorUnderTest } from "./vendors.js";

type ErrorClass = abstract new (...args: never[]) => Error;

export interface Scenario {
  readonly name: string;
  readonly fault: () => Fault;
  /** How many attempts in a row suffer the fault; `always` for every one. */
  readonly times: number | "always";
  readonly timeout?: number;
  readonly maxRetries?: number;
  readonly expected: {
    /** Resolves with these flags, or rejects with exactly this class (and `status`, when given). */
    readonly result: { alreadyGone: boolean; confirmedByRetry: boolean } | { error: ErrorClass; status?: number };
    /** Requests the server received. */
    readonly attempts: number;
    /** Whether the token is gone from the server afterwards. */
    readonly gone: boolean;
    /** Longest server-requested pause between attempts, for the time bound. */
    readonly serverDelayMs?: number;
  };
  /** Scenario-specific checks. */
  readonly check?: (outcome: { error?: unknown; requests: readonly RecordedRequest[] }) => void;
}

const STALL_TIMEOUT_MS = 300;

const resolvesFresh = { alreadyGone: false, confirmedByRetry: false };
const resolvesConfirmed = { alreadyGone: true, confirmedByRetry: true };

/** The pause between the first two attempts, as the server saw it. */
function gapMs(requests: readonly RecordedRequest[]): number {
  const [first, second] = requests;
  return first && second ? second.receivedAt - first.receivedAt : Number.NaN;
}

export const TRANSIENT_CONNECTION: readonly Scenario[] = [
  {
    name: "connection dropped after the delete was performed",
    fault: () => faults.dropConnection({ applies: true }),
    times: 1,
    expected: { result: resolvesConfirmed, attempts: 2, gone: true },
  },
  {
    name: "connection dropped before the delete was performed",
    fault: () => faults.dropConnection({ applies: false }),
    times: 1,
    expected: { result: resolvesFresh, attempts: 2, gone: true },
  },
  {
    name: "connection reset mid-body",
    fault: () => faults.resetMidBody(),
    times: 1,
    expected: { result: resolvesConfirmed, attempts: 2, gone: true },
  },
  {
    name: "headers stall past the timeout",
    fault: () => faults.stallHeaders(),
    times: 1,
    timeout: STALL_TIMEOUT_MS,
    expected: { result: resolvesConfirmed, attempts: 2, gone: true },
  },
  {
    name: "body stalls past the timeout",
    fault: () => faults.stallBody(),
    times: 1,
    timeout: STALL_TIMEOUT_MS,
    expected: { result: resolvesConfirmed, attempts: 2, gone: true },
  },
];

export const TRANSIENT_HTTP: readonly Scenario[] = [
  ...[500, 502, 503, 504].map(
    (status): Scenario => ({
      name: `status ${status}`,
      fault: () => faults.status(status),
      times: 1,
      expected: { result: resolvesFresh, attempts: 2, gone: true },
    }),
  ),
  {
    name: "429 with Retry-After in seconds",
    fault: () => faults.rateLimitSeconds(1),
    times: 1,
    expected: { result: resolvesFresh, attempts: 2, gone: true, serverDelayMs: 1_000 },
    check: ({ requests }) => expect(gapMs(requests)).toBeGreaterThanOrEqual(990),
  },
  {
    name: "429 with Retry-After as an HTTP date",
    fault: () => faults.rateLimitDate(2),
    times: 1,
    expected: { result: resolvesFresh, attempts: 2, gone: true, serverDelayMs: 2_000 },
    // An HTTP date has whole seconds, so "+2 s" means a wait between 1 and 2 s.
    check: ({ requests }) => expect(gapMs(requests)).toBeGreaterThanOrEqual(900),
  },
  {
    name: "429 with retry-after-ms",
    fault: () => faults.rateLimitMs(150),
    times: 1,
    expected: { result: resolvesFresh, attempts: 2, gone: true, serverDelayMs: 150 },
    check: ({ requests }) => expect(gapMs(requests)).toBeGreaterThanOrEqual(140),
  },
  {
    name: "HTML error page from a proxy",
    fault: () => faults.htmlErrorPage(502),
    times: 1,
    expected: { result: resolvesFresh, attempts: 2, gone: true },
  },
  {
    name: "10 MB error body",
    fault: () => faults.hugeBody(),
    times: 1,
    expected: { result: resolvesFresh, attempts: 2, gone: true },
  },
  {
    name: "malformed JSON in a 200",
    fault: () => faults.malformedJson(),
    times: 1,
    expected: { result: { error: APIResponseValidationError, status: 200 }, attempts: 1, gone: true },
  },
  {
    // Every vendor under test documents a body for its success: an empty one confirms nothing.
    name: "empty 200",
    fault: () => faults.empty200(),
    times: 1,
    expected: { result: { error: APIResponseValidationError, status: 200 }, attempts: 1, gone: true },
    check: ({ error }) => expect(error).toMatchObject({ outcomeUnknown: true, stage: "unreadable" }),
  },
  {
    name: "200 with the wrong shape",
    fault: () => faults.wrongShape200(),
    times: 1,
    expected: { result: { error: APIResponseValidationError, status: 200 }, attempts: 1, gone: true },
  },
  {
    name: "200 with {success: false}",
    fault: () => faults.refusedEnvelope200("token is locked"),
    times: 1,
    expected: { result: { error: APIError, status: 200 }, attempts: 1, gone: false },
    check: ({ error }) => expect((error as Error).message).toBe("token is locked"),
  },
  {
    name: "400 echoing the credential in body, headers and reason phrase",
    fault: () => faults.echoCredential(400),
    times: 1,
    expected: { result: { error: BadRequestError, status: 400 }, attempts: 1, gone: false },
  },
];

export const PERSISTENT_CONNECTION: readonly Scenario[] = [
  {
    name: "every connection dropped after the delete was performed",
    fault: () => faults.dropConnection({ applies: true }),
    times: "always",
    maxRetries: 1,
    expected: { result: { error: APIConnectionError }, attempts: 2, gone: true },
    check: ({ error }) => expect(error).not.toBeInstanceOf(APIConnectionTimeoutError),
  },
  {
    name: "every connection dropped before the delete was performed",
    fault: () => faults.dropConnection({ applies: false }),
    times: "always",
    maxRetries: 1,
    expected: { result: { error: APIConnectionError }, attempts: 2, gone: false },
  },
  {
    name: "every connection reset mid-body",
    fault: () => faults.resetMidBody({ applies: false }),
    times: "always",
    maxRetries: 1,
    expected: { result: { error: APIConnectionError }, attempts: 2, gone: false },
  },
  {
    name: "headers always stall",
    fault: () => faults.stallHeaders({ applies: false }),
    times: "always",
    maxRetries: 1,
    timeout: STALL_TIMEOUT_MS,
    expected: { result: { error: APIConnectionTimeoutError }, attempts: 2, gone: false },
  },
  {
    name: "body always stalls",
    fault: () => faults.stallBody({ applies: false }),
    times: "always",
    maxRetries: 1,
    timeout: STALL_TIMEOUT_MS,
    expected: { result: { error: APIConnectionTimeoutError }, attempts: 2, gone: false },
  },
  {
    name: "no retries: connection dropped after the delete was performed",
    fault: () => faults.dropConnection({ applies: true }),
    times: "always",
    maxRetries: 0,
    expected: { result: { error: APIConnectionError }, attempts: 1, gone: true },
  },
];

export const PERSISTENT_HTTP: readonly Scenario[] = [
  ...[500, 502, 503, 504].map(
    (status): Scenario => ({
      name: `status ${status} on every attempt`,
      fault: () => faults.status(status),
      times: "always",
      maxRetries: 1,
      expected: { result: { error: InternalServerError, status }, attempts: 2, gone: false },
    }),
  ),
  {
    name: "429 with retry-after-ms on every attempt",
    fault: () => faults.rateLimitMs(50),
    times: "always",
    expected: { result: { error: RateLimitError, status: 429 }, attempts: 3, gone: false, serverDelayMs: 50 },
    check: ({ error }) => expect((error as RateLimitError).retryAfter).toBe(0.05),
  },
  {
    name: "429 asking for more than 60 s is not waited for",
    fault: () => faults.rateLimitSeconds(120),
    times: "always",
    expected: { result: { error: RateLimitError, status: 429 }, attempts: 1, gone: false },
    check: ({ error }) => expect((error as RateLimitError).retryAfter).toBe(120),
  },
  {
    name: "HTML error page on every attempt",
    fault: () => faults.htmlErrorPage(502),
    times: "always",
    maxRetries: 1,
    expected: { result: { error: InternalServerError, status: 502 }, attempts: 2, gone: false },
    check: ({ error }) => expect((error as Error).message).toBe("502 Bad Gateway"),
  },
  {
    name: "10 MB error body on every attempt",
    fault: () => faults.hugeBody(),
    times: "always",
    maxRetries: 1,
    expected: { result: { error: InternalServerError, status: 500 }, attempts: 2, gone: false },
    check: ({ error }) => expect((error as Error).message).toBe("500 Internal Server Error"),
  },
  {
    name: "500 echoing the credential on every attempt",
    fault: () => faults.echoCredential(500),
    times: "always",
    maxRetries: 1,
    expected: { result: { error: InternalServerError, status: 500 }, attempts: 2, gone: false },
  },
];

export const ALL_SCENARIOS = [...TRANSIENT_CONNECTION, ...TRANSIENT_HTTP, ...PERSISTENT_CONNECTION, ...PERSISTENT_HTTP];

/** Runs one scenario against one vendor on a fresh server, and checks everything. */
export async function runScenario(vendor: VendorUnderTest, scenario: Scenario): Promise<void> {
  const baseline = watchedHandles();
  const [id] = vendor.ids(1);
  const { server, liveIds } = await vendor.start([id]);
  const { logger, lines } = captureLogs();
  const timeout = scenario.timeout ?? 5_000;
  const maxRetries = scenario.maxRetries ?? 2;
  let outcome: Awaited<ReturnType<typeof settle>>;
  try {
    const fault = scenario.fault();
    if (scenario.times === "always") server.setFaultPolicy(() => fault);
    else server.injectFault(fault, scenario.times);
    const resource = vendor.resource({ baseUrl: server.url, logger, logLevel: "debug", timeout, maxRetries });
    outcome = await settle(() => resource.delete(id));
  } finally {
    await server.close();
  }

  const { expected } = scenario;
  if ("error" in expected.result) {
    expect(outcome.ok, outcome.ok ? `resolved with ${JSON.stringify(outcome.value)}` : "").toBe(false);
    const error = outcome.ok ? undefined : outcome.error;
    expect(error).toBeInstanceOf(expected.result.error);
    expect((error as Error).constructor, "the most specific error class").toBe(expected.result.error);
    const apiError = error as APIError;
    expect(apiError.status).toBe(expected.result.status);
    expect(apiError.method).toBe("DELETE");
    expect(apiError.path).toBe(vendor.pathTemplate);
  } else {
    if (!outcome.ok) throw outcome.error;
    // `data` (the success body, when the server sent one) is not what these scenarios are about.
    const { data: _body, ...result } = outcome.value as { data?: unknown };
    expect(result).toEqual({ id, message: expect.any(String), ...expected.result });
  }

  expect(server.requests.length, "requests the server received").toBe(expected.attempts);
  expect(!liveIds.has(id), "id gone from the server").toBe(expected.gone);
  expect(outcome.ms).toBeLessThanOrEqual(
    worstCaseMs({ timeout, maxRetries, serverDelayMs: expected.serverDelayMs ?? 0 }) + SLACK_MS,
  );

  const attempts = attemptLines(lines);
  expect(attempts.length, "one log line per attempt").toBe(expected.attempts);
  for (const line of attempts) {
    expect(line.text).toMatch(new RegExp(`^DELETE ${vendor.pathTemplate.replace(/[{}]/g, "\\$&")} → `));
    expect(line.text).not.toContain(String(id));
  }
  expectNoSecrets(lines, vendor.secrets, "log lines");
  expectNoSecrets(outcome.ok ? outcome.value : outcome.error, vendor.secrets, "the outcome");
  scenario.check?.({ error: outcome.ok ? undefined : outcome.error, requests: server.requests });

  await expectNoLeakedHandles(baseline);
}
