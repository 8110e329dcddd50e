/**
 * Every response the spec documents maps to its result or error class: once against the embedded
 * server (Archil's real behaviour) and once against a bare node:http server.
 */
import { startScriptedServer } from "@sdkforge/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type APIError, Archil, AuthenticationError, InternalServerError, NotFoundError } from "../src/index.js";
import { type ArchilServer, startArchilServer, testingSpec } from "../src/testing.js";

// Every documented response, descriptions included (the bundled `spec` keeps only what the runtime reads).
const operation = testingSpec.operations.deleteApiToken ?? expect.unreachable("the spec has deleteApiToken");
const documented = Object.keys(operation.responses).sort();
const errorClasses: Record<string, new (...args: never[]) => APIError> = {
  "401": AuthenticationError,
  "404": NotFoundError,
  "500": InternalServerError,
};

describe("against the embedded Archil server", () => {
  let server: ArchilServer;
  beforeAll(async () => {
    server = await startArchilServer({ tokenIds: ["tok_a1", "tok_b2"] });
  });
  afterAll(() => server.close());
  const client = () => new Archil({ apiKey: server.apiKey, baseUrl: server.url, maxRetries: 0 });

  const scenarios: Record<string, () => Promise<unknown>> = {
    "200": () => client().apiTokens.delete("tok_a1"),
    "401": () => new Archil({ apiKey: "key-wrong_key_123", baseUrl: server.url }).apiTokens.delete("tok_b2"),
    "404": () => client().apiTokens.delete("tok_missing"),
    "500": () => {
      server.failNext(500);
      return client().apiTokens.delete("tok_b2");
    },
  };

  it("has a scenario for every documented status", () => {
    expect(Object.keys(scenarios).sort()).toEqual(documented);
  });

  it("200 unwraps the envelope", async () => {
    await expect(scenarios["200"]?.()).resolves.toEqual({
      id: "tok_a1",
      message: "Token deleted successfully",
      alreadyGone: false,
      confirmedByRetry: false,
      data: { message: "Token deleted successfully" },
    });
    expect(server.tokenIds.has("tok_a1")).toBe(false);
  });

  it.each(["401", "404", "500"])("%s rejects with its error class and the envelope's error", async (status) => {
    const error = await scenarios[status]?.().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errorClasses[status]);
    expect(error).toMatchObject({
      status: Number(status),
      message: operation.responses[status]?.description,
      body: { success: false, error: operation.responses[status]?.description },
      method: "DELETE",
      path: "/api/tokens/{id}",
    });
    expect(server.tokenIds.has("tok_b2")).toBe(true);
  });

  it("every request it received conformed to the spec", () => {
    expect(server.requests.flatMap((r) => r.violations)).toEqual([]);
  });
});

describe("against a bare node:http server", () => {
  const bodies: Record<string, object> = {
    "200": { success: true, data: { message: "Token revoked" } },
    "401": { success: false, error: "Invalid API key" },
    "404": { success: false, error: "Token not found", code: "not_found" },
    "500": { success: false, error: "Database unavailable" },
  };

  it("covers every documented status", () => {
    expect(Object.keys(bodies).sort()).toEqual(documented);
  });

  it.each(documented)("status %s", async (status) => {
    const server = await startScriptedServer(() => ({
      status: Number(status),
      headers: { "content-type": "application/json" },
      body: bodies[status] ?? {},
    }));
    try {
      const archil = new Archil({ apiKey: "key-bare_server_key", baseUrl: server.url, maxRetries: 0 });
      const outcome = await archil.apiTokens.delete("tok_1").catch((e: unknown) => e);
      if (status === "200") {
        expect(outcome).toEqual({
          id: "tok_1",
          message: "Token revoked",
          alreadyGone: false,
          confirmedByRetry: false,
          data: { message: "Token revoked" },
        });
      } else {
        expect(outcome).toBeInstanceOf(errorClasses[status]);
        expect(outcome).toMatchObject({ status: Number(status), message: (bodies[status] as { error: string }).error });
      }
    } finally {
      await server.close();
    }
  });

  it("treats { success: false } as an error even with status 200", async () => {
    const server = await startScriptedServer(() => ({
      status: 200,
      body: { success: false, error: "Token is locked" },
    }));
    try {
      const archil = new Archil({ apiKey: "key-bare_server_key", baseUrl: server.url });
      const error = await archil.apiTokens.delete("tok_1").catch((e: unknown) => e);
      expect(error).toMatchObject({ name: "APIError", status: 200, message: "Token is locked" });
    } finally {
      await server.close();
    }
  });

  it.each([
    [
      "an HTML error page",
      502,
      "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
      "502 Bad Gateway",
    ],
    ["plain text", 500, "upstream connect error", "upstream connect error"],
    ["an empty body", 503, "", "503 Service Unavailable (no error message in the response body)"],
    ["truncated JSON", 500, '{"success":false,"err', '{"success":false,"err'],
  ])("gives a useful message for %s", async (_label, status, body, message) => {
    const server = await startScriptedServer(() => ({ status, body }));
    try {
      const archil = new Archil({ apiKey: "key-bare_server_key", baseUrl: server.url, maxRetries: 0 });
      const error = await archil.apiTokens.delete("tok_1").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InternalServerError);
      expect(error).toMatchObject({ status, message });
    } finally {
      await server.close();
    }
  });
});
