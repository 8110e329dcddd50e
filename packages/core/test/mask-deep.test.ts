import { describe, expect, it } from "vitest";
import { maskDeep } from "../src/secrets.js";

const secrets = ["key-abcdef123456", "abcdef123456"];

describe("maskDeep", () => {
  it("masks secrets in strings at any depth without touching its input", () => {
    const body = { error: { message: "bad key key-abcdef123456" }, list: ["ok", "abcdef123456!"], n: 1 };
    const snapshot = structuredClone(body);
    expect(maskDeep(body, secrets)).toEqual({ error: { message: "bad key ***" }, list: ["ok", "***!"], n: 1 });
    expect(body).toEqual(snapshot);
  });

  it("hands back the very same value when there is nothing to mask", () => {
    const body = { success: true, data: { message: "Token deleted" }, items: [1, "two", null] };
    expect(maskDeep(body, secrets)).toBe(body);
    expect(maskDeep("plain", secrets)).toBe("plain");
  });

  it("copies only the branches that held a secret", () => {
    const clean = { message: "fine" };
    const body = { clean, dirty: { message: "abcdef123456" } };
    const masked = maskDeep(body, secrets) as typeof body;
    expect(masked).not.toBe(body);
    expect(masked.clean).toBe(clean);
    expect(masked.dirty).toEqual({ message: "***" });
  });

  it("keeps a JSON key named __proto__ as an own property", () => {
    const body = JSON.parse('{"__proto__": {"message": "abcdef123456"}, "other": "x"}') as object;
    const masked = maskDeep(body, secrets) as Record<string, unknown>;
    expect(Object.getPrototypeOf(masked)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(masked, "__proto__")?.value).toEqual({ message: "***" });
  });
});
