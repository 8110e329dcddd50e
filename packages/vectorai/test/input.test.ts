/** Bad input is refused with InvalidArgumentError before any request exists. */
import { type ScriptedServer, startScriptedServer } from "@sdkforge/core/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { InvalidArgumentError, VectorAI } from "../src/index.js";

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer(() => ({ status: 200, body: { status: "success", message: "ok" } }));
});
afterAll(() => server.close());

it.each([
  ["a numeric string", "12"],
  ["a fraction", 1.5],
  ["a negative number", -1],
  ["NaN", Number.NaN],
  ["Infinity", Number.POSITIVE_INFINITY],
  ["an unsafe integer", 2 ** 53],
  ["null", null],
  ["undefined", undefined],
])("refuses %s as token_id without sending anything", async (_label, id) => {
  const vectorai = new VectorAI({ token: "vdai_input_token", baseUrl: server.url });
  const error = await vectorai.accessTokens.delete(id as number).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidArgumentError);
  expect(error).toMatchObject({ argument: "token_id" });
  expect((error as Error).message).toMatch(/non-negative safe integer/);
  expect(server.requests).toHaveLength(0);
});

it("builds without a token, then refuses to send a delete that needs one, naming the option and the env var", async () => {
  delete process.env.VECTORAI_TOKEN;
  const vectorai = new VectorAI({ baseUrl: server.url });
  const error = await vectorai.accessTokens.delete(12).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidArgumentError);
  expect((error as Error).message).toMatch(/`token`.*VECTORAI_TOKEN/);
  const bulk = await vectorai.accessTokens.deleteMany([12, 13]);
  expect(bulk.failed.map((f) => f.error)).toEqual([expect.any(InvalidArgumentError), expect.any(InvalidArgumentError)]);
  expect(server.requests).toHaveLength(0);
});

it("refuses a token that cannot be a header value, without echoing it", () => {
  const attempt = () => new VectorAI({ token: "vdai secret\nwith newline", baseUrl: server.url });
  expect(attempt).toThrow(InvalidArgumentError);
  expect(attempt).not.toThrow(/secret/);
});

it("refuses to send credentials over plain http to a remote host unless allowed", () => {
  expect(() => new VectorAI({ token: "vdai_input_token", baseUrl: "http://db.example.com:6573" })).toThrow(
    /plain http.*allowInsecureHttp/,
  );
  const allowed = new VectorAI({
    token: "vdai_input_token",
    baseUrl: "http://db.example.com:6573",
    allowInsecureHttp: true,
  });
  expect(allowed.baseUrl).toBe("http://db.example.com:6573");
  for (const loopback of ["http://localhost:6573", "http://127.0.0.1:6573", "http://[::1]:6573"]) {
    expect(new VectorAI({ token: "vdai_input_token", baseUrl: loopback }).baseUrl).toBe(loopback);
  }
});

it("refuses malformed base URLs and options", () => {
  expect(() => new VectorAI({ token: "vdai_input_token", baseUrl: "not a url" })).toThrow(/baseUrl/);
  expect(() => new VectorAI({ token: "vdai_input_token", baseUrl: "ftp://h" })).toThrow(/http: or https:/);
  expect(() => new VectorAI({ token: "vdai_input_token", timeout: -5 })).toThrow(/timeout/);
  expect(() => new VectorAI({ token: "vdai_input_token", maxRetries: 1.5 })).toThrow(/maxRetries/);
  expect(server.requests).toHaveLength(0);
});
