/** Body decoding never throws and always finds the most useful message. */
import { describe, expect, it } from "vitest";
import { errorMessage, messageFromBody, parseBody, schemaViolation, unwrapSuccess } from "../src/decode.js";

describe("parseBody", () => {
  it.each([
    ["", undefined],
    ["  \n", undefined],
    ['{"a":1}', { a: 1 }],
    ["[1,2]", [1, 2]],
    ["not json", "not json"],
    ['{"truncated":', '{"truncated":'],
  ])("%j", (text, expected) => {
    expect(parseBody(text)).toEqual(expected);
  });
});

describe("messageFromBody", () => {
  it.each([
    [{ status: "error", message: "Access token not found" }, "Access token not found"],
    [{ success: false, error: "Invalid API key" }, "Invalid API key"],
    [{ error: { message: "nested" } }, "nested"],
    [{ detail: "problem+json" }, "problem+json"],
    ["<!doctype html><html><title>503 Service Unavailable</title></html>", "503 Service Unavailable"],
    ["<html><body><h1>Bad   gateway</h1></body></html>", "Bad gateway"],
    ["plain words", "plain words"],
    [{ unrelated: true }, undefined],
    [undefined, undefined],
    [null, undefined],
  ])("%j → %j", (body, expected) => {
    expect(messageFromBody(body)).toBe(expected);
  });

  it("clips very long messages", () => {
    expect(messageFromBody("x".repeat(10_000))?.length).toBeLessThanOrEqual(301);
  });
});

it("falls back to the status line", () => {
  expect(errorMessage(502, "Bad Gateway", undefined)).toBe("502 Bad Gateway (no error message in the response body)");
});

describe("unwrapSuccess", () => {
  const envelope = {
    type: "object",
    required: ["success", "data"],
    properties: { success: { type: "boolean" }, data: { type: "object", properties: { message: { type: "string" } } } },
  };
  const plain = { type: "object", properties: { status: { type: "string" }, message: { type: "string" } } };

  it("unwraps { success, data }", () => {
    expect(unwrapSuccess(envelope, { success: true, data: { message: "m" } })).toEqual({
      kind: "data",
      data: { message: "m" },
    });
  });
  it("treats success: false as a refusal", () => {
    expect(unwrapSuccess(envelope, { success: false, error: "locked" })).toEqual({
      kind: "refused",
      message: "locked",
    });
  });
  it("passes plain bodies through", () => {
    expect(unwrapSuccess(plain, { status: "success", message: "m" })).toEqual({
      kind: "data",
      data: { status: "success", message: "m" },
    });
  });
  it.each([
    [envelope, { success: true }, "body.data is required"],
    [envelope, [], "body should be object, got array"],
    [plain, { message: 5 }, "body.message should be string, got integer"],
    [plain, "<html>", "body is not JSON: <html>"],
  ])("reports a wrong shape", (schema, body, problem) => {
    expect(unwrapSuccess(schema, body)).toEqual({ kind: "invalid", problem });
  });
  it("accepts an empty success body", () => {
    expect(unwrapSuccess(envelope, undefined)).toEqual({ kind: "data", data: undefined });
  });
  it("schemaViolation accepts integers as numbers", () => {
    expect(schemaViolation({ type: "number" }, 3)).toBeUndefined();
  });
});
