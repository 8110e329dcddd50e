/** What goes on the wire: method, path, headers and body, as the spec and the vendor docs describe. */

import { type ScriptedServer, startScriptedServer } from "@sdkforge/core/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { VectorAI } from "../src/index.js";

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer(() => ({ status: 200, body: { status: "success", message: "ok" } }));
});
afterAll(() => server.close());

it("sends DELETE /auth/access_token/{id} with a Bearer token and no body", async () => {
  const vectorai = new VectorAI({ token: "vdai_wire_token", baseUrl: server.url });
  await vectorai.accessTokens.delete(12);
  const request = server.requests.at(-1);
  expect(request).toMatchObject({ method: "DELETE", target: "/auth/access_token/12", body: "" });
  expect(request?.headers.authorization).toBe("Bearer vdai_wire_token");
  expect(request?.headers["content-type"]).toBeUndefined();
});

it("sends exactly one Bearer prefix whatever the caller passed", async () => {
  for (const token of ["vdai_abc123", "Bearer vdai_abc123", "bearer  vdai_abc123", "Bearer Bearer vdai_abc123"]) {
    await new VectorAI({ token, baseUrl: server.url }).accessTokens.delete(1);
    expect(server.requests.at(-1)?.headers.authorization).toBe("Bearer vdai_abc123");
  }
});

it("adds client and request headers but never lets them replace the credential", async () => {
  const vectorai = new VectorAI({ token: "vdai_wire_token", baseUrl: server.url, headers: { "x-client": "a" } });
  await vectorai.accessTokens.delete(3, { headers: { "x-request": "b", Authorization: "Bearer stolen" } });
  const headers = server.requests.at(-1)?.headers;
  expect(headers).toMatchObject({ "x-client": "a", "x-request": "b", authorization: "Bearer vdai_wire_token" });
});

it("reads VECTORAI_TOKEN and VECTORAI_BASE_URL when options are absent", async () => {
  process.env.VECTORAI_TOKEN = "vdai_from_env";
  process.env.VECTORAI_BASE_URL = server.url;
  try {
    const vectorai = new VectorAI();
    expect(vectorai.baseUrl).toBe(server.url);
    await vectorai.accessTokens.delete(5);
    expect(server.requests.at(-1)?.headers.authorization).toBe("Bearer vdai_from_env");
  } finally {
    delete process.env.VECTORAI_TOKEN;
    delete process.env.VECTORAI_BASE_URL;
  }
});

it("defaults to the spec's first server, the REST port 6573", () => {
  expect(new VectorAI({ token: "vdai_x_token" }).baseUrl).toBe("http://localhost:6573");
});

it("exposes the openapi-fetch client typed with the generated paths, authenticated", async () => {
  const vectorai = new VectorAI({ token: "vdai_wire_token", baseUrl: server.url });
  const { data, response } = await vectorai.raw.DELETE("/auth/access_token/{token_id}", {
    params: { path: { token_id: 8 }, header: { Authorization: "ignored: the client sets it" } },
  });
  expect(response.status).toBe(200);
  expect(data).toEqual({ status: "success", message: "ok" });
  expect(server.requests.at(-1)?.headers.authorization).toBe("Bearer vdai_wire_token");
});

it("withResponse() gives the parsed result and the raw Response", async () => {
  const vectorai = new VectorAI({ token: "vdai_wire_token", baseUrl: server.url });
  const { data, response } = await vectorai.accessTokens.delete(9).withResponse();
  expect(data.id).toBe(9);
  expect(response).toBeInstanceOf(Response);
  expect(response.status).toBe(200);
});
