/**
 * What the code says beats what the environment says: an explicit empty credential is refused
 * rather than replaced by the env var, an explicit `region` or server variable beats
 * `<VENDOR>_BASE_URL`, an unknown `<VENDOR>_LOG` level warns once instead of breaking every
 * constructor, and a missing credential says when env vars could not be read at all.
 */
import { afterEach, describe, expect, it } from "vitest";
import { resolveCredentials } from "../src/auth.js";
import { resolveConfig } from "../src/config.js";
import { envReadable } from "../src/env.js";
import { type ApiSpec, InvalidArgumentError, serverVariables } from "../src/index.js";
import { Things, TOKEN, thingsSpec } from "./fixtures.js";

const regional = {
  ...thingsSpec,
  name: "Regional",
  env: "REGIONAL_TEST",
  servers: [
    { url: "https://us.regional.example.com", region: "us" },
    { url: "https://eu.regional.example.com", region: "eu" },
  ],
} as const satisfies ApiSpec;

const tenanted = {
  ...thingsSpec,
  name: "Tenanted",
  env: "TENANTED_TEST",
  features: { serverVariables },
  servers: [{ url: "https://{tenant}.tenanted.example.com", variables: { tenant: { default: "main" } } }],
} as const satisfies ApiSpec;

const touched = new Set<string>();
function setEnv(name: string, value: string): void {
  touched.add(name);
  process.env[name] = value;
}
afterEach(() => {
  for (const name of touched) delete process.env[name];
  touched.clear();
});

describe("an explicit empty credential", () => {
  it.each(["", "   "])("%j is refused, not replaced by the env var", (token) => {
    setEnv("THINGS_TEST_TOKEN", TOKEN);
    expect(() => new Things({ token })).toThrow(InvalidArgumentError);
    expect(() => new Things({ token })).toThrow(
      /`token` is empty\. Pass the credential, or leave the option out to read THINGS_TEST_TOKEN/,
    );
  });

  it("a left-out option still reads the env var", () => {
    setEnv("THINGS_TEST_TOKEN", TOKEN);
    const credentials = resolveCredentials(thingsSpec, {});
    expect(credentials.forOperation(thingsSpec.operations.deleteThing).headers.Authorization).toBe(`Bearer ${TOKEN}`);
  });
});

describe("explicit options beat env vars", () => {
  it("an explicit region beats <VENDOR>_BASE_URL", () => {
    setEnv("REGIONAL_TEST_BASE_URL", "http://127.0.0.1:9");
    expect(resolveConfig(regional, { region: "eu" }).baseUrl).toBe("https://eu.regional.example.com");
  });

  it("an explicit server variable beats <VENDOR>_BASE_URL", () => {
    setEnv("TENANTED_TEST_BASE_URL", "http://127.0.0.1:9");
    expect(resolveConfig(tenanted, { tenant: "acme" }).baseUrl).toBe("https://acme.tenanted.example.com");
  });

  it("an explicit baseUrl beats <VENDOR>_BASE_URL and <VENDOR>_REGION", () => {
    setEnv("REGIONAL_TEST_BASE_URL", "http://127.0.0.1:9");
    setEnv("REGIONAL_TEST_REGION", "eu");
    expect(resolveConfig(regional, { baseUrl: "http://127.0.0.1:8080/v1" }).baseUrl).toBe("http://127.0.0.1:8080/v1");
  });

  it("without a server chosen in code, <VENDOR>_BASE_URL beats <VENDOR>_REGION", () => {
    setEnv("REGIONAL_TEST_BASE_URL", "http://127.0.0.1:9");
    setEnv("REGIONAL_TEST_REGION", "eu");
    expect(resolveConfig(regional, {}).baseUrl).toBe("http://127.0.0.1:9");
  });

  it("<VENDOR>_REGION picks the server when nothing else does", () => {
    setEnv("REGIONAL_TEST_REGION", "eu");
    expect(resolveConfig(regional, {}).baseUrl).toBe("https://eu.regional.example.com");
  });
});

describe("an unknown <VENDOR>_LOG level", () => {
  it("warns once, through the caller's logger, and falls back to the option", () => {
    setEnv("THINGS_TEST_LOG", "verbose");
    const warnings: unknown[] = [];
    const logger = { warn: (message: unknown) => warnings.push(message) };
    expect(resolveConfig(thingsSpec, { token: TOKEN, logLevel: "error", logger }).logLevel).toBe("error");
    expect(resolveConfig(thingsSpec, { token: TOKEN, logger }).logLevel).toBe("warn");
    expect(() => new Things({ token: TOKEN, logger })).not.toThrow();
    expect(warnings).toEqual([
      'Things: ignoring THINGS_TEST_LOG="verbose", not one of off|error|warn|info|debug; logging at "error".',
    ]);
  });

  it("a known level still overrides the option", () => {
    setEnv("THINGS_TEST_LOG", "DEBUG");
    expect(resolveConfig(thingsSpec, { token: TOKEN, logLevel: "error" }).logLevel).toBe("debug");
  });

  it("an unknown logLevel option is still the code's mistake and throws", () => {
    expect(() => new Things({ token: TOKEN, logLevel: "verbose" as "warn" })).toThrow(/`logLevel` must be one of/);
  });
});

describe("a missing credential where env vars cannot be read", () => {
  /** Runs `body` with a `process` that has no `env`, as in a Worker without `nodejs_compat`. */
  function withoutProcessEnv<T>(body: () => T): T {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, "process");
    Object.defineProperty(globalThis, "process", { value: {}, configurable: true, writable: true });
    try {
      return body();
    } finally {
      if (descriptor) Object.defineProperty(globalThis, "process", descriptor);
    }
  }

  it("says env vars were not readable", () => {
    setEnv("THINGS_TEST_TOKEN", TOKEN);
    const message = withoutProcessEnv(() => {
      expect(envReadable()).toBe(false);
      try {
        resolveCredentials(thingsSpec, {}).forOperation(thingsSpec.operations.deleteThing);
        return "sent";
      } catch (error) {
        return (error as Error).message;
      }
    });
    expect(message).toMatch(
      /missing credentials for DELETE \/things\/\{id\}\. Pass the `token` option or the THINGS_TEST_TOKEN/,
    );
    expect(message).toMatch(/Environment variables are not readable in this runtime/);
  });

  it("does not say so where they are", () => {
    expect(envReadable()).toBe(true);
    expect(() => resolveCredentials(thingsSpec, {}).forOperation(thingsSpec.operations.deleteThing)).toThrow(
      /^(?!.*not readable).*missing credentials/,
    );
  });
});
