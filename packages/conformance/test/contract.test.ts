/**
 * Contract: every request the helpers send passes Prism's validation against the vendor's own
 * spec — valid or wrong credentials, success or error answers, single or bulk. Prism reports a
 * violation in an `sl-violations` header (or, when the spec has no fitting error response, as a
 * 422 problem document); either fails the test.
 */
import { type APIError, AuthenticationError, NotFoundError } from "@sdkforge/core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { settle } from "./harness.js";
import { type PrismServer, startPrism } from "./prism.js";
import { VENDORS, type VendorUnderTest } from "./vendors.js";

interface Seen {
  readonly request: string;
  readonly status: number;
  readonly violations: string | null;
}

/** Valid ids at the edges of what each id type allows. */
const UNUSUAL_VALID_IDS: Readonly<Record<VendorUnderTest["idParam"]["type"], readonly unknown[]>> = {
  string: ["a b", "ü/ö", "x?y#z", "%2e%2e", "...", "tok-1"],
  integer: [0, 1, 2 ** 31, 2 ** 53 - 1],
  number: [0, -1.5, 2 ** 31 + 0.25],
  boolean: [true, false],
};

describe.each(VENDORS)("$name against Prism", (vendor) => {
  let prism: PrismServer;
  const seen: Seen[] = [];

  beforeAll(async () => {
    prism = await startPrism(vendor.specFile);
  });
  afterAll(async () => {
    await prism?.stop();
  });

  /** The real `fetch`, with every exchange noted so that no attempt (retries included) goes unchecked. */
  const observingFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const response = await fetch(request);
    const problem = response.headers.get("content-type")?.includes("problem+json") ? await response.clone().text() : "";
    seen.push({
      request: `${request.method} ${new URL(request.url).pathname}`,
      status: response.status,
      violations: response.headers.get("sl-violations") ?? (problem.includes("prism/errors") ? problem : null),
    });
    return response;
  };

  const client = (credential?: string) =>
    vendor.resource({
      baseUrl: prism.url,
      fetch: observingFetch,
      logLevel: "off",
      maxRetries: 0,
      ...(credential === undefined ? {} : { credential }),
    });

  const expectNoViolations = () => {
    const offending = seen.filter((entry) => entry.violations !== null);
    expect(offending, "requests Prism found in breach of the spec").toEqual([]);
  };

  test("delete with valid credentials", async () => {
    const [id] = vendor.ids(1);
    const { data, response } = await client().delete(id).withResponse();
    expect(response.ok, `status ${response.status}`).toBe(true);
    expect(data.alreadyGone).toBe(false);
    expectNoViolations();
  });

  test("delete with wrong (well-formed) credentials", async () => {
    const [id] = vendor.ids(1);
    await client(vendor.wrongCredential).delete(id);
    // Prism checks the credential's form, not its value: a 200 here, and no violation.
    expectNoViolations();
  });

  test("error answers the spec documents (Prefer: code=…) are requested validly", async () => {
    const [id] = vendor.ids(1);
    for (const status of vendor.errorStatuses) {
      const outcome = await settle(() => client().delete(id, { headers: { Prefer: `code=${status}` } }));
      expect(outcome.ok ? undefined : (outcome.error as APIError).status).toBe(status);
    }
    if (vendor.errorStatuses.includes(404)) {
      const notFound = await settle(() => client().delete(id, { headers: { Prefer: "code=404" } }));
      expect(notFound.ok ? undefined : notFound.error).toBeInstanceOf(NotFoundError);
      const missingOk = await client().delete(id, { headers: { Prefer: "code=404" }, missingOk: true });
      expect(missingOk.alreadyGone).toBe(true);
    }
    if (vendor.errorStatuses.includes(401)) {
      const unauthorized = await settle(() =>
        client(vendor.wrongCredential).delete(id, { headers: { Prefer: "code=401" } }),
      );
      expect(unauthorized.ok ? undefined : unauthorized.error).toBeInstanceOf(AuthenticationError);
    }
    expectNoViolations();
  });

  test("deleteMany, with unusual but valid ids", async () => {
    const ids = UNUSUAL_VALID_IDS[vendor.idParam.type];
    const { deleted, failed } = await client().deleteMany(ids, { concurrency: 3 });
    expect(failed).toEqual([]);
    expect(deleted.map((d) => d.id)).toEqual(ids);
    expect(seen.length).toBeGreaterThan(0);
    expectNoViolations();
  });

  // Without a credential to leave out, a bare request is valid: the check needs a vendor with one.
  test.skipIf(vendor.credentialOption === "")("the check can fail: a request outside the spec is flagged", async () => {
    const response = await fetch(`${prism.url}${vendor.pathPrefix}1`, { method: "DELETE" });
    const flagged = response.headers.get("sl-violations") ?? (response.status === 422 ? "422" : null);
    expect(flagged, "a request without credentials").not.toBeNull();
  });
});
