/**
 * Credentials from security schemes, on the wire: every scheme kind, per-operation security
 * (including `security: []` and the anonymous `{}` alternative), AND requirements, a client
 * without credentials, and a query-string key that never shows in an error, a log or `raw`'s
 * middleware.
 */
import type { Middleware } from "openapi-fetch";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  APIClient,
  type ApiSpec,
  AuthenticationError,
  basicCredential,
  type ClientOptions,
  cookieCredential,
  InvalidArgumentError,
  type OperationSpec,
  queryCredential,
  type SecuritySchemeSpec,
} from "../src/index.js";
import { type ScriptedRequest, type ScriptedServer, startScriptedServer } from "../src/testing/index.js";

const scheme = (
  kind: SecuritySchemeSpec["kind"],
  place: SecuritySchemeSpec["in"],
  name: string,
  prefix: string,
  ...options: string[]
): SecuritySchemeSpec => ({
  kind,
  type: kind === "apiKey" ? "apiKey" : "http",
  in: place,
  name,
  prefix,
  options: options.map((option) => ({ option, env: `AUTHTEST_${option.toUpperCase()}` })),
});

const operation = (operationId: string, security: OperationSpec["security"]): OperationSpec => ({
  operationId,
  method: "delete",
  path: `/${operationId}/{id}`,
  pathParams: ["id"],
  params: [{ name: "id", in: "path", required: true, type: "string" }],
  security,
  responses: { "204": { description: "Deleted" }, "401": { description: "Unauthorized" } },
});

const spec: ApiSpec = {
  name: "AuthTest",
  features: { basicCredential, cookieCredential, queryCredential },
  env: "AUTHTEST",
  title: "Auth test API",
  version: "1.0.0",
  servers: [{ url: "https://auth.example.com" }],
  securitySchemes: {
    bearer: scheme("bearer", "header", "Authorization", "Bearer ", "token"),
    basic: scheme("basic", "header", "Authorization", "Basic ", "username", "password"),
    headerKey: scheme("apiKey", "header", "X-Api-Key", "", "headerKey"),
    queryKey: scheme("apiKey", "query", "api_key", "", "queryKey"),
    cookieKey: scheme("apiKey", "cookie", "session", "", "cookieKey"),
  },
  operations: Object.fromEntries(
    [
      operation("bearerOnly", [["bearer"]]),
      operation("basicOnly", [["basic"]]),
      operation("headerKeyOnly", [["headerKey"]]),
      operation("queryKeyOnly", [["queryKey"]]),
      operation("cookieKeyOnly", [["cookieKey"]]),
      operation("open", []),
      operation("anonymousOrBearer", [["bearer"], []]),
      operation("anonymousFirst", [[], ["headerKey"]]),
      operation("queryOrBearer", [["queryKey"], ["bearer"]]),
      operation("headerAndQuery", [["headerKey", "queryKey"]]),
    ].map((op) => [op.operationId, op]),
  ),
  resources: {
    things: {
      bearerOnly: "bearerOnly",
      basicOnly: "basicOnly",
      headerKeyOnly: "headerKeyOnly",
      queryKeyOnly: "queryKeyOnly",
      cookieKeyOnly: "cookieKeyOnly",
      open: "open",
      anonymousOrBearer: "anonymousOrBearer",
      anonymousFirst: "anonymousFirst",
      queryOrBearer: "queryOrBearer",
      headerAndQuery: "headerAndQuery",
    },
  },
};

type Helper = (id: string, options?: object) => Promise<{ id: string }>;

class AuthClient extends APIClient<object> {
  declare readonly things: Record<string, Helper>;
  constructor(options: ClientOptions & Record<string, unknown>) {
    super(spec, options);
  }
}

const QUERY_KEY = "qk_S3cretQueryKey9";
let server: ScriptedServer;
let baseUrl: string;
let received: ScriptedRequest[];
let status = 204;

beforeAll(async () => {
  server = await startScriptedServer(() => ({
    status,
    body: status === 204 ? "" : { message: `bad key ${QUERY_KEY}` },
  }));
  baseUrl = server.url;
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  received = server.requests;
  status = 204;
});

const all = {
  token: "bearer_token_123",
  username: "ada",
  password: "pass word:1",
  headerKey: "hk_header_key_1",
  queryKey: QUERY_KEY,
  cookieKey: "ck_cookie_key_1",
};

