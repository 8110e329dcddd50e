/**
 * How an attempt is aborted on each of the transport's paths: the global `fetch` called directly
 * with the URL and init (see direct-fetch.ts), and a real `Request` carrying the signal for a
 * caller's `fetch`, whether it reads only its first argument or forwards both. On every path a
 * timeout or the caller's signal must end the request on the wire, and a pre-aborted signal must
 * send nothing.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { APIConnectionTimeoutError, APIUserAbortError, type Logger } from "../src/index.js";
import { Things as BaseThings, startLoopbackServer, TOKEN } from "./fixtures.js";

interface Seen {
  readonly url: string;
  /** Resolves when the client closed the connection before the server answered. */
  readonly closedEarly: Promise<void>;
}

let server: Awaited<ReturnType<typeof startLoopbackServer>>;
let baseUrl: string;
let seen: Seen[] = [];
/** What the server does with the next requests: answer, or hold them until the client gives up. */
let mode: "answer" | "hang" = "answer";
const held: ServerResponse[] = [];

beforeAll(async () => {
  server = await startLoopbackServer((request: IncomingMessage, response: ServerResponse) => {
    let closedEarly = (): void => {};
    const entry: Seen = { url: request.url ?? "", closedEarly: new Promise((resolve) => (closedEarly = resolve)) };
    seen.push(entry);
    response.on("close", () => {
      if (!response.writableEnded) closedEarly();
    });
    if (mode === "hang") {
      held.push(response);
      return;
    }
    const body = JSON.stringify({ message: "Thing deleted" });
    response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    response.end(body);
  });
  baseUrl = server.url;
});

afterAll(async () => {
  for (const response of held) response.destroy();
  await server.close();
});

beforeEach(() => {
  seen = [];
  mode = "answer";
});

let customFetchCalls = 0;
const forwardRequestOnly: typeof fetch = (input) => {
  customFetchCalls++;
  return globalThis.fetch(input as Request);
};

const forwardBoth: typeof fetch = (input, init) => {
  customFetchCalls++;
  return globalThis.fetch(input, init);
};

describe.each([
  { how: "the global fetch", options: {} },
  { how: "a `fetch` option that reads only the Request", options: { fetch: forwardRequestOnly } },
  { how: "a `fetch` option that forwards the Request and the init", options: { fetch: forwardBoth } },
])("with $how", ({ options }) => {
  const Things = BaseThings;

  it("deletes and reads the vendor's message", async () => {
    const calls = customFetchCalls;
    const things = new Things({ token: TOKEN, baseUrl, ...options });
    await expect(things.things.delete("a/b")).resolves.toMatchObject({ id: "a/b", message: "Thing deleted" });
    expect(seen.map((entry) => entry.url)).toEqual(["/things/a%2Fb"]);
    expect(customFetchCalls - calls).toBe(options.fetch ? 1 : 0);
  });

  it("ends a hanging request on the wire when the timeout fires", async () => {
    mode = "hang";
    const things = new Things({ token: TOKEN, baseUrl, timeout: 150, maxRetries: 0, ...options });
    await expect(things.things.delete("slow")).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    expect(seen).toHaveLength(1);
    await seen[0]?.closedEarly;
  });

  it("ends a hanging request on the wire when the caller aborts", async () => {
    mode = "hang";
    const things = new Things({ token: TOKEN, baseUrl, maxRetries: 0, ...options });
    const controller = new AbortController();
    const pending = things.things.delete("slow", { signal: controller.signal });
    while (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError);
    await seen[0]?.closedEarly;
  });

  it("sends nothing when the caller's signal is already aborted", async () => {
    const things = new Things({ token: TOKEN, baseUrl, ...options });
    await expect(things.things.delete("x", { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(APIUserAbortError);
    // Give a request that should not exist the time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toHaveLength(0);
  });
});

describe("logging", () => {
  const Things = BaseThings;
  const recorder = () => {
    const lines: { level: string; message: string; details: unknown[] }[] = [];
    const at =
      (level: string) =>
      (message: string, ...details: unknown[]) =>
        lines.push({ level, message, details });
    const logger: Logger = { error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug") };
    return { lines, logger };
  };

  it("writes nothing for a successful call at the default level", async () => {
    const { lines, logger } = recorder();
    const things = new Things({ token: TOKEN, baseUrl, logger });
    await things.things.delete("quiet");
    expect(lines).toEqual([]);
  });

  it("logs each attempt at info and the redacted response headers at debug", async () => {
    const { lines, logger } = recorder();
    const things = new Things({ token: TOKEN, baseUrl, logger, logLevel: "debug" });
    await things.things.delete("loud");
    expect(lines.map((line) => line.level)).toEqual(["info", "debug"]);
    expect(lines[0]?.message).toMatch(/^DELETE \/things\/\{id\} → 200 in \d+ ms$/);
    expect(lines[1]?.details[0]).toMatchObject({ "content-type": "application/json" });
  });

  it("logs at info but not debug at the info level", async () => {
    const { lines, logger } = recorder();
    const things = new Things({ token: TOKEN, baseUrl, logger, logLevel: "info" });
    await things.things.delete("some");
    expect(lines.map((line) => line.level)).toEqual(["info"]);
  });
});
