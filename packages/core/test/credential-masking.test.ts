/**
 * Every form of a credential that goes on the wire is masked in what the SDK shows (error message,
 * body, headers, `inspect`, debug logs): the percent-encoded query key, the basic-auth user name.
 * A success is the API's own data and is never rewritten; a credential too short to mask safely
 * is refused instead.
 */
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  APIClient,
  APIError,
  type ApiSpec,
  AuthenticationError,
  basicCredential,
  type ClientOptions,
  InvalidArgumentError,
  NotFoundError,
  type OperationSpec,
  queryCredential,
} from "../src/index.js";
import { type ScriptedServer, startScriptedServer, startSpecServer } from "../src/testing/index.js";
import { Things } from "./fixtures.js";

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
  name: "FormsTest",
  features: { basicCredential, queryCredential },
  env: "FORMSTEST",
  title: "Credential forms",
  version: "1.0.0",
  servers: [{ url: "https://forms.example.com" }],
  securitySchemes: {
    queryKey: {
      kind: "apiKey",
      type: "apiKey",
      in: "query",
      name: "api_key",
      prefix: "",
      options: [{ option: "queryKey", env: "FORMSTEST_QUERY_KEY" }],
    },
    vendorHeader: {
      kind: "apiKey",
      type: "apiKey",
      in: "header",
      name: "X-Vendor-Token",
      prefix: "",
      options: [{ option: "vendorToken", env: "FORMSTEST_VENDOR_TOKEN" }],
    },
    basic: {
      kind: "basic",
      type: "http",
      in: "header",
      name: "Authorization",
      prefix: "Basic ",
      options: [
        { option: "username", env: "FORMSTEST_USERNAME" },
        { option: "password", env: "FORMSTEST_PASSWORD" },
      ],
    },
  },
  operations: {
    byQuery: operation("byQuery", [["queryKey"]]),
    byBasic: operation("byBasic", [["basic"]]),
    byHeader: operation("byHeader", [["vendorHeader"]]),
  },
  resources: { things: { byQuery: "byQuery", byBasic: "byBasic", byHeader: "byHeader" } },
};

type Helper = (id: string) => Promise<unknown>;
class FormsClient extends APIClient<object> {
  declare readonly things: Record<"byQuery" | "byBasic" | "byHeader", Helper>;
  constructor(options: ClientOptions & Record<string, unknown>) {
    super(spec, options);
  }
}

/** A key whose `+`, `/` and `=` are percent-encoded on the wire. */
const QUERY_KEY = "qk+S3cret/Key==";
const ENCODED = encodeURIComponent(QUERY_KEY);
/** An API that takes the key as the basic-auth user name. */
const USER_KEY = "uk_S3cretUserKey7";

function collectLogs(): { logger: Required<NonNullable<ClientOptions["logger"]>>; lines: string[] } {
  const lines: string[] = [];
  const log = (...args: unknown[]) => lines.push(args.map((arg) => inspect(arg, { depth: 10 })).join(" "));
  return { logger: { error: log, warn: log, info: log, debug: log }, lines };
}

function renderings(error: unknown): string {
  return [
    String(error),
    (error as Error).stack ?? "",
    inspect(error, { depth: 10 }),
    inspect(error, { depth: 10, showHidden: true }),
    JSON.stringify(error),
    JSON.stringify((error as APIError).body),
    JSON.stringify((error as APIError).headers),
  ].join("\n");
}

