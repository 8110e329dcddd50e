/**
 * Every response the spec documents maps to its result or error class: once against the embedded
 * server (the vendor's real behaviour) and once against a bare node:http server replaying the
 * spec's own example bodies.
 */
import { startScriptedServer } from "@sdkforge/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type APIError, AuthenticationError, NotFoundError, PermissionDeniedError, VectorAI } from "../src/index.js";
import { startVectorAIServer, testingSpec, type VectorAIServer } from "../src/testing.js";

// Every documented response, examples included (the bundled `spec` keeps only what the runtime reads).
const operation = testingSpec.operations.delete_access_token ?? expect.unreachable("the spec has delete_access_token");
const documented = Object.keys(operation.responses).sort();

/** The spec's example body for a documented status, which carries the vendor's message. */
function documentedExample(status: string): { message: string } {
  const example = operation.responses[status]?.example;
  if (typeof example === "object" && example !== null && "message" in example && typeof example.message === "string") {
    return { ...example, message: example.message };
  }
  return expect.unreachable(`the spec documents an example with a message for ${status}`);
}
const errorClasses: Record<string, new (...args: never[]) => APIError> = {
  "401": AuthenticationError,
  "403": PermissionDeniedError,
  "404": NotFoundError,
};

describe("against the embedded VectorAI server", () => {
  let server: VectorAIServer;
  beforeAll(async () => {
    server = await startVectorAIServer({ tokenIds: [12, 13] });
  });
  afterAll(() => server.close());
  const client = () => new VectorAI({ token: server.adminToken, baseUrl: server.url, maxRetries: 0 });

  const scenarios: Record<string, () => Promise<unknown>> = {
    "200": () => client().accessTokens.delete(12),
    "401": () => new VectorAI({ token: "vdai_wrong_token", baseUrl: server.url }).accessTokens.delete(13),
    "403": async () => {
      server.authEnabled = false;
      try {
        return await client().accessTokens.delete(13);
      } finally {
        server.authEnabled = true;
      }
    },
    "404": () => client().accessTokens.delete(999),
  };

  it("has a scenario for every documented status", () => {
    expect(Object.keys(scenarios).sort()).toEqual(documented);
  });

  it("200 resolves with the vendor's message", async () => {
    await expect(scenarios["200"]?.()).resolves.toEqual({
      id: 12,
      message: "Access token deleted successfully",
      alreadyGone: false,
      confirmedByRetry: false,
      data: { status: "success", message: "Access token deleted successfully" },
    });
    expect(server.tokenIds.has(12)).toBe(false);
  });

  it.each(["401", "403", "404"])("%s rejects with its error class and the vendor's message", async (status) => {
    const error = await scenarios[status]?.().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errorClasses[status]);
    expect(error).toMatchObject({
      status: Number(status),
      message: documentedExample(status).message,
      method: "DELETE",
      path: "/auth/access_token/{token_id}",
    });
    expect(server.tokenIds.has(13)).toBe(true);
  });

  it("every request it received conformed to the spec", () => {
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests.flatMap((r) => r.violations)).toEqual([]);
  });
});

describe("against a bare node:http server replaying the spec's examples", () => {
  it.each(documented)("status %s", async (status) => {
    const example = documentedExample(status);
    const server = await startScriptedServer(() => ({
      status: Number(status),
      headers: { "content-type": "application/json", "x-request-id": `req_${status}` },
      body: example,
    }));
    try {
      const vectorai = new VectorAI({ token: "vdai_bare_server_token", baseUrl: server.url, maxRetries: 0 });
      const outcome = await vectorai.accessTokens.delete(7).catch((e: unknown) => e);
      if (status === "200") {
        expect(outcome).toEqual({
          id: 7,
          message: example.message,
          alreadyGone: false,
          confirmedByRetry: false,
          data: example,
        });
      } else {
        expect(outcome).toBeInstanceOf(errorClasses[status]);
        expect(outcome).toMatchObject({
          status: Number(status),
          message: example.message,
          requestId: `req_${status}`,
        });
      }
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