describe("each scheme kind goes where the spec says", () => {
  it.each([
    ["bearerOnly", (r: ScriptedRequest) => r.headers.authorization, "Bearer bearer_token_123"],
    ["basicOnly", (r: ScriptedRequest) => r.headers.authorization, `Basic ${btoa("ada:pass word:1")}`],
    ["headerKeyOnly", (r: ScriptedRequest) => r.headers["x-api-key"], "hk_header_key_1"],
    ["queryKeyOnly", (r: ScriptedRequest) => r.target, `/queryKeyOnly/x?api_key=${QUERY_KEY}`],
    ["cookieKeyOnly", (r: ScriptedRequest) => r.headers.cookie, "session=ck_cookie_key_1"],
  ])("%s", async (method, read, expected) => {
    const client = new AuthClient({ baseUrl, ...all });
    await client.things[method]?.("x");
    expect(received).toHaveLength(1);
    expect(read(received[0] as ScriptedRequest)).toBe(expected);
  });

  it("sends nothing for `security: []`, and both schemes of an AND requirement", async () => {
    const client = new AuthClient({ baseUrl, ...all });
    await client.things.open?.("x");
    await client.things.headerAndQuery?.("x");
    expect(received[0]?.headers.authorization).toBeUndefined();
    expect(received[0]?.target).toBe("/open/x");
    expect(received[1]?.headers["x-api-key"]).toBe("hk_header_key_1");
    expect(received[1]?.target).toBe(`/headerAndQuery/x?api_key=${QUERY_KEY}`);
  });

  it("refuses a basic user name with a colon, without echoing it", () => {
    expect(() => new AuthClient({ baseUrl, username: "a:secretish", password: "p" })).toThrow(InvalidArgumentError);
    expect(() => new AuthClient({ baseUrl, username: "a:secretish", password: "p" })).not.toThrow(/secretish/);
  });
});

describe("a client without credentials", () => {
  it("is built, and helpers that need none work", async () => {
    const client = new AuthClient({ baseUrl });
    await client.things.open?.("x");
    await client.things.anonymousOrBearer?.("y");
    expect(received.map((r) => [r.target, r.headers.authorization])).toEqual([
      ["/open/x", undefined],
      ["/anonymousOrBearer/y", undefined],
    ]);
  });

  it("refuses before sending, naming every way to authenticate", async () => {
    const client = new AuthClient({ baseUrl, token: "bearer_token_123" });
    const error = await client.things.headerAndQuery?.("x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toBe(
      "AuthTest: missing credentials for DELETE /headerAndQuery/{id}. Pass the `headerKey` option or the " +
        "AUTHTEST_HEADERKEY environment variable and the `queryKey` option or the AUTHTEST_QUERYKEY environment variable.",
    );
    expect(received).toHaveLength(0);
  });

  it("uses the first alternative it has every credential for", async () => {
    await new AuthClient({ baseUrl, token: "bearer_token_123" }).things.queryOrBearer?.("x");
    await new AuthClient({ baseUrl, token: "bearer_token_123" }).things.anonymousOrBearer?.("x");
    expect(received.map((r) => [r.target, r.headers.authorization])).toEqual([
      ["/queryOrBearer/x", "Bearer bearer_token_123"],
      ["/anonymousOrBearer/x", "Bearer bearer_token_123"],
    ]);
  });

  it("prefers an alternative the caller gave credentials for to the anonymous `{}` listed first", async () => {
    await new AuthClient({ baseUrl, headerKey: "hk_header_key_1" }).things.anonymousFirst?.("x");
    await new AuthClient({ baseUrl }).things.anonymousFirst?.("y");
    expect(received.map((r) => [r.target, r.headers["x-api-key"]])).toEqual([
      ["/anonymousFirst/x", "hk_header_key_1"],
      ["/anonymousFirst/y", undefined],
    ]);
  });

  it("reads credentials from the env vars", async () => {
    process.env.AUTHTEST_HEADERKEY = "hk_from_env_1";
    try {
      await new AuthClient({ baseUrl }).things.headerKeyOnly?.("x");
    } finally {
      delete process.env.AUTHTEST_HEADERKEY;
    }
    expect(received[0]?.headers["x-api-key"]).toBe("hk_from_env_1");
  });
});

