/**
 * What a delete resolves to when the network leaves its outcome unknown: a delete the server
 * performed, whose answer was lost, and which a retry then finds gone, is a success
 * ("confirmed by retry") — but a plain 404 on the first attempt is still an error. A call that
 * fails after such an attempt says so with `outcomeUnknown`, so it never reads as "nothing happened".
 */
import { NotFoundError, RateLimitError } from "@sdkforge/core";
import { faults } from "@sdkforge/core/testing";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { settle } from "./harness.js";
import { VENDORS, type VendorServer } from "./vendors.js";

describe.each(VENDORS)("$name", (vendor) => {
  let running: VendorServer;
  beforeAll(async () => {
    running = await vendor.start([]);
  });
  afterAll(() => running.server.close());
  // A fault whose request was never sent must not hit the next test.
  afterEach(() => running.server.clearFaults());

  const client = (options: { maxRetries?: number } = {}) =>
    vendor.resource({ baseUrl: running.server.url, logLevel: "off", ...options });

  test("a delete performed but unanswered, then retried, resolves alreadyGone and confirmedByRetry", async () => {
    const [id] = vendor.ids(1, 1);
    running.liveIds.add(id);
    const before = running.server.requests.length;
    running.server.injectFault(faults.dropConnection({ applies: true }));

    const { data, response } = await client().delete(id).withResponse();

    expect(data).toEqual({ id, message: expect.any(String), alreadyGone: true, confirmedByRetry: true });
    expect(response.status).toBe(404);
    expect(running.liveIds.has(id)).toBe(false);
    const attempts = running.server.requests.slice(before);
    expect(attempts.map((request) => [request.fault, request.applied, request.status])).toEqual([
      ["drop after apply", true, 0],
      [undefined, true, 404],
    ]);
  });

  test("a timeout after the server performed the delete is confirmed the same way", async () => {
    const [id] = vendor.ids(1, 2);
    running.liveIds.add(id);
    running.server.injectFault(faults.stallHeaders({ applies: true }));

    const result = await client().delete(id, { timeout: 1_500 });

    expect(result).toMatchObject({ alreadyGone: true, confirmedByRetry: true });
  });

  test("an error after a performed but unanswered attempt is marked outcomeUnknown", async () => {
    const [id] = vendor.ids(1, 7);
    running.liveIds.add(id);
    running.server.injectFault(faults.dropConnection({ applies: true }));
    // The retry is throttled for longer than the SDK waits: the call ends with that 429.
    running.server.injectFault(faults.rateLimitSeconds(120));

    const outcome = await settle(() => client().delete(id));

    expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(RateLimitError);
    expect(outcome.ok ? undefined : outcome.error).toMatchObject({ outcomeUnknown: true, retryAfter: 120 });
    expect(running.liveIds.has(id)).toBe(false);
  });

  test("an error with no attempt performed is not marked outcomeUnknown", async () => {
    const [id] = vendor.ids(1, 8);
    running.liveIds.add(id);
    running.server.injectFault(faults.rateLimitSeconds(120));

    const outcome = await settle(() => client().delete(id));

    expect(outcome.ok ? undefined : outcome.error).toMatchObject({ name: "RateLimitError", outcomeUnknown: false });
    expect(running.liveIds.has(id)).toBe(true);
  });

  test("a 404 on the first attempt throws NotFoundError", async () => {
    const [id] = vendor.ids(1, 3);
    const before = running.server.requests.length;

    const outcome = await settle(() => client().delete(id));

    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(NotFoundError);
    expect(running.server.requests.length - before).toBe(1);
  });

  test("a 404 on the first attempt resolves alreadyGone (not confirmed) with missingOk", async () => {
    const [id] = vendor.ids(1, 4);

    const result = await client().delete(id, { missingOk: true });

    expect(result).toEqual({ id, message: expect.any(String), alreadyGone: true, confirmedByRetry: false });
  });

  test("a 404 after a 429 still throws: a throttled request was never performed", async () => {
    const [id] = vendor.ids(1, 5);
    running.server.injectFault(faults.rateLimitMs(10));

    const outcome = await settle(() => client().delete(id));

    expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(NotFoundError);
  });

  test("without retries, a lost answer stays an error: nothing confirmed the delete", async () => {
    const [id] = vendor.ids(1, 6);
    running.liveIds.add(id);
    running.server.injectFault(faults.dropConnection({ applies: true }));

    const outcome = await settle(() => client({ maxRetries: 0 }).delete(id));

    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? undefined : (outcome.error as Error).name).toBe("APIConnectionError");
    expect(running.liveIds.has(id)).toBe(false);
  });
});
