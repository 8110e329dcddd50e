import { describe, expect, test } from "vitest";
import { InvalidArgumentError } from "../src/errors.js";
import { refuseCredentialAsId } from "../src/id-guard.js";

const facts = { secrets: ["key-L1veSecretKey99", "L1veSecretKey99"], prefixes: ["key-"] };

function refusal(id: unknown): InvalidArgumentError | undefined {
  try {
    refuseCredentialAsId("id", id, facts);
    return undefined;
  } catch (error) {
    return error as InvalidArgumentError;
  }
}

describe("refuseCredentialAsId", () => {
  test.each(["key-live_abc123", "KEY-live_abc123"])("an id with the credential prefix (%s) is refused", (id) => {
    const error = refusal(id);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error?.argument).toBe("id");
    expect(error?.message).toContain("token's id");
    expect(error?.message).not.toContain(id);
  });

  test.each(["key-L1veSecretKey99", "L1veSecretKey99"])("the client's own credential is refused", (id) => {
    const error = refusal(id);
    expect(error?.message).toContain("this client's own credential");
    expect(error?.message).not.toContain("L1veSecretKey99");
  });

  test("a numeric credential given as a number is refused", () => {
    expect(() => refuseCredentialAsId("id", 73910552847361, { secrets: ["73910552847361"], prefixes: [] })).toThrow(
      InvalidArgumentError,
    );
  });

  test.each(["tok_abc", "monkey-business", 12, "L1veSecretKey9"])("an ordinary id (%s) passes", (id) => {
    expect(refusal(id)).toBeUndefined();
  });
});
