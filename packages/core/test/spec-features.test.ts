/**
 * The optional runtime pieces of `ApiSpec.features`: a client takes non-JSON bodies and credentials
 * that are not a header only from its spec's features (so that a bundle holds them only when its
 * document needs them), and a spec that needs one it lacks is refused when the client is built,
 * never sent without it. Against a real server on loopback.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  APIClient,
  type ApiSpec,
  basicCredential,
  type ClientOptions,
  cookieCredential,
  encodeBody,
  InvalidArgumentError,
  type OperationSpec,
  queryCredential,
  type SecuritySchemeSpec,
  serverVariables,
} from "../src/index.js";
import { type ScriptedRequest, type ScriptedServer, startScriptedServer } from "../src/testing/index.js";

const operation = (body?: string, security: OperationSpec["security"] = []): OperationSpec => ({
  operationId: "remove",
  method: "delete",
  path: "/things/{id}",
  pathParams: ["id"],
  params: [{ name: "id", in: "path", required: true, type: "string" }],
  ...(body === undefined ? {} : { body: { required: true, contentType: body } }),
  security,
  responses: { "204": { description: "Deleted" } },
});

const scheme = (kind: SecuritySchemeSpec["kind"], where: SecuritySchemeSpec["in"]): SecuritySchemeSpec => ({
  kind,
  type: kind === "apiKey" ? "apiKey" : "http",
  in: where,
  name: where === "header" ? "Authorization" : "key",
  prefix: kind === "basic" ? "Basic " : kind === "bearer" ? "Bearer " : "",
  options:
    kind === "basic"
      ? [
          { option: "username", env: "FEATURES_TEST_USERNAME" },
          { option: "password", env: "FEATURES_TEST_PASSWORD" },
        ]
      : [{ option: "secret", env: "FEATURES_TEST_SECRET" }],
});

const specWith = (parts: Partial<ApiSpec>): ApiSpec => ({
  name: "FeaturesTest",
  env: "FEATURES_TEST",
  servers: [{ url: "https://features.example.com" }],
  securitySchemes: {},
  operations: { remove: operation() },
  resources: { things: { delete: "remove" } },
  ...parts,
});

type Things = APIClient<object> & {
  things: { delete(id: string, options?: { body?: unknown }): Promise<unknown> };
};
const clientOf = (spec: ApiSpec, options: ClientOptions & Record<string, unknown>): Things => {
  const Client = class extends APIClient<object> {
    constructor() {
      super(spec, { maxRetries: 0, ...options });
    }
  };
  return new Client() as Things;
};

const refusal = (build: () => unknown) => {
  try {
    build();
  } catch (error) {
    return error;
  }
  return undefined;
};

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer(() => ({ status: 204 }));
});
afterAll(() => server.close());

describe("request bodies", () => {
  test.each([
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "application/octet-stream",
    "application/vnd.api+json",
  ])("a %s body without `features.encodeBody` is refused when the client is built", (contentType) => {
    const spec = specWith({ operations: { remove: operation(contentType) } });
    const error = refusal(() => clientOf(spec, { baseUrl: server.url }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ argument: "spec", message: expect.stringContaining("features.encodeBody") });
  });

  test("a plain JSON body needs no encoder and goes out as JSON", async () => {
    const client = clientOf(specWith({ operations: { remove: operation("application/json; charset=utf-8") } }), {
      baseUrl: server.url,
    });
    await client.things.delete("t-1", { body: { reason: "leaked" } });
    const sent = server.requests.at(-1);
    expect(sent?.headers["content-type"]).toBe("application/json");
    expect(sent?.body).toBe('{"reason":"leaked"}');
  });

  test("with `features.encodeBody` a form body goes out as a form", async () => {
    const spec = specWith({
      operations: { remove: operation("application/x-www-form-urlencoded") },
      features: { encodeBody },
    });
    await clientOf(spec, { baseUrl: server.url }).things.delete("t-2", { body: { reason: "leaked" } });
    const sent = server.requests.at(-1);
    expect(sent?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(sent?.body).toBe("reason=leaked");
  });
});

describe("credentials", () => {
  const cases = [
    ["basic", "header", "basicCredential", { username: "account-name", password: "correct-horse-battery" }],
    ["apiKey", "query", "queryCredential", { secret: "query-secret-0123456789" }],
    ["apiKey", "cookie", "cookieCredential", { secret: "cookie-secret-0123456789" }],
  ] as const;

  test.each(cases)(
    "a %s scheme in the %s without `features.%s` is refused, with or without a credential",
    (kind, where, feature, credential) => {
      const spec = specWith({
        securitySchemes: { auth: scheme(kind, where) },
        operations: { remove: operation(undefined, [["auth"]]) },
      });
      for (const options of [{}, credential]) {
        const error = refusal(() => clientOf(spec, { baseUrl: server.url, ...options }));
        expect(error).toBeInstanceOf(InvalidArgumentError);
        expect(error).toMatchObject({ argument: "spec", message: expect.stringContaining(`features.${feature}`) });
        // The refusal names the feature, never the credential.
        expect(String((error as Error).message)).not.toContain(Object.values(options)[0] ?? "\0");
      }
    },
  );

  test("with their features each kind is sent as its scheme says", async () => {
    const features = { basicCredential, queryCredential, cookieCredential };
    const sent: (ScriptedRequest | undefined)[] = [];
    for (const [kind, where, , credential] of cases) {
      const spec = specWith({
        securitySchemes: { auth: scheme(kind, where) },
        operations: { remove: operation(undefined, [["auth"]]) },
        features,
      });
      await clientOf(spec, { baseUrl: server.url, ...credential }).things.delete("t-3");
      sent.push(server.requests.at(-1));
    }
    expect(sent[0]?.headers.authorization).toBe(`Basic ${btoa("account-name:correct-horse-battery")}`);
    expect(sent[1]?.target).toContain("key=query-secret-0123456789");
    expect(sent[2]?.headers.cookie).toBe("key=cookie-secret-0123456789");
  });

  test.each([
    ["bearer", "header"],
    ["apiKey", "header"],
  ] as const)("a %s credential in a %s needs no feature", async (kind, where) => {
    const spec = specWith({
      securitySchemes: { auth: scheme(kind, where) },
      operations: { remove: operation(undefined, [["auth"]]) },
    });
    await clientOf(spec, { baseUrl: server.url, secret: "header-secret-0123456789" }).things.delete("t-4");
    expect(server.requests.at(-1)?.headers.authorization).toMatch(/header-secret-0123456789$/);
  });
});

describe("server variables", () => {
  const templated = { url: "http://127.0.0.1:{port}", variables: { port: { default: "9" } } };

  test("a server with `{variables}` without `features.serverVariables` is refused when the client is built", () => {
    for (const spec of [
      specWith({ servers: [templated] }),
      specWith({ servers: [], operations: { remove: { ...operation(), servers: [templated] } } }),
    ]) {
      const error = refusal(() => clientOf(spec, { baseUrl: spec.servers.length === 0 ? server.url : undefined }));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error).toMatchObject({ argument: "spec", message: expect.stringContaining("features.serverVariables") });
    }
  });

  test("with it, the variable's option fills the URL; without variables a server needs nothing", async () => {
    const port = new URL(server.url).port;
    const filled = specWith({ servers: [templated], features: { serverVariables } });
    await clientOf(filled, { port }).things.delete("t-5");
    expect(server.requests.at(-1)?.target).toBe("/things/t-5");
    const plain = specWith({ servers: [{ url: server.url }] });
    await clientOf(plain, {}).things.delete("t-6");
    expect(server.requests.at(-1)?.target).toBe("/things/t-6");
  });
});
