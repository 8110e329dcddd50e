import { describe, expect, it } from "vitest";
import { repeatedTopLevelKey } from "../src/repeated-key.js";

describe("repeatedTopLevelKey", () => {
  it("finds a top-level key written twice, last-key-wins or not", () => {
    expect(repeatedTopLevelKey('{"success":false,"success":true}')).toBe("success");
    expect(repeatedTopLevelKey('{ "status" : "error", "message": "x", "status": "success" }')).toBe("status");
  });

  it("compares keys after unescaping", () => {
    expect(repeatedTopLevelKey('{"success":false,"\\u0073uccess":true}')).toBe("success");
  });

  it("ignores repeats inside nested objects, arrays and string values", () => {
    expect(repeatedTopLevelKey('{"a":{"b":1,"b":2},"c":[{"d":1},{"d":2}],"e":"\\"a\\":1"}')).toBeUndefined();
    expect(repeatedTopLevelKey('{"a":"{\\"a\\":1}","b":"a"}')).toBeUndefined();
  });

  it("says nothing about what is not an object", () => {
    expect(repeatedTopLevelKey(undefined)).toBeUndefined();
    expect(repeatedTopLevelKey("[1,1]")).toBeUndefined();
    expect(repeatedTopLevelKey('"text"')).toBeUndefined();
    expect(repeatedTopLevelKey('{"unterminated')).toBeUndefined();
  });
});
