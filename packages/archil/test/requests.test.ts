/** What goes on the wire: the `key-` header, path encoding, and region resolution from the spec's servers. */
import { type ScriptedServer, startScriptedServer } from "@sdkforge/core/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Archil, InvalidArgumentError, regions, spec } from "../src/index.js";

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer(() => ({ status: 200, body: { success: true, data: { message: "ok" } } }));
});
afterAll(() => server.close());

it("sends exactly one key- prefix whatever the caller passed", async () => {
  for (const apiKey of ["abc123def", "key-abc123def", "KEY-abc123def", "key-key-abc123def"]) {
    await new Archil({ apiKey, baseUrl: server.url }).apiTokens.delete("tok_1");
    expect(server.requests.at(-1)?.headers.authorization).toBe("key-abc123def");
  }
  expect(server.requests.at(-1)).toMatchObject({ method: "DELETE", target: "/api/tokens/tok_1", body: "" });
});

it.each([
  ["a slash", "a/b", "/api/tokens/a%2Fb"],
  ["a query", "x?admin=1", "/api/tokens/x%3Fadmin%3D1"],
  ["a fragment", "x#y", "/api/tokens/x%23y"],
  ["dot-dot inside", "../x", "/api/tokens/..%2Fx"],
  ["a percent sign", "%2e%2e", "/api/tokens/%252e%252e"],
  ["spaces and unicode", "tok é", "/api/tokens/tok%20%C3%A9"],
])("percent-encodes %s so the id never leaves /api/tokens/", async (_label, id, target) => {
  await new Archil({ apiKey: "key-path_key_1", baseUrl: server.url }).apiTokens.delete(id);
  expect(server.requests.at(-1)?.target).toBe(target);
});

it.each([
  ["empty", ""],
  ["a dot", "."],
  ["a dot-dot", ".."],
  ["a newline", "tok\n1"],
  ["a NUL", "tok\u00001"],
  ["a lone surrogate", "tok\ud800"],
])("refuses an id that is %s without sending anything", async (_label, id) => {
  const before = server.requests.length;
  const error = await new Archil({ apiKey: "key-path_key_1", baseUrl: server.url }).apiTokens
    .delete(id)
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidArgumentError);
  expect(error).toMatchObject({ argument: "id" });
  expect(server.requests.length).toBe(before);
});

it("resolves every region in the spec to its server, and ARCHIL_REGION / ARCHIL_API_KEY from the env", () => {
  expect(regions).toEqual(spec.servers.map((s) => s.region));
  for (const [index, region] of regions.entries()) {
    expect(new Archil({ apiKey: "key-region_key", region }).baseUrl).toBe(spec.servers[index]?.url);
  }
  process.env.ARCHIL_REGION = "gcp-us-central1";
  process.env.ARCHIL_API_KEY = "key-from_env_key";
  try {
    expect(new Archil().baseUrl).toBe("https://control.blue.us-central1.gcp.prod.archil.com");
  } finally {
    delete process.env.ARCHIL_REGION;
    delete process.env.ARCHIL_API_KEY;
  }
});

it("lets baseUrl override the region and defaults to the first server", () => {
  expect(new Archil({ apiKey: "key-region_key", region: "aws-eu-west-1", baseUrl: server.url }).baseUrl).toBe(
    server.url,
  );
  expect(new Archil({ apiKey: "key-region_key" }).baseUrl).toBe(spec.servers[0]?.url);
});

it("refuses an unknown region at runtime and lists the valid ones", () => {
  const attempt = () => new Archil({ apiKey: "key-region_key", region: "mars-north-1" as "aws-us-east-1" });
  expect(attempt).toThrow(InvalidArgumentError);
  expect(attempt).toThrow(`Valid regions: ${regions.join(", ")}`);
});

it("builds without a key, and a delete then fails before sending, naming the option and the env var", async () => {
  const before = server.requests.length;
  const archil = new Archil({ baseUrl: server.url });
  await expect(archil.apiTokens.delete("9c0f2d1e7a")).rejects.toThrow(/`apiKey`.*ARCHIL_API_KEY/);
  await expect(archil.apiTokens.delete("9c0f2d1e7a")).rejects.toBeInstanceOf(InvalidArgumentError);
  expect(server.requests).toHaveLength(before);
});