describe("the forms a credential takes on the wire", () => {
  let server: ScriptedServer;
  beforeAll(async () => {
    // Echoes what it received, as careless servers do: the request target, and the Authorization header.
    server = await startScriptedServer((request) => {
      const basic = request.headers.authorization?.replace(/^Basic /, "") ?? "";
      const user = basic ? atob(basic).split(":")[0] : "";
      const echoed = `${request.target} ${user}`;
      return { status: 401, headers: { "x-echo": echoed }, body: { message: `bad credentials: ${echoed}`, echoed } };
    });
  });
  afterAll(() => server.close());

  it("masks a query key's percent-encoded form in the message, body, headers, inspect and debug logs", async () => {
    const { logger, lines } = collectLogs();
    const client = new FormsClient({ baseUrl: server.url, queryKey: QUERY_KEY, logLevel: "debug", logger });
    const error = await client.things.byQuery("x").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(server.requests.at(-1)?.target).toContain(ENCODED);
    const shown = `${renderings(error)}\n${lines.join("\n")}`;
    expect(lines.length).toBeGreaterThan(0);
    expect(shown).not.toContain(ENCODED);
    expect(shown).not.toContain(QUERY_KEY);
    expect((error as APIError).message).toBe("bad credentials: /byQuery/x?api_key=***");
  });

  it("masks a basic-auth user name long enough to be a key", async () => {
    const { logger, lines } = collectLogs();
    const client = new FormsClient({
      baseUrl: server.url,
      username: USER_KEY,
      password: "unused-password",
      logLevel: "debug",
      logger,
    });
    const error = await client.things.byBasic("x").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    const shown = `${renderings(error)}\n${lines.join("\n")}`;
    expect(shown).not.toContain(USER_KEY);
    expect((error as APIError).message).toBe("bad credentials: /byBasic/x ***");
  });

  it("leaves a short user name (an account name such as `api`) alone", async () => {
    const client = new FormsClient({ baseUrl: server.url, username: "api", password: "long-enough-password" });
    const error = await client.things.byBasic("x").catch((caught: unknown) => caught);
    expect((error as APIError).message).toBe("bad credentials: /byBasic/x api");
  });
});

describe("the test server's recorded requests", () => {
  it("hold no credential: neither a query key nor a header a scheme names", async () => {
    const VENDOR_TOKEN = "vt_S3cretVendorToken5";
    const specServer = await startSpecServer({ spec });
    try {
      const client = new FormsClient({ baseUrl: specServer.url, queryKey: QUERY_KEY, vendorToken: VENDOR_TOKEN });
      await client.things.byQuery("a");
      await client.things.byHeader("b");
      expect(specServer.requests.map((r) => r.target)).toEqual(["/byQuery/a?api_key=***", "/byHeader/b"]);
      expect(specServer.requests[1]?.headers["x-vendor-token"]).toBe("***");
      const recorded = JSON.stringify(specServer.requests);
      for (const secret of [QUERY_KEY, ENCODED, VENDOR_TOKEN]) expect(recorded).not.toContain(secret);
    } finally {
      await specServer.close();
    }
  });
});

describe("a success is the API's own data", () => {
  // Long enough to be accepted, and a word the API's own answers use.
  const WORDY_TOKEN = "successfully";
  let server: ScriptedServer;
  let reply: { status: number; body: object };
  beforeAll(async () => {
    server = await startScriptedServer(() => reply);
  });
  afterAll(() => server.close());

  it("is returned unaltered even when it holds the credential", async () => {
    reply = { status: 200, body: { message: "Access token deleted successfully", successfully: ["successfully"] } };
    const client = new Things({ baseUrl: server.url, token: WORDY_TOKEN });
    const result = await client.things.delete("a");
    expect(result.message).toBe("Access token deleted successfully");
    expect(result.data).toEqual(reply.body);
  });

  it("is masked once it becomes an error: a 2xx that reports failure, a 404", async () => {
    const client = new Things({ baseUrl: server.url, token: WORDY_TOKEN });
    reply = { status: 200, body: { success: false, error: "not deleted successfully", message: "successfully" } };
    const refused = await client.things.delete("a").catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(APIError);
    expect(renderings(refused)).not.toContain(WORDY_TOKEN);
    reply = { status: 404, body: { message: "nothing deleted successfully" } };
    const missing = await client.things.delete("a").catch((caught: unknown) => caught);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as Error).message).toMatch(/^nothing deleted \*\*\* — this 404 is not the API's own/);
  });

  it("refuses a credential too short to mask without rewriting everyday words", () => {
    for (const token of ["t", "token", "Bearer 1234567"]) {
      const refusal = (() => {
        try {
          new Things({ baseUrl: server.url, token });
        } catch (error) {
          return error;
        }
        return undefined;
      })();
      expect(refusal, token).toBeInstanceOf(InvalidArgumentError);
      expect((refusal as InvalidArgumentError).argument).toBe("token");
      expect((refusal as Error).message).toMatch(/at least 8 characters/);
    }
    expect(() => new Things({ baseUrl: server.url, token: "12345678" })).not.toThrow();
  });
});
