import { inspect } from "node:util";
import { describe, expect, expectTypeOf, test } from "vitest";
import {
  type AnySDKError,
  APIConnectionError,
  APIError,
  APIResponseTooLargeError,
  APIResponseValidationError,
  InternalServerError,
  InvalidArgumentError,
  NotFoundError,
  type RateLimitError,
  SDKError,
} from "../src/errors.js";

const init = { message: "Token not found", method: "DELETE", path: "/things/{id}" };

describe("error classes", () => {
  test("JSON.stringify keeps the message of every class", () => {
    expect(JSON.parse(JSON.stringify(new InvalidArgumentError("id", "bad id")))).toEqual({
      name: "InvalidArgumentError",
      message: "bad id",
      argument: "id",
    });
    expect(JSON.parse(JSON.stringify(new NotFoundError({ ...init, status: 404 })))).toMatchObject({
      name: "NotFoundError",
      message: "Token not found",
      status: 404,
      stage: "answered",
    });
    expect(JSON.stringify(new SDKError("plain"))).toBe('{"name":"SDKError","message":"plain"}');
  });

  test("the stage defaults from whether a status arrived", () => {
    expect(new APIError({ ...init, status: 500 }).stage).toBe("answered");
    expect(new APIConnectionError(init).stage).toBe("no-answer");
    expect(new APIConnectionError({ ...init, stage: "not-sent" }).stage).toBe("not-sent");
  });

  test("instanceof follows the hierarchy", () => {
    const error = new APIResponseTooLargeError({ ...init, status: 200, limit: 10 });
    expect(error).toBeInstanceOf(APIResponseValidationError);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toBeInstanceOf(SDKError);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(NotFoundError);
    expect(new NotFoundError({ ...init, status: 404 })).not.toBeInstanceOf(InvalidArgumentError);
    expect({ name: "NotFoundError" }).not.toBeInstanceOf(NotFoundError);
    expect(null).not.toBeInstanceOf(NotFoundError);
  });

  test("a subclass a caller defines is matched by the ordinary rule", () => {
    class MyNotFound extends NotFoundError {}
    expect(new MyNotFound({ ...init, status: 404 })).toBeInstanceOf(NotFoundError);
    expect(new NotFoundError({ ...init, status: 404 })).not.toBeInstanceOf(MyNotFound);
  });

  test("inspect shows no cause data beyond what was given", () => {
    expect(inspect(new InternalServerError({ ...init, status: 500 }), { depth: 10 })).toContain("InternalServerError");
  });
});

describe("error types", () => {
  test("names are literals, so a switch narrows", () => {
    expectTypeOf<NotFoundError["name"]>().toEqualTypeOf<"NotFoundError">();
    expectTypeOf<InvalidArgumentError["name"]>().toEqualTypeOf<"InvalidArgumentError">();
    const describe = (error: AnySDKError): string => {
      switch (error.name) {
        case "RateLimitError":
          expectTypeOf(error).toEqualTypeOf<RateLimitError>();
          return String(error.retryAfter);
        case "InvalidArgumentError":
          expectTypeOf(error).toEqualTypeOf<InvalidArgumentError>();
          return error.argument;
        case "APIResponseTooLargeError":
          return String(error.limit);
        default:
          return error.message;
      }
    };
    expect(describe(new InvalidArgumentError("id", "bad"))).toBe("id");
  });

  test("status classes carry their status as a literal", () => {
    expectTypeOf<NotFoundError["status"]>().toEqualTypeOf<404>();
    expectTypeOf<RateLimitError["status"]>().toEqualTypeOf<429>();
    expectTypeOf<APIConnectionError["status"]>().toEqualTypeOf<undefined>();
    expectTypeOf<APIError["status"]>().toEqualTypeOf<number | undefined>();
  });

  test("instanceof narrows", () => {
    const error: unknown = new NotFoundError({ ...init, status: 404 });
    if (error instanceof NotFoundError) expectTypeOf(error).toEqualTypeOf<NotFoundError>();
    if (error instanceof APIError) expectTypeOf(error.status).toEqualTypeOf<number | undefined>();
  });
});
