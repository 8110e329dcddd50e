/**
 * The direct path (global `fetch`) must put on the wire exactly what the `Request` path (a
 * caller-supplied `fetch`) puts there. Middleware on `raw` stays on `raw`.
 */
import type { Middleware } from "openapi-fetch";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ScriptedRequest, type ScriptedServer, startScriptedServer } from "../src/testing/index.js";
import { Things, TOKEN } from "./fixtures.js";

let server: ScriptedServer;
let baseUrl: string;
let received: ScriptedRequest[];

beforeAll(async () => {
  server = await startScriptedServer(() => ({
    status: 200,
    headers: { "content-type": "application/json" },
    body: { message: "Thing deleted" },
  }));
  baseUrl = server.url;
  received = server.requests;
});

afterAll(() => server.close());

beforeEach(() => {
  received.length = 0;
});

const ids = ["plain", "a/b c", "ü?#%", "x".repeat(300)];

describe("the direct fetch path", () => {
  it("sends the same method, target, headers and (no) body as the Request path", async () => {
    const direct = new Things({ token: TOKEN, baseUrl, headers: { "X-Extra": "1" } });
    // A caller-supplied fetch always gets a real Request; this one forwards to the (watched) global.
    const viaRequest = new Things({
      token: TOKEN,
      baseUrl,
      headers: { "X-Extra": "1" },
      fetch: (input, init) => globalThis.fetch(input, init),
    });
    // Watch (not replace) the global fetch, to see which path each call took.
    const realFetch = globalThis.fetch;
    const firstArguments: string[] = [];
    globalThis.fetch = (input, init) => {
      firstArguments.push(input instanceof Request ? "Request" : typeof input);
      return realFetch(input, init);
    };
    try {
      for (const id of ids) {
        await direct.things.delete(id, { headers: { "X-Per-Call": id.slice(0, 5) } });
        await viaRequest.things.delete(id, { headers: { "X-Per-Call": id.slice(0, 5) } });
      }
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(firstArguments).toEqual(ids.flatMap(() => ["string", "Request"]));
    expect(received).toHaveLength(2 * ids.length);
    for (let i = 0; i < received.length; i += 2) expect(received[i]).toEqual(received[i + 1]);
    expect(received[0]).toMatchObject({
      method: "DELETE",
      target: "/things/plain",
      body: "",
      headers: { authorization: `Bearer ${TOKEN}`, "x-extra": "1", "x-per-call": "plain" },
    });
    expect(received[2]?.target).toBe("/things/a%2Fb%20c");
  });

  it("runs middleware added to raw on raw calls only, never on the helpers' direct path", async () => {
    const things = new Things({ token: TOKEN, baseUrl });
    const seen: unknown[] = [];
    const tracer: Middleware = {
      onRequest({ request }) {
        seen.push(request);
        request.headers.set("x-trace", "on");
        return request;
      },
    };
    things.raw.use(tracer);
    await things.things.delete("helper");
    await things.raw.DELETE("/things/{id}", { params: { path: { id: "raw" } } });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(Request);
    expect(received.map((entry) => [entry.target, entry.headers["x-trace"], entry.headers.authorization])).toEqual([
      ["/things/helper", undefined, `Bearer ${TOKEN}`],
      ["/things/raw", "on", `Bearer ${TOKEN}`],
    ]);
  });
});