describe("a key in the query string", () => {
  it("never shows in an error, a log line or the response `withResponse()` gives", async () => {
    status = 401;
    const lines: string[] = [];
    const log = (...args: unknown[]) =>
      lines.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
    const logger = { debug: log, info: log, warn: log, error: log };
    const client = new AuthClient({ baseUrl, queryKey: QUERY_KEY, logLevel: "debug", logger });
    const error = await client.things.queryKeyOnly?.("x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(received[0]?.target).toContain(QUERY_KEY);
    status = 204;
    const helper = client.things.queryKeyOnly as unknown as (id: string) => {
      withResponse(): Promise<{ response: Response }>;
    };
    const { response } = await helper("y").withResponse();
    expect(response.url).toBe(`${baseUrl}/queryKeyOnly/y?api_key=***`);
    const seen = [String(error), (error as Error).message, JSON.stringify(error), ...lines].join("\n");
    expect(lines.length).toBeGreaterThan(0);
    expect(seen).not.toContain(QUERY_KEY);
    expect(seen).not.toContain("S3cretQueryKey");
  });

  it("is added to raw requests after every middleware, and masked in the response url they see", async () => {
    const client = new AuthClient({ baseUrl, queryKey: QUERY_KEY, headerKey: "hk_header_key_1" });
    const seen: string[] = [];
    const spy: Middleware = {
      onRequest({ request }) {
        seen.push(request.url, request.headers.get("x-api-key") ?? "");
        request.headers.set("x-api-key", "caller override");
      },
      onResponse({ request, response }) {
        seen.push(request.url, response.url);
      },
    };
    const raw = client.raw as unknown as {
      use(m: Middleware): void;
      DELETE(path: string, init: object): Promise<{ response: Response }>;
    };
    raw.use(spy);
    const { response } = await raw.DELETE("/headerAndQuery/{id}", { params: { path: { id: "x" } } });
    expect(received[0]?.target).toBe(`/headerAndQuery/x?api_key=${QUERY_KEY}`);
    expect(received[0]?.headers["x-api-key"]).toBe("hk_header_key_1");
    expect([...seen, response.url].join(" ")).not.toContain(QUERY_KEY);
    expect(response.url).toBe(`${baseUrl}/headerAndQuery/x?api_key=***`);
  });

  it("raw refuses an operation whose credential is missing, before sending", async () => {
    const raw = new AuthClient({ baseUrl }).raw as unknown as { DELETE(path: string, init: object): Promise<unknown> };
    await expect(raw.DELETE("/queryKeyOnly/{id}", { params: { path: { id: "x" } } })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    expect(received).toHaveLength(0);
  });
});

describe("a cookie credential", () => {
  it.each([
    ["a space", "ck cookie key"],
    ["a semicolon", "ck_cookie;admin=1"],
    ["a comma", "ck_cookie,key_1"],
    ["a double quote", 'ck_"cookie"_1'],
    ["a backslash", "ck_cookie\\key_1"],
  ])("with %s is refused at construction, without echoing it", (_, cookieKey) => {
    expect(() => new AuthClient({ baseUrl, cookieKey })).toThrow(InvalidArgumentError);
    expect(() => new AuthClient({ baseUrl, cookieKey })).toThrow(
      /`cookieKey` must be a string of printable ASCII characters a cookie may hold/,
    );
    expect(() => new AuthClient({ baseUrl, cookieKey })).not.toThrow(cookieKey);
  });

  it("is merged with the caller's own cookies, client-wide and per request, and those with each other", async () => {
    const client = new AuthClient({ baseUrl, ...all, headers: { Cookie: "theme=dark" } });
    await client.things.cookieKeyOnly?.("x", { headers: { cookie: "trace=1; lang=en" } });
    await client.things.cookieKeyOnly?.("y");
    await client.things.bearerOnly?.("z", { headers: { cookie: "trace=2" } });
    expect(received.map((r) => r.headers.cookie)).toEqual([
      "theme=dark; trace=1; lang=en; session=ck_cookie_key_1",
      "theme=dark; session=ck_cookie_key_1",
      "theme=dark; trace=2",
    ]);
  });

  it("refuses, before sending, a caller's cookie named like the credential's", async () => {
    const client = new AuthClient({ baseUrl, ...all });
    const error = await client.things
      .cookieKeyOnly?.("x", { headers: { Cookie: "session=forged" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(/`session` cookie carries the client's credential/);
    expect(received).toHaveLength(0);
  });

  it("is merged with the caller's cookie on raw requests too", async () => {
    const client = new AuthClient({ baseUrl, ...all, headers: { Cookie: "theme=dark" } });
    const raw = client.raw as unknown as { DELETE(path: string, init: object): Promise<unknown> };
    await raw.DELETE("/cookieKeyOnly/{id}", { params: { path: { id: "x" } } });
    expect(received[0]?.headers.cookie).toBe("theme=dark; session=ck_cookie_key_1");
  });
});
