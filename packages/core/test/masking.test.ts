/** Masking of credentials a server echoes back, and refusal bodies in 2xx answers. */
import { describe, expect, test } from "vitest";
import { unwrapSuccess } from "../src/decode.ts";
import { maskDeep, maskSecrets, redactHeaders } from "../src/secrets.ts";

const SECRET = "S3cretValue42";
const mask = (text: string) => maskSecrets(text, [SECRET]);

describe("maskDeep", () => {
  test("masks secrets in values and in keys, at any depth", () => {
    const body = { [SECRET]: SECRET, nested: [{ [`k-${SECRET}`]: `v ${SECRET}` }], n: 1, none: null };
    expect(maskDeep(body, [SECRET])).toEqual({ "***": "***", nested: [{ "k-***": "v ***" }], n: 1, none: null });
  });
});

describe("redactHeaders", () => {
  test("hides sensitive headers and masks the credential wherever else it is echoed", () => {
    const headers = new Headers({
      authorization: `Bearer ${SECRET}`,
      "set-cookie": "a=b",
      "x-debug-auth": `Bearer ${SECRET}`,
      "content-type": "application/json",
    });
    expect(redactHeaders(headers, mask)).toEqual({
      authorization: "Bearer ***",
      "set-cookie": "***",
      "x-debug-auth": "Bearer ***",
      "content-type": "application/json",
    });
  });

  test("without a masker, only the sensitive names are hidden", () => {
    expect(redactHeaders({ "X-Api-Key": "k", "x-other": SECRET })).toEqual({ "x-api-key": "***", "x-other": SECRET });
  });
});

describe("unwrapSuccess", () => {
  const plain = { type: "object", properties: { status: { type: "string" }, message: { type: "string" } } };
  const envelope = {
    type: "object",
    required: ["success", "data"],
    properties: { success: { type: "boolean" }, data: { type: "object" } },
  };

  test("success: false in a 2xx body is a refusal, whether or not the schema is an envelope", () => {
    expect(unwrapSuccess(plain, { success: false, error: "locked" })).toEqual({ kind: "refused", message: "locked" });
    expect(unwrapSuccess(envelope, { success: false, error: "locked" })).toEqual({
      kind: "refused",
      message: "locked",
    });
  });

  test("a plain body without the flag is data; an envelope is unwrapped", () => {
    expect(unwrapSuccess(plain, { status: "success", message: "ok" })).toEqual({
      kind: "data",
      data: { status: "success", message: "ok" },
    });
    expect(unwrapSuccess(envelope, { success: true, data: { message: "ok" } })).toEqual({
      kind: "data",
      data: { message: "ok" },
    });
  });
});
