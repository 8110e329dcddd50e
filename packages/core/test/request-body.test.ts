/**
 * A request body goes out in the media type the operation documents, checked before anything is
 * sent: JSON, a form (GitHub Enterprise's SSH-key removal), multipart `FormData`, or raw bytes.
 * Against a real server on loopback.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  APIClient,
  type APIPromise,
  type ApiSpec,
  type ClientOptions,
  type DeleteOptions,
  type DeleteResult,
  encodeBody,
  InvalidArgumentError,
  type OperationSpec,
} from "../src/index.js";
import { type ScriptedServer, startScriptedServer } from "../src/testing/index.js";

function withBody(operationId: string, contentType: string): OperationSpec {
  return {
    operationId,
    method: "delete",
    path: `/${operationId}/{id}`,
    pathParams: ["id"],
    params: [{ name: "id", in: "path", required: true, type: "string" }],
    body: { required: true, contentType },
    security: [],
    responses: { "204": { description: "Deleted" } },
  };
}

const bodiesSpec: ApiSpec = {
  name: "Bodies",
  features: { encodeBody },
  env: "BODIES_TEST",
  title: "Bodies API",
  version: "1.0.0",
  servers: [{ url: "https://bodies.example.com" }],
  securitySchemes: {},
  operations: {
    json: withBody("json", "application/json"),
    jsonApi: withBody("jsonApi", "application/vnd.api+json"),
    form: withBody("form", "application/x-www-form-urlencoded"),
    multipart: withBody("multipart", "multipart/form-data"),
    bytes: withBody("bytes", "application/octet-stream"),
  },
  resources: {
    json: { delete: "json" },
    jsonApi: { delete: "jsonApi" },
    form: { delete: "form" },
    multipart: { delete: "multipart" },
    bytes: { delete: "bytes" },
  },
};

type WithBody = (id: string, options: DeleteOptions & { body: unknown }) => APIPromise<DeleteResult<string>>;
export interface Bodies {
  readonly json: { readonly delete: WithBody };
  readonly jsonApi: { readonly delete: WithBody };
  readonly form: { readonly delete: WithBody };
  readonly multipart: { readonly delete: WithBody };
  readonly bytes: { readonly delete: WithBody };
}
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface types the resources attached at runtime.
export class Bodies extends APIClient<object> {
  constructor(options: ClientOptions) {
    super(bodiesSpec, options);
  }
}

let server: ScriptedServer;
let client: Bodies;
beforeAll(async () => {
  server = await startScriptedServer(() => ({ status: 204 }));
  client = new Bodies({ baseUrl: server.url, maxRetries: 0 });
});
afterAll(() => server.close());

const last = () => server.requests.at(-1);

describe("in the documented media type", () => {
  test("JSON stays JSON", async () => {
    await client.json.delete("a", { body: { reason: "cleanup", nested: { keep: true } } });
    expect(last()?.headers["content-type"]).toBe("application/json");
    expect(last()?.body).toBe('{"reason":"cleanup","nested":{"keep":true}}');
  });

  test("another JSON media type is the same JSON under its own content type", async () => {
    await client.jsonApi.delete("a", { body: { data: { type: "things", id: "a" } } });
    expect(last()?.headers["content-type"]).toBe("application/vnd.api+json");
    expect(last()?.body).toBe('{"data":{"type":"things","id":"a"}}');
  });

  test("a form is URL-encoded from a flat object, arrays as repeated fields", async () => {
    await client.form.delete("a", { body: { authorized_key: "ssh-rsa AAAA+/= me@host", tag: ["a", "b"], n: 2 } });
    expect(last()?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(last()?.body).toBe("authorized_key=ssh-rsa+AAAA%2B%2F%3D+me%40host&tag=a&tag=b&n=2");
  });

  test("multipart takes a FormData, with the boundary fetch writes", async () => {
    const form = new FormData();
    form.set("note", "bye");
    await client.multipart.delete("a", { body: form });
    expect(last()?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(last()?.body).toContain('name="note"\r\n\r\nbye');
  });

  test("any other type takes bytes or text as they are", async () => {
    await client.bytes.delete("a", { body: new Uint8Array([1, 2, 3]) });
    expect(last()?.headers["content-type"]).toBe("application/octet-stream");
    expect(last()?.body).toBe("\u0001\u0002\u0003");
  });
});

describe("refused before anything is sent", () => {
  test.each([
    ["form", { nested: { no: 1 } }, "takes application/x-www-form-urlencoded: pass `body` as an object of string"],
    ["form", "a=b", "pass `body` as an object of string, number or boolean fields"],
    ["multipart", { note: "bye" }, "takes multipart/form-data: pass `body` as a FormData"],
    [
      "bytes",
      { not: "bytes" },
      "takes application/octet-stream: pass `body` as a string, Blob, ArrayBuffer or typed array",
    ],
  ] as const)("%s with %j", async (resource, body, message) => {
    const before = server.requests.length;
    const outcome = client[resource].delete("a", { body });
    await expect(outcome).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(outcome).rejects.toThrow(message);
    expect(server.requests).toHaveLength(before);
  });
});
