/**
 * `retryBackoff` shortens the real pause before a retry: `{ initialDelayMs: 0 }` makes a retried
 * call cost no wall-clock time and need no timer to fire, so it also completes under fake timers,
 * where the default back-off would wait for a clock that never moves.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { type ClientOptions, InvalidArgumentError } from "../src/index.js";
import { type ScriptedServer, startScriptedServer } from "../src/testing/index.js";
import { Things, TOKEN } from "./fixtures.js";

/** The core fixture's client, quiet, with its token. */
const things = (options: ClientOptions) => new Things({ token: TOKEN, logLevel: "off", ...options });

/** A server whose first `failures` answers are 503s, then 200s. */
function flakyServer(failures: number): Promise<ScriptedServer> {
  return startScriptedServer((_request, index) =>
    index < failures ? { status: 503, body: { message: "busy" } } : { status: 200, body: { message: "deleted" } },
  );
}

let server: ScriptedServer | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await server?.close();
  server = undefined;
});

describe("retryBackoff", () => {
  test("with no initial delay, retries at once and still succeeds", async () => {
    server = await flakyServer(2);
    const client = things({ baseUrl: server.url, retryBackoff: { initialDelayMs: 0 } });
    await expect(client.things.delete("t1")).resolves.toMatchObject({ alreadyGone: false });
    expect(server.requests).toHaveLength(3);
  });

  test("lets a retried call finish under fake timers", async () => {
    server = await flakyServer(1);
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
    const client = things({ baseUrl: server.url, retryBackoff: { initialDelayMs: 0, maxDelayMs: 0 } });
    await expect(client.things.delete("t1")).resolves.toMatchObject({ alreadyGone: false });
    expect(server.requests).toHaveLength(2);
  });

  test.each([
    [{ initialDelayMs: -1 }, "retryBackoff.initialDelayMs"],
    [{ maxDelayMs: Number.NaN }, "retryBackoff.maxDelayMs"],
    [{ initialDelayMs: 120_000 }, "from 0 to 60000"],
    [{ initialDelayMs: 900, maxDelayMs: 100 }, "must not exceed"],
    ["fast", "must be an object"],
  ])("refuses %j at construction", (retryBackoff, message) => {
    expect(() => things({ baseUrl: "http://127.0.0.1:9", retryBackoff: retryBackoff as never })).toThrow(
      InvalidArgumentError,
    );
    expect(() => things({ baseUrl: "http://127.0.0.1:9", retryBackoff: retryBackoff as never })).toThrow(message);
  });
});
