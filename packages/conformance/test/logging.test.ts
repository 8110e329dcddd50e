/**
 * Logging: one `info` line per attempt — method, templated path, status (or what went wrong),
 * duration, and why the SDK retries or stops — and never a credential, at any level.
 */
import { APIConnectionTimeoutError, type LogLevel } from "@sdkforge/core";
import { faults } from "@sdkforge/core/testing";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { attemptLines, captureLogs, expectNoSecrets, settle } from "./harness.js";
import { VENDORS, type VendorServer } from "./vendors.js";

const escapeBraces = (text: string) => text.replace(/[{}]/g, "\\$&");

describe.each(VENDORS)("$name", (vendor) => {
  let running: VendorServer;
  beforeAll(async () => {
    running = await vendor.start([]);
  });
  afterAll(() => running.server.close());
  afterEach(() => {
    delete process.env[vendor.logEnv];
    // A fault whose request was never sent (an early abort) must not hit the next test.
    running.server.clearFaults();
  });

  /** Extra headers a caller might send: none of their values may be logged either. */
  const EXTRA_HEADERS = { "x-api-key": "xk_S3cretExtraHeader42", cookie: "session=S3cretCookieValue42" };
  const SECRETS = [...vendor.secrets, "S3cretExtraHeader42", "S3cretCookieValue42"];

  async function deleteWithLogs(options: { logLevel?: LogLevel; timeout?: number; signal?: AbortSignal } = {}) {
    const [id] = vendor.ids(1);
    running.liveIds.add(id);
    const { logger, lines } = captureLogs();
    const { signal, ...clientOptions } = options;
    const resource = vendor.resource({ baseUrl: running.server.url, logger, headers: EXTRA_HEADERS, ...clientOptions });
    const outcome = await settle(() => resource.delete(id, signal ? { signal } : {}));
    expectNoSecrets(lines, SECRETS, "log lines");
    for (const line of lines) expect(line.text).not.toContain(String(id));
    return { outcome, lines, attempts: attemptLines(lines).map((line) => line.text) };
  }

  const line = (rest: string) => new RegExp(`^DELETE ${escapeBraces(vendor.pathTemplate)} → ${rest}$`);

  test("one line per attempt: status, duration and the retry reason", async () => {
    running.server.injectFault(faults.status(503));
    running.server.injectFault(faults.dropConnection({ applies: false }));
    running.server.injectFault(faults.stallHeaders({ applies: false }));
    // Generous, so that only the stalled attempt can time out even on a loaded machine.
    const { outcome, attempts } = await deleteWithLogs({ logLevel: "info", timeout: 2_000 });
    expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(attempts).toHaveLength(3);
    expect(attempts[0]).toMatch(line(String.raw`503 in \d+ ms; retrying in \d+ ms \(status 503\)`));
    expect(attempts[1]).toMatch(
      line(String.raw`connection error in \d+ ms; retrying in \d+ ms \(connection error \(.+\)\)`),
    );
    expect(attempts[2]).toMatch(line(String.raw`timeout in \d+ ms; not retrying \(retries exhausted\)`));
  });

  test("the last attempt says why the SDK stopped; a success says nothing more", async () => {
    running.server.injectFault(faults.rateLimitMs(10));
    const { attempts } = await deleteWithLogs({ logLevel: "info" });
    expect(attempts).toEqual([
      expect.stringMatching(line(String.raw`429 in \d+ ms; retrying in 10 ms \(status 429\)`)),
      expect.stringMatching(line(String.raw`200 in \d+ ms`)),
    ]);
  });

  test("an aborted attempt gets its line too", async () => {
    running.server.injectFault(faults.stallHeaders({ applies: false }));
    const { outcome, attempts } = await deleteWithLogs({ logLevel: "info", signal: AbortSignal.timeout(100) });
    expect(outcome.ok).toBe(false);
    expect(attempts).toEqual([
      expect.stringMatching(line(String.raw`aborted in \d+ ms; not retrying \(aborted by the caller\)`)),
    ]);
  });

  test("debug adds the response headers, redacted", async () => {
    running.server.injectFault(faults.echoCredential(400));
    const { lines } = await deleteWithLogs({ logLevel: "debug" });
    const headerLine = lines.find((entry) => entry.level === "debug");
    expect(headerLine?.text).toContain("x-debug-auth");
    expect(headerLine?.text).toContain("***");
  });

  test("the default level (warn) keeps a successful call silent", async () => {
    const { lines } = await deleteWithLogs();
    expect(lines).toEqual([]);
  });

  test(`${vendor.logEnv} overrides the logLevel option`, async () => {
    process.env[vendor.logEnv] = "debug";
    const { lines } = await deleteWithLogs({ logLevel: "off" });
    expect(lines.map((entry) => entry.level)).toEqual(["info", "debug"]);
    process.env[vendor.logEnv] = "off";
    expect((await deleteWithLogs({ logLevel: "debug" })).lines).toEqual([]);
  });

  test(`an invalid ${vendor.logEnv} warns, naming it, and the client is still made`, () => {
    process.env[vendor.logEnv] = "verbose";
    const warnings: string[] = [];
    const logger = { warn: (message: string) => void warnings.push(message) };
    expect(() => vendor.resource({ baseUrl: running.server.url, logger })).not.toThrow();
    expect(() => vendor.resource({ baseUrl: running.server.url, logger })).not.toThrow();
    // Once per process, however many clients are made.
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`${vendor.logEnv}="verbose"`);
  });
});

test("each vendor reads only its own log variable", async () => {
  for (const vendor of VENDORS) {
    const others = VENDORS.filter((other) => other.logEnv !== vendor.logEnv);
    const running = await vendor.start([]);
    try {
      for (const other of others) process.env[other.logEnv] = "debug";
      const { logger, lines } = captureLogs();
      const [id] = vendor.ids(1);
      await vendor.resource({ baseUrl: running.server.url, logger }).delete(id, { missingOk: true });
      expect(lines, `${vendor.name} logged at another vendor's level`).toEqual([]);
    } finally {
      for (const other of others) delete process.env[other.logEnv];
      await running.server.close();
    }
  }
});
