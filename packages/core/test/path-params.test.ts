/** Path parameters are refused or passed on before openapi-fetch ever builds a URL. */
import { expect, it } from "vitest";
import { InvalidArgumentError } from "../src/errors.js";
import { checkPathParam } from "../src/path-params.js";

const integer = { name: "token_id", in: "path", required: true, type: "integer" } as const;
const string = { name: "id", in: "path", required: true, type: "string" } as const;

it.each([0, 1, 12, Number.MAX_SAFE_INTEGER])("accepts the integer %d", (value) => {
  expect(checkPathParam(integer, value)).toBe(value);
});

it.each(["12", 1.5, -1, Number.NaN, 2 ** 53, null, undefined, 12n])("refuses %s as an integer", (value) => {
  expect(() => checkPathParam(integer, value)).toThrow(InvalidArgumentError);
});

it.each(["a", "...", ".a", "a/b", "%2e%2e", "é", "tok_9c0f"])("accepts the string %j", (value) => {
  expect(checkPathParam(string, value)).toBe(value);
});

it.each(["", ".", "..", "a\nb", "\u0000", "\u007f", "\u0085", "\ud800"])("refuses the string %j", (value) => {
  expect(() => checkPathParam(string, value)).toThrow(InvalidArgumentError);
});

it("never echoes the refused value", () => {
  expect(() => checkPathParam(string, "secret\n")).toThrow(/got a string of length 7/);
});

// DigitalOcean's `snapshot_id`: `anyOf: [integer, string]`, typed `number | string`.
const integerOrString = { ...string, name: "snapshot_id", types: ["integer", "string"] } as const;

it.each([7, 0, "snap-7"])("accepts %j for a parameter of several types", (value) => {
  expect(checkPathParam(integerOrString, value)).toBe(value);
});

it.each([-1, 1.5, "", "..", true, null])("refuses %j when no type of several accepts it", (value) => {
  expect(() => checkPathParam(integerOrString, value)).toThrow(
    /^Invalid `snapshot_id`: expected a non-negative safe integer or (a non-empty string|an id other than "\." or "\.\.")/,
  );
});
