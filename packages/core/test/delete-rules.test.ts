/**
 * The delete helper's rules wired end to end, on a core fixture whose facts carry what the
 * generator and overlay provide (`failureWhen`, the 404's content type): a real server on loopback.
 */
import { afterEach, describe, expect, test } from "vitest";
import {
  APIClient,
  APIError,
  type ApiSpec,
  type ClientOptions,
  type DeleteResource,
  InvalidArgumentError,
  NotFoundError,
} from "../src/index.js";
import { type ScriptedReply, type ScriptedServer, startScriptedServer } from "../src/testing/index.js";

const documentedBody = {
  type: "object",
  properties: { status: { type: "string" }, message: { type: "string" } },
} as const;

const markedSpec = {
  name: "Marked",
  env: "MARKED_TEST",
  title: "Marked API",
  version: "1.0.0",
  servers: [{ url: "https://marked.example.com" }],
  securitySchemes: {
    apiKeyAuth: {
      kind: "apiKey",
      type: "apiKey",
      in: "header",
      name: "Authorization",
      prefix: "key-",
      options: [{ option: "apiKey", env: "MARKED_TEST_API_KEY" }],
    },
  },
  operations: {
    deleteKey: {
      operationId: "deleteKey",
      method: "delete",
      path: "/keys/{id}",
      pathParams: ["id"],
      params: [{ name: "id", in: "path", required: true, type: "string" }],
      security: [["apiKeyAuth"]],
      failureWhen: { status: "error" },
      responses: {
        "200": { description: "Deleted", contentType: "application/json", schema: documentedBody },
        "404": { description: "Key not found", contentType: "application/json", schema: documentedBody },
      },
    },
  },
  resources: { keys: { delete: "deleteKey" } },
} as const satisfies ApiSpec;

interface MarkedPaths {
  "/keys/{id}": { delete: { parameters: { path: { id: string } } } };
}

export interface Marked {
  readonly keys: DeleteResource<string>;
}
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface types the resources attached at runtime.
export class Marked extends APIClient<MarkedPaths> {
  constructor(options: ClientOptions & { apiKey?: string } = {}) {
    super(markedSpec, options);
  }
}

const KEY = "key-Marked_s3cret_key_81";
const json = { "content-type": "application/json" };
let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientAnswering(...replies: ScriptedReply[]): Promise<Marked> {
  server = await startScriptedServer((_, index) => replies[Math.min(index, replies.length - 1)] as ScriptedReply);
  return new Marked({ apiKey: KEY, baseUrl: server.url, maxRetries: 1 });
}

describe("a 2xx that reports failure", () => {
  test("the operation's failureWhen marker is an error, not a deletion", async () => {
    const client = await clientAnswering({
      status: 200,
      headers: json,
      body: { status: "error", message: "maintenance" },
    });
    const error = await client.keys.delete("k1").then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({ status: 200, message: "maintenance", outcomeUnknown: false });
    expect(server?.requests).toHaveLength(1);
  });

  test("success: false is an error whatever the marker", async () => {
    const client = await clientAnswering({ status: 200, headers: json, body: { success: false, message: "locked" } });
    await expect(client.keys.delete("k1")).rejects.toMatchObject({ name: "APIError", message: "locked" });
  });

  test("a body without the marker is a deletion", async () => {
    const client = await clientAnswering({
      status: 200,
      headers: json,
      body: { status: "success", message: "deleted" },
    });
    await expect(client.keys.delete("k1")).resolves.toEqual({
      id: "k1",
      message: "deleted",
      alreadyGone: false,
      confirmedByRetry: false,
      data: { status: "success", message: "deleted" },
    });
  });
});

describe("missingOk", () => {
  test("the documented 404 is already gone", async () => {
    const client = await clientAnswering({
      status: 404,
      headers: json,
      body: { status: "error", message: "no such key" },
    });
    await expect(client.keys.delete("k1", { missingOk: true })).resolves.toMatchObject({ alreadyGone: true });
  });

  test("a 404 in another content type is a NotFoundError hinting at baseUrl", async () => {
    const client = await clientAnswering({
      status: 404,
      headers: { "content-type": "text/html" },
      body: "<h1>nope</h1>",
    });
    const error = await client.keys.delete("k1", { missingOk: true }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toMatch(/not the API's own "not found" answer.*baseUrl/);
  });
});

describe("an id that is a credential", () => {
  test.each([
    ["the scheme's prefix", "key-live_0123456789"],
    ["the client's own key", KEY],
    ["the client's key without its prefix", "Marked_s3cret_key_81"],
  ])("is refused before sending (%s)", async (_, id) => {
    const client = await clientAnswering({ status: 404, headers: json, body: { status: "error" } });
    const error = await client.keys.delete(id, { missingOk: true }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toContain("token's id");
    expect(JSON.stringify(error)).not.toContain("0123456789");
    expect(JSON.stringify(error)).not.toContain("Marked_s3cret_key_81");
    expect(server?.requests).toHaveLength(0);
  });

  test("deleteMany files it under failed without sending it", async () => {
    const client = await clientAnswering({ status: 200, headers: json, body: { status: "success", message: "ok" } });
    const result = await client.keys.deleteMany(["k1", "key-live_0123456789"]);
    expect(result.deleted.map((entry) => entry.id)).toEqual(["k1"]);
    expect(result.failed[0]?.error).toBeInstanceOf(InvalidArgumentError);
    expect(server?.requests.map((request) => request.target)).toEqual(["/keys/k1"]);
  });
});
