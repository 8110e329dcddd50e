import { describe, expect, test } from "vitest";
import { redirectMessage } from "../src/response-error.js";

const answer = (init: { status: number; location?: string; url?: string; type?: ResponseType }) =>
  ({
    status: init.status,
    type: init.type ?? "basic",
    url: init.url ?? "",
    headers: new Headers(init.location === undefined ? {} : { location: init.location }),
  }) as Response;

describe("redirectMessage", () => {
  test("names the Location's origin, never its path or query", () => {
    const message = redirectMessage(answer({ status: 302, location: "https://evil.example:8443/steal?token=abc#x" }));
    expect(message).toContain("302 redirecting to https://evil.example:8443;");
    expect(message).not.toMatch(/steal|token|abc/);
    expect(message).toContain("baseUrl");
  });

  test("resolves a relative Location against the request URL", () => {
    const message = redirectMessage(answer({ status: 307, location: "/other/1?x=1", url: "http://127.0.0.1:5/a/2" }));
    expect(message).toContain("redirecting to http://127.0.0.1:5;");
  });

  test.each([
    [undefined, "a location it did not give"],
    ["http://[bad", "a location that is not a valid URL"],
    ["javascript:alert(1)", "a javascript: URL"],
  ])("describes a missing or odd Location (%s)", (location, described) => {
    expect(redirectMessage(answer({ status: 301, ...(location === undefined ? {} : { location }) }))).toContain(
      described,
    );
  });

  test("a browser's opaque redirect is still a redirect", () => {
    expect(redirectMessage(answer({ status: 0, type: "opaqueredirect" }))).toMatch(
      /^The server answered with a redirect/,
    );
  });
});
