/**
 * `raw` sends each request to its operation's own server (path- or operation-level `servers`), as
 * the helpers do, and an explicit `baseUrl` overrides every server. Two real servers on loopback.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { APIClient, type ApiSpec, type ClientOptions } from "../src/index.js";
import { type ScriptedServer, startScriptedServer } from "../src/testing/index.js";
import { thingsSpec } from "./fixtures.js";

interface RoutedPaths {
  "/things/{id}": { get: { parameters: { path: { id: string } } } };
  "/archive/{id}": { get: { parameters: { path: { id: string } } } };
}

let main: ScriptedServer;
let archive: ScriptedServer;
let spec: ApiSpec;
beforeAll(async () => {
  main = await startScriptedServer(() => ({ status: 200, body: { from: "main" } }));
  archive = await startScriptedServer(() => ({ status: 200, body: { from: "archive" } }));
  const route = (path: string, servers?: ApiSpec["servers"]) => ({
    operationId: path,
    method: "get" as const,
    path,
    pathParams: ["id"],
    params: [{ name: "id", in: "path" as const, required: true, type: "string" as const }],
    security: [["bearerAuth"]],
    responses: {},
    ...(servers ? { servers } : {}),
  });
  spec = {
    name: "Routed",
    env: "ROUTED_TEST",
    servers: [{ url: main.url }],
    // The bearer scheme of the core fixture; its `token` option is what the client below takes.
    securitySchemes: thingsSpec.securitySchemes,
    operations: {
      things: route("/things/{id}"),
      archive: route("/archive/{id}", [{ url: `${archive.url}/v9` }]),
    },
    resources: {},
  };
});
afterAll(async () => {
  await main.close();
  await archive.close();
});

class Routed extends APIClient<RoutedPaths> {
  constructor(options: ClientOptions & { token?: string }) {
    super(spec, options);
  }
}

test("an operation with its own server is sent there, authenticated; the others go to the document's", async () => {
  const client = new Routed({ token: "tok_routed_raw" });
  const archived = await client.raw.GET("/archive/{id}", { params: { path: { id: "a1" } } });
  expect(archived.data).toEqual({ from: "archive" });
  expect(archive.requests.at(-1)).toMatchObject({ target: "/v9/archive/a1" });
  expect(archive.requests.at(-1)?.headers.authorization).toBe("Bearer tok_routed_raw");
  const thing = await client.raw.GET("/things/{id}", { params: { path: { id: "t1" } } });
  expect(thing.data).toEqual({ from: "main" });
  expect(main.requests.at(-1)).toMatchObject({ target: "/things/t1" });
});

test("an explicit baseUrl overrides the operation's server", async () => {
  const before = archive.requests.length;
  const client = new Routed({ token: "tok_routed_raw", baseUrl: main.url });
  const archived = await client.raw.GET("/archive/{id}", { params: { path: { id: "a2" } } });
  expect(archived.data).toEqual({ from: "main" });
  expect(main.requests.at(-1)).toMatchObject({ target: "/archive/a2" });
  expect(archive.requests).toHaveLength(before);
});
