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
  ["key-", "abcdefgh", "key-abcdefgh"],
  ["key-", "key-abcdefgh", "key-abcdefgh"],
  ["key-", "KEY-key-abcdefgh", "key-abcdefgh"],
  ["Bearer ", "jwt.xx.yy", "Bearer jwt.xx.yy"],
  ["Bearer ", "bearer   jwt.xx.yy", "Bearer jwt.xx.yy"],
  ["Bearer ", "bearer_token", "Bearer bearer_token"],
  ["Bearer ", "Bearer bearerish", "Bearer bearerish"],
  ["", "raw_value", "raw_value"],
])("prefix %j + %j → %j", (prefix, credential, expected) => {
  expect(format(prefix, credential)).toBe(expected);
});

it.each(["", "key-", "a b", "é"])("refuses %j without echoing it", (credential) => {
  expect(() => format("key-", credential)).toThrow(InvalidArgumentError);
  expect(() => format("key-", credential)).toThrow(/`apiKey` must be a string of printable ASCII/);
});

it.each([
  ["localhost", true],
  ["api.localhost", false],
  ["evil.localhost", false],
  ["localhost.evil.example", false],
  ["127.0.0.1", true],
  ["127.255.255.255", true],
  ["127.0.0.256", false],
  ["127.10.0.3", true],
  ["[::1]", true],
  ["example.com", false],
  ["127.0.0.1.nip.io", false],
  ["10.0.0.1", false],
])("isLoopbackHost(%s) = %s", (host, expected) => {
  expect(isLoopbackHost(host)).toBe(expected);
});

it.each(["key-abc", "key-1234567", "key-short12", "t"])("refuses %j, too short to be masked safely", (credential) => {
  expect(() => format("key-", credential)).toThrow(/`apiKey` is too short to be a credential: it needs at least 8/);
});

it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31])("refuses the timeout %s", (timeout) => {
  expect(() => checkTimeout(timeout)).toThrow(InvalidArgumentError);
});

it("accepts the largest timeout a timer can hold", () => {
  expect(checkTimeout(2 ** 31 - 1)).toBe(2 ** 31 - 1);
});
