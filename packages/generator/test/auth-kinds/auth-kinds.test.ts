/** Every kind of security scheme becomes constructor options, env vars and report entries. */
import { describe, expect, it } from "vitest";
import { vendorReport } from "../../src/index.ts";
import { generateFixture } from "../helpers.ts";

const generated = await generateFixture("auth-kinds", "auth");

describe("security schemes", () => {
  it("give one report entry per constructor option; schemes sharing an option name take their own", () => {
    expect(vendorReport(generated.facts).credentials).toEqual([
      {
        option: "adminBearer",
        env: "AUTH_ADMIN_BEARER",
        scheme: "adminBearer",
        type: "http",
        httpScheme: "bearer",
        in: "header",
        name: "Authorization",
      },
      {
        option: "username",
        env: "AUTH_USERNAME",
        scheme: "basicAuth",
        type: "http",
        httpScheme: "basic",
        in: "header",
        name: "Authorization",
      },
      {
        option: "password",
        env: "AUTH_PASSWORD",
        scheme: "basicAuth",
        type: "http",
        httpScheme: "basic",
        in: "header",
        name: "Authorization",
      },
      {
        option: "cookieKey",
        env: "AUTH_COOKIE_KEY",
        scheme: "cookieKey",
        type: "apiKey",
        in: "cookie",
        name: "session",
      },
      {
        option: "headerKey",
        env: "AUTH_HEADER_KEY",
        scheme: "headerKey",
        type: "apiKey",
        in: "header",
        name: "X-Api-Key",
      },
      { option: "oauth", env: "AUTH_OAUTH", scheme: "oauth", type: "oauth2", in: "header", name: "Authorization" },
      { option: "oidc", env: "AUTH_OIDC", scheme: "oidc", type: "openIdConnect", in: "header", name: "Authorization" },
      { option: "queryKey", env: "AUTH_QUERY_KEY", scheme: "queryKey", type: "apiKey", in: "query", name: "api_key" },
    ]);
  });

  it("import into the spec exactly core's encoders for the kinds used that are not a header credential", () => {
    const spec = generated.file("spec.ts");
    expect(spec).toContain(
      'import { type ApiSpec, basicCredential, cookieCredential, queryCredential } from "@sdkforge/core";',
    );
    expect(spec).toMatch(/"features": \{ basicCredential, cookieCredential, queryCredential \}\n\};/);
    expect(spec).not.toContain("encodeBody");
  });

  it("leave out a scheme no operation uses", () => {
    expect(Object.keys(generated.facts.spec.securitySchemes)).not.toContain("unused");
  });

  it("resolve per-operation security: AND, OR, none, and the anonymous alternative", () => {
    const { operations } = generated.facts.spec;
    const security = (path: string) => Object.values(operations).find((op) => op.path === path)?.security;
    expect(security("/bearer/{id}")).toEqual([["adminBearer"]]);
    expect(security("/basic/{id}")).toEqual([["basicAuth"]]);
    expect(security("/keys/{id}")).toEqual([["headerKey"], ["queryKey"], ["cookieKey"]]);
    expect(security("/both/{id}")).toEqual([["headerKey", "queryKey"]]);
    expect(security("/oauth/{id}")).toEqual([["oauth"], ["oidc"]]);
    expect(security("/public/{id}")).toEqual([]);
    expect(security("/optional/{id}")).toEqual([[], ["adminBearer"]]);
  });

  it("map oauth2 and openIdConnect to a bearer token the caller supplies", () => {
    expect(generated.facts.spec.securitySchemes.oauth).toMatchObject({ kind: "bearer", prefix: "Bearer " });
    expect(generated.facts.spec.securitySchemes.oidc).toMatchObject({ kind: "bearer", prefix: "Bearer " });
  });

  it("become documented, optional constructor options", () => {
    const options = generated.file("options.ts");
    expect(options).toContain(
      "   * Bearer token (security scheme `adminBearer`), sent in the `Authorization` header.\n   *\n   * An admin token.",
    );
    expect(options).toContain("API key (security scheme `queryKey`), sent in the query parameter `api_key`.");
    expect(options).toContain("Default: the `AUTH_PASSWORD` env var.");
    expect(options.match(/\?: string \| undefined;/g)).toHaveLength(8);
  });
});
