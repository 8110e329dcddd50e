/** Credential formatting, loopback detection and option checks. */
import { expect, it } from "vitest";
import { authorizationValue, checkTimeout, isLoopbackHost, type VendorDefinition } from "../src/config.js";
import { InvalidArgumentError } from "../src/errors.js";

const vendor = (prefix: string): VendorDefinition => ({
  name: "Fixture",
  spec: {
    title: "",
    version: "",
    servers: [],
    security: { type: "apiKey", header: "Authorization", prefix },
    operations: {},
    resources: {},
  },
  credential: { option: "apiKey", env: "FIXTURE_KEY" },
  logLevelEnv: "FIXTURE_LOG",
});

it.each([
  ["key-", "abc", "key-abc"],
  ["key-", "key-abc", "key-abc"],
  ["key-", "KEY-key-abc", "key-abc"],
  ["Bearer ", "jwt.x.y", "Bearer jwt.x.y"],
  ["Bearer ", "bearer   jwt.x.y", "Bearer jwt.x.y"],
  ["", "raw", "raw"],
])("prefix %j + %j → %j", (prefix, credential, expected) => {
  expect(authorizationValue(vendor(prefix), credential)).toBe(expected);
});

it.each([undefined, "", "key-", "a b", "é", 42])("refuses %j", (credential) => {
  expect(() => authorizationValue(vendor("key-"), credential)).toThrow(InvalidArgumentError);
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
