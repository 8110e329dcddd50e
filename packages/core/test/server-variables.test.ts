/**
 * A server variable's value fills its slot of the spec's URL template and nothing more: a value
 * that would change the scheme, the host or the path's structure is refused at construction,
 * before anything is sent. Real loopback servers show where a request would otherwise have gone.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APIClient, type ApiSpec, type ClientOptions, InvalidArgumentError, serverVariables } from "../src/index.js";
import { type ScriptedServer, startScriptedServer } from "../src/testing/index.js";
import { TOKEN, thingsSpec } from "./fixtures.js";

let server: ScriptedServer;
let port: string;
beforeAll(async () => {
  server = await startScriptedServer(() => ({ status: 200, body: { message: "deleted" } }));
  port = new URL(server.url).port;
});
afterAll(() => server.close());

const deleteThing = thingsSpec.operations.deleteThing;

/** A spec whose document server is `documentServer`, and whose operation may have a server of its own. */
function specWith(documentServer: ApiSpec["servers"][number], operationServer?: ApiSpec["servers"][number]): ApiSpec {
  return {
    ...thingsSpec,
    features: { serverVariables },
    servers: [documentServer],
    operations: {
      deleteThing: { ...deleteThing, ...(operationServer ? { servers: [operationServer] } : {}) },
    },
  };
}

function client(spec: ApiSpec, options: Record<string, unknown>): { things: { delete(id: string): Promise<unknown> } } {
  class Tenant extends APIClient<object> {
    constructor(given: ClientOptions & Record<string, unknown>) {
      super(spec, given);
    }
  }
  return new Tenant({ token: TOKEN, allowInsecureHttp: true, maxRetries: 0, ...options }) as never;
}

function refusal(build: () => unknown): unknown {
  try {
    const built = build() as { things: { delete(id: string): Promise<unknown> } };
    return built.things.delete("x").then(
      () => undefined,
      (error: unknown) => error,
    );
  } catch (error) {
    return error;
  }
}

describe("a value for a variable in the host", () => {
  const tenantServer = {
    url: "http://{tenant}.example.com/v1",
    variables: { tenant: { default: "acme" } },
  };

  it.each([
    ["another host followed by a slash", "attacker.example/"],
    ["the loopback server, port and slash", () => `127.0.0.1:${port}/`],
    ["a user-info marker", () => `127.0.0.1:${port}@`],
    ["a query", "x?"],
    ["a fragment", "x#"],
    ["a backslash", "x\\"],
    ["an encoded slash", "x%2f"],
  ])("is refused when it holds %s", async (_, value) => {
    const before = server.requests.length;
    const tenant = typeof value === "function" ? value() : value;
    const error = await refusal(() => client(specWith(tenantServer), { tenant }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe("tenant");
    expect(server.requests).toHaveLength(before);
  });

  it("is taken when it is a host label, and the spec's default is taken as written", () => {
    expect(client(specWith(tenantServer), { tenant: "team-7.eu" })).toMatchObject({});
    const local = { url: `http://{host}:${port}`, variables: { host: { default: "127.0.0.1" } } };
    expect((client(specWith(local), {}) as unknown as { baseUrl: string }).baseUrl).toBe(server.url);
  });
});

describe("a value for a variable in the path", () => {
  const versioned = {
    url: "http://127.0.0.1:{port}/api/{version}",
    variables: { port: { default: "9" }, version: { default: "v1" } },
  };

  it.each([
    ["..", ".."],
    [".", "."],
    ["../admin", "../admin"],
    ["a/b", "a/b"],
    ["%2e%2e", "%2e%2e"],
  ])("is refused when it is %s", async (_, version) => {
    const before = server.requests.length;
    const error = await refusal(() => client(specWith(versioned), { port, version }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe("version");
    expect(server.requests).toHaveLength(before);
  });

  it("of an operation's own server cannot climb out of it", async () => {
    const documentServer = { url: `${server.url}/api/v1` };
    const operationServer = { url: "/api/v1/{shard}", variables: { shard: { default: "main" } } };
    const before = server.requests.length;
    for (const shard of ["..", "../../admin"]) {
      const error = await refusal(() => client(specWith(documentServer, operationServer), { shard }));
      expect(error, shard).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).argument).toBe("shard");
    }
    expect(server.requests).toHaveLength(before);
    await client(specWith(documentServer, operationServer), { shard: "blue-2" }).things.delete("x");
    expect(server.requests.at(-1)?.target).toBe("/api/v1/blue-2/things/x");
  });
});
