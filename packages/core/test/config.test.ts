/** Credential formatting, loopback detection and option checks. */
import { expect, it } from "vitest";
import { credentialValue } from "../src/auth.js";
import { checkTimeout, isLoopbackHost } from "../src/config.js";
import { InvalidArgumentError } from "../src/errors.js";
import type { SecuritySchemeSpec } from "../src/spec.js";

const scheme = (prefix: string): SecuritySchemeSpec => ({
  kind: "apiKey",
  type: "apiKey",
  in: "header",
  name: "Authorization",
  prefix,
  options: [{ option: "apiKey", env: "FIXTURE_API_KEY" }],
});
const format = (prefix: string, value: string) => credentialValue({ name: "Fixture" }, scheme(prefix), "apiKey", value);

it.each([
  ["key-", "abc", "key-abc"],
  ["key-", "key-abc", "key-abc"],
  ["key-", "KEY-key-abc", "key-abc"],
  ["Bearer ", "jwt.x.y", "Bearer jwt.x.y"],
  ["Bearer ", "bearer   jwt.x.y", "Bearer jwt.x.y"],
  ["Bearer ", "bearer_token", "Bearer bearer_token"],
  ["Bearer ", "Bearer bearerish", "Bearer bearerish"],
  ["", "raw", "raw"],
])("prefix %j + %j → %j", (prefix, credential, expected) => {
  expect(format(prefix, credential)).toBe(expected);
});

it.each(["", "key-", "a b", "é"])("refuses %j without echoing it", (credential) => {
  expect(() => format("key-", credential)).toThrow(InvalidArgumentError);
  expect(() => format("key-", credential)).toThrow(/`apiKey` must be a string of printable ASCII/);
});

it.each([
  ["localhost", true],
  ["api.localhost", true],
  ["127.0.0.1", true],
  ["127.10.0.3", true],
  ["[::1]", true],
  ["example.com", false],
  ["127.0.0.1.nip.io", false],
  ["10.0.0.1", false],
])("isLoopbackHost(%s) = %s", (host, expected) => {
  expect(isLoopbackHost(host)).toBe(expected);
});

it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31])("refuses the timeout %s", (timeout) => {
  expect(() => checkTimeout(timeout)).toThrow(InvalidArgumentError);
});

it("accepts the largest timeout a timer can hold", () => {
  expect(checkTimeout(2 ** 31 - 1)).toBe(2 ** 31 - 1);
});
