/**
 * A custom `fetch` that resolves with something other than a `Response` is a bug in the caller's
 * code, not a network fault: reported at once (`stage: "not-sent"`, not retried, outcome known),
 * never as a connection error that is retried with `outcomeUnknown: true`.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { APIConnectionError } from "../src/index.js";
import { type ScriptedServer, startScriptedServer } from "../src/testing/index.js";
import { Things, TOKEN } from "./fixtures.js";

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer(() => ({ status: 200, body: { message: "deleted" } }));
});
afterAll(() => server.close());

it.each([
  ["undefined", undefined],
  ["null", null],
  ["a plain object", { ok: true, status: 200 }],
  ["a string", "200 OK"],
])("a fetch that resolves with %s is reported at once", async (_, result) => {
  let calls = 0;
  const broken = (async () => {
    calls++;
    return result;
  }) as unknown as typeof fetch;
  const client = new Things({ baseUrl: server.url, token: TOKEN, fetch: broken, maxRetries: 2 });
  const error = await client.things.delete("a").catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(APIConnectionError);
  expect(error).toMatchObject({ stage: "not-sent", outcomeUnknown: false });
  expect((error as Error).message).toMatch(/`fetch` option resolved with something other than a Response/);
  expect(calls).toBe(1);
});

it("a fetch that wraps the real one still works", async () => {
  const wrapped: typeof fetch = (input, init) => fetch(input, init);
  const result = await new Things({ baseUrl: server.url, token: TOKEN, fetch: wrapped }).things.delete("a");
  expect(result.message).toBe("deleted");
});
