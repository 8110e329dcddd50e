import { describe, expect, test } from "vitest";
import { InvalidArgumentError } from "../src/errors.js";
import { checkHeaders } from "../src/headers.js";

const SECRET = "Hdr_s3cret_value_77";
const maskName = (name: string) => name.toLowerCase().split("tok_in_name").join("***");

function refusal(input: unknown): InvalidArgumentError {
  try {
    checkHeaders(input, "headers", maskName);
  } catch (error) {
    return error as InvalidArgumentError;
  }
  throw new Error("accepted");
}

describe("checkHeaders", () => {
  test("objects, Headers and pairs become one plain object; undefined and null mean unset", () => {
    expect(checkHeaders({ "X-A": "1", "x-b": undefined }, "headers", maskName)).toEqual({ "X-A": "1" });
    expect(checkHeaders(new Headers({ "X-A": "1" }), "headers", maskName)).toEqual({ "x-a": "1" });
    expect(checkHeaders([["x-a", "1"]], "headers", maskName)).toEqual({ "x-a": "1" });
    expect(checkHeaders(undefined, "headers", maskName)).toBeUndefined();
    expect(checkHeaders({ "x-latin1": "caf\u00e9\tok" }, "headers", maskName)).toEqual({ "x-latin1": "caf\u00e9\tok" });
  });

  test.each([
    ["CRLF", `a\r\nx-injected: ${SECRET}`],
    ["LF", `a\n${SECRET}`],
    ["NUL", `${SECRET}\u0000`],
    ["a control character", `${SECRET}\u0007`],
    ["a character outside Latin-1", `${SECRET}\u20ac`],
  ])("a value with %s is refused without echoing it", (_, value) => {
    const error = refusal({ "x-trace": value });
    expect(error.argument).toBe("headers");
    expect(error.message).toContain("x-trace");
    expect(JSON.stringify(error)).not.toContain(SECRET);
  });

  test.each([`x-a\r\n${SECRET}`, "x a", "", "x-\u00e9"])(
    "a name that is not an HTTP token (%j) is refused, unnamed",
    (name) => {
      const error = refusal({ [name]: "1" });
      expect(error.message).toMatch(/header name with a character HTTP does not allow/);
      expect(error.message).not.toContain(SECRET);
    },
  );

  test.each(["Transfer-Encoding", "expect", "connection", "content-length", "host", "upgrade", "keep-alive", "te"])(
    "the framing header %s is refused",
    (name) => {
      expect(refusal({ [name]: "x" }).message).toContain("frames the HTTP message");
    },
  );

  test("a header name holding a credential is masked in the message", () => {
    expect(refusal({ "x-tok_in_name": 5 }).message).toBe(
      "`headers`: the value of x-*** must be a string, got a number.",
    );
  });

  test.each([
    ["a string", SECRET],
    ["a number", 5],
    ["null", null],
    ["a bad pair", [["only-name"]]],
  ])("%s is not headers", (_, input) => {
    expect(refusal(input)).toBeInstanceOf(InvalidArgumentError);
    expect(refusal(input).message).not.toContain(SECRET);
  });
});
