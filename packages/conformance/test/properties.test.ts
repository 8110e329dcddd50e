/**
 * Property: whatever a caller passes as an id, the SDK either refuses it locally with
 * `InvalidArgumentError` (sending nothing), or sends exactly one request whose target is the
 * operation's path template with that id, percent-encoded, as its one last segment — never a
 * different path, a query string, or a dot segment the URL parser would resolve away.
 *
 * 1,000 runs per vendor by default; set SDKFORGE_FUZZ_RUNS (e.g. 10000) for a longer search.
 */
import { InvalidArgumentError } from "@sdkforge/core";
import * as fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { settle } from "./harness.js";
import { type AnyDeleteResource, VENDORS, type VendorServer, type VendorUnderTest } from "./vendors.js";

/** Strings that look like path tricks, mixed in with the random ones. */
const TRICKY_STRINGS = [
  ".",
  "..",
  "...",
  "/",
  "a/b",
  "../x",
  "%2e%2e",
  "%2F",
  "%",
  "?",
  "#",
  "a?b=c",
  "a#b",
  " ",
  "\\",
];

/** Any value a caller might pass as an id, weighted towards the id's type in the spec. */
const ANY_ID: Readonly<Record<VendorUnderTest["idParam"]["type"], fc.Arbitrary<unknown>>> = {
  integer: fc.oneof(
    fc.nat(),
    fc.maxSafeNat(),
    fc.integer(),
    fc.double(),
    fc.constantFrom(-0, 2 ** 53, -1, Number.NaN, Number.MAX_SAFE_INTEGER),
    fc.string(),
    fc.anything(),
  ),
  number: fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-0, Number.NaN, Number.NEGATIVE_INFINITY), fc.anything()),
  boolean: fc.oneof(fc.boolean(), fc.constantFrom("true", 0, 1), fc.anything()),
  string: fc.oneof(
    fc.string(),
    fc.string({ unit: "binary" }),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) }),
    fc.constantFrom(...TRICKY_STRINGS),
    fc.array(fc.constantFrom(".", "/", "%", "a", "2", "e", "F"), { maxLength: 8 }).map((parts) => parts.join("")),
    fc.anything(),
  ),
};

const RUNS = Number(process.env.SDKFORGE_FUZZ_RUNS ?? 1_000);
const SEED = process.env.SDKFORGE_FUZZ_SEED === undefined ? undefined : Number(process.env.SDKFORGE_FUZZ_SEED);

describe.each(VENDORS)("$name", (vendor) => {
  // One server and one client for the whole suite: a run is one request, not one server.
  let running: VendorServer;
  let resource: AnyDeleteResource;
  beforeAll(async () => {
    running = await vendor.start([]);
    resource = vendor.resource({ baseUrl: running.server.url, logLevel: "off", maxRetries: 0 });
  });
  afterAll(() => running.server.close());

  test(`an arbitrary id is refused locally or sent as exactly ${vendor.pathTemplate} (${RUNS} runs)`, async () => {
    let sent = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(ANY_ID[vendor.idParam.type], async (id) => {
        const before = running.server.requests.length;
        const outcome = await settle(() => resource.delete(id, { missingOk: true }));
        const requests = running.server.requests.slice(before);

        if (!vendor.isValidId(id)) {
          refused++;
          expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(InvalidArgumentError);
          expect(requests).toEqual([]);
          return;
        }
        sent++;
        if (!outcome.ok) throw outcome.error;
        expect(outcome.value).toMatchObject({ id, alreadyGone: true });
        expect(requests).toHaveLength(1);
        const [request] = requests;
        expect(request?.method).toBe("DELETE");
        expect(request?.operationId).toBe(vendor.operationId);
        expect(request?.violations).toEqual([]);
        const target = request?.target ?? "";
        expect(target.startsWith(vendor.pathPrefix)).toBe(true);
        const segment = target.slice(vendor.pathPrefix.length);
        expect(segment).toMatch(/^[^/?#]+$/);
        expect(decodeURIComponent(segment)).toBe(String(id));
        expect(Object.values(request?.pathParams ?? {})).toEqual([String(id)]);
      }),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
    );
    // Both branches must have been exercised, or the property proved little.
    expect(sent).toBeGreaterThan(RUNS / 20);
    expect(refused).toBeGreaterThan(RUNS / 20);
    console.info(`${vendor.name}: ${RUNS} runs, ${sent} sent, ${refused} refused locally`);
  });

  test("ids that look like path tricks are each either refused or sent as one segment", async () => {
    const tricky = [".", "..", "../..", "./", "%2e%2e", "%2F", "a/../b", "?x=1", "#frag", "//", "\\..\\", ". ", ".%00"];
    for (const id of tricky) {
      const before = running.server.requests.length;
      const outcome = await settle(() => resource.delete(id, { missingOk: true }));
      const requests = running.server.requests.slice(before);
      if (outcome.ok) {
        expect(requests.map((r) => r.operationId)).toEqual([vendor.operationId]);
        expect(requests.map((r) => Object.values(r.pathParams)[0])).toEqual([id]);
      } else {
        expect(outcome.error).toBeInstanceOf(InvalidArgumentError);
        expect(requests).toEqual([]);
      }
    }
  });
});
