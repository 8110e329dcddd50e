import { describe, expect, test } from "vitest";
import { isDocumentedNotFound, notFoundHint } from "../src/gone.js";
import type { ResponseSpec } from "../src/spec.js";

const archilLike: ResponseSpec = {
  description: "Resource not found",
  contentType: "application/json",
  schema: {
    type: "object",
    required: ["success", "error"],
    properties: { success: { type: "boolean" }, error: { type: "string" } },
  },
};
const vectorLike: ResponseSpec = {
  description: "Token not found.",
  contentType: "application/json",
  schema: { type: "object", properties: { status: { type: "string" }, message: { type: "string" } } },
};

describe("isDocumentedNotFound", () => {
  test("the documented body and content type are the API's own answer", () => {
    expect(isDocumentedNotFound(archilLike, "application/json; charset=utf-8", { success: false, error: "x" })).toEqual(
      {
        gone: true,
      },
    );
    expect(isDocumentedNotFound(vectorLike, "Application/JSON", { status: "error", message: "gone" })).toEqual({
      gone: true,
    });
  });

  test.each([
    ["an HTML page", "text/html", "<html><title>404 Not Found</title></html>"],
    ["no content type", null, { success: false, error: "x" }],
    ["a body missing a required field", "application/json", { error: "x" }],
    ["a body of the wrong type", "application/json", ["not", "an", "object"]],
  ])("%s is not", (_, contentType, body) => {
    expect(isDocumentedNotFound(archilLike, contentType, body).gone).toBe(false);
  });

  test("a body with none of the documented fields is not, even when nothing is required", () => {
    const verdict = isDocumentedNotFound(vectorLike, "application/json", { detail: "Not Found" });
    expect(verdict).toEqual({ gone: false, why: "its body has none of the documented fields" });
  });

  test("a 404 documented without a body is only an empty one", () => {
    const bodiless: ResponseSpec = { description: "Not found" };
    expect(isDocumentedNotFound(bodiless, null, undefined)).toEqual({ gone: true });
    expect(isDocumentedNotFound(bodiless, "text/plain", "Cannot DELETE /x").gone).toBe(false);
  });

  test("an operation that documents no 404 never counts one as gone", () => {
    expect(isDocumentedNotFound(undefined, "application/json", {}).gone).toBe(false);
  });

  test("the hint names the reason and points at baseUrl", () => {
    expect(notFoundHint("404 Not Found", "its content type is text/html")).toMatch(
      /^404 Not Found — this 404 is not the API's own "not found" answer \(its content type is text\/html\).*baseUrl/,
    );
  });
});
