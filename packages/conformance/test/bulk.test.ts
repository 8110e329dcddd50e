/**
 * `deleteMany` under fire: a thousand ids with seeded random faults must each be reported exactly
 * once, and the report must agree with the server's final state. A 429 must slow every worker.
 */
import { APIError, InvalidArgumentError, NotFoundError, SDKError } from "@sdkforge/core";
import { type Fault, faults, type RecordedRequest } from "@sdkforge/core/testing";
import { describe, expect, test } from "vitest";
import { expectNoLeakedHandles, expectNoSecrets, watchedHandles } from "./harness.js";
import { VENDORS } from "./vendors.js";

const SEED = Number(process.env.SDKFORGE_FAULT_SEED ?? 20_261_123);
const FAULT_RATE = 0.1;

/**
 * FNV-1a over the text, seeded, then MurmurHash3's finalizer (FNV alone is far from uniform on
 * short, similar strings), mapped to [0, 1): the same (seed, text) always draws the same number.
 */
function draw(text: string): number {
  let hash = (0x811c9dc5 ^ SEED) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35) >>> 0;
  hash ^= hash >>> 16;
  return (hash >>> 0) / 2 ** 32;
}

/** The mix of faults a flaky network and an overloaded server produce. */
const FAULT_MIX: readonly (() => Fault)[] = [
  () => faults.dropConnection({ applies: true }),
  () => faults.dropConnection({ applies: false }),
  () => faults.resetMidBody({ applies: true }),
  () => faults.status(500, { applies: true }),
  () => faults.status(503),
  () => faults.status(502),
  () => faults.htmlErrorPage(504),
  () => faults.rateLimitMs(20),
  () => faults.stallHeaders({ applies: true }),
];

/** Errors that leave the outcome unknown: the server may or may not have performed the delete. */
const isUncertain = (error: Error) => error instanceof APIError && error.outcomeUnknown;

const idOf = (request: RecordedRequest) => Object.values(request.pathParams)[0] ?? "";

/** A blank string is a file's empty line, not an id: `deleteMany` skips it instead of reporting it. */
const isBlank = (id: unknown) => typeof id === "string" && id.trim() === "";

describe.each(VENDORS)("$name", (vendor) => {
  test(`1,000 ids with ${FAULT_RATE * 100} % seeded faults (seed ${SEED}): every id reported once, in agreement with the server`, async () => {
    const invalid = vendor.invalidIds.filter((id) => !isBlank(id));
    const missing = vendor.ids(10, 10_000);
    const existing = vendor.ids(1_000 - missing.length - invalid.length);
    // Interleave, and repeat a few ids: a repeat must not be deleted (or reported) twice.
    const input = [...existing, ...missing, ...invalid].sort(
      (a, b) => draw(`order ${String(a)}`) - draw(`order ${String(b)}`),
    );
    const withRepeats = [...input, ...existing.slice(0, 5)];
    const unique = new Set(withRepeats);
    expect(unique.size).toBe(1_000);

    const baseline = watchedHandles();
    const running = await vendor.start(existing);
    const attemptsById = new Map<string, number>();
    running.server.setFaultPolicy((record) => {
      const key = idOf(record);
      const attempt = attemptsById.get(key) ?? 0;
      attemptsById.set(key, attempt + 1);
      if (draw(`fault ${key} ${attempt}`) >= FAULT_RATE) return undefined;
      const pick = FAULT_MIX[Math.floor(draw(`kind ${key} ${attempt}`) * FAULT_MIX.length)];
      return pick?.();
    });

    let deleted: Awaited<ReturnType<ReturnType<typeof vendor.resource>["deleteMany"]>>["deleted"];
    let failed: Awaited<ReturnType<ReturnType<typeof vendor.resource>["deleteMany"]>>["failed"];
    try {
      const resource = vendor.resource({ baseUrl: running.server.url, logLevel: "off", timeout: 300 });
      ({ deleted, failed } = await resource.deleteMany(withRepeats, { concurrency: 32 }));
    } finally {
      await running.server.close();
    }
    const requests = running.server.requests;

    // Exactly once: the two lists partition the distinct input ids.
    const reported = [...deleted.map((d) => d.id), ...failed.map((f) => f.id)];
    expect(reported).toHaveLength(unique.size);
    expect(new Set(reported)).toEqual(unique);

    // Every id reported deleted is gone on the server.
    for (const { id } of deleted) expect(running.liveIds.has(id), `${String(id)} reported deleted`).toBe(false);
    // A confirmed-by-retry id really had an earlier attempt the server performed.
    for (const { id, confirmedByRetry } of deleted.filter((d) => d.confirmedByRetry)) {
      const performed = requests.filter((r) => idOf(r) === String(id) && r.applied && r.status !== 404);
      // …or it never existed: a lost answer followed by a 404 looks the same from the outside.
      expect(performed.length > 0 || missing.includes(id), `${String(id)} confirmed by retry`).toBe(true);
      expect(confirmedByRetry).toBe(true);
    }

    // Every failure is typed; a certain failure left the token where it was.
    const sentIds = new Set(requests.map(idOf));
    for (const { id, error } of failed) {
      expect(error).toBeInstanceOf(SDKError);
      expectNoSecrets(error, vendor.secrets, `error for ${String(id)}`);
      if (invalid.includes(id)) {
        expect(error).toBeInstanceOf(InvalidArgumentError);
        continue;
      }
      if (missing.includes(id)) {
        expect(error, `${String(id)} never existed`).toBeInstanceOf(APIError);
        continue;
      }
      if (!isUncertain(error)) expect(running.liveIds.has(id), `${String(id)} failed: ${error.name}`).toBe(true);
    }
    // Invalid ids were refused before sending: no request carried one.
    for (const id of invalid) {
      if (typeof id === "string" && id !== "") expect(sentIds.has(id)).toBe(false);
    }
    // The server's state holds nothing unreported: a token still there was reported failed.
    const failedIds = new Set(failed.map((f) => f.id));
    for (const id of running.liveIds) expect(failedIds.has(id), `${String(id)} still exists`).toBe(true);
    // Each id went out at most 1 + maxRetries times; repeats in the input added no request.
    for (const count of attemptsById.values()) expect(count).toBeLessThanOrEqual(3);

    const faulted = requests.filter((r) => r.fault !== undefined).length;
    const confirmed = deleted.filter((d) => d.confirmedByRetry).length;
    const notFound = failed.filter((f) => f.error instanceof NotFoundError).length;
    console.info(
      `${vendor.name} bulk: ${unique.size} ids, ${requests.length} requests, ${faulted} faults injected, ` +
        `${deleted.length} deleted (${confirmed} confirmed by retry), ${failed.length} failed ` +
        `(${notFound} not found, ${invalid.length} invalid)`,
    );
    await expectNoLeakedHandles(baseline);
  });

  /**
   * Runs 40 deletes with 4 workers, the first request answered with `fault`; returns how many other
   * requests reached the server between that one and its retry.
   */
  async function requestsBeforeRetry(fault: Fault) {
    const ids = vendor.ids(40);
    const running = await vendor.start(ids);
    try {
      running.server.injectFault(fault);
      const resource = vendor.resource({ baseUrl: running.server.url, logLevel: "off" });
      const { deleted } = await resource.deleteMany(ids, { concurrency: 4 });
      expect(deleted).toHaveLength(40);
      const [first, ...rest] = running.server.requests;
      const retryIndex = rest.findIndex((r) => idOf(r) === idOf(first as RecordedRequest));
      expect(retryIndex).toBeGreaterThanOrEqual(0);
      const gap = (rest[retryIndex]?.receivedAt ?? 0) - (first?.receivedAt ?? 0);
      return { between: retryIndex, gap };
    } finally {
      await running.server.close();
    }
  }

  test("a 429 pauses every worker of the batch, not only the one that got it", async () => {
    const { between, gap } = await requestsBeforeRetry(faults.rateLimitMs(400));
    expect(gap).toBeGreaterThanOrEqual(390);
    // Workers whose answers were handled before the 429's may each have started one more request;
    // after that, nobody sends until the pause is over.
    expect(between).toBeLessThanOrEqual(2 * 4);
  });

  test("a 503 pauses only its own worker (the control for the test above)", async () => {
    const { between } = await requestsBeforeRetry(faults.status(503));
    // The other workers carry on through the one worker's back-off (on an idle machine: the whole batch).
    expect(between).toBeGreaterThan(2 * 4);
  });

  test("invalid ids land in failed, in input order, without being sent", async () => {
    const valid = vendor.ids(3);
    const running = await vendor.start(valid);
    try {
      const resource = vendor.resource({ baseUrl: running.server.url, logLevel: "off" });
      const [a, b, c] = vendor.invalidIds.filter((id) => !isBlank(id));
      const input = [a, valid[0], b, valid[1], valid[2], c];
      const { deleted, failed } = await resource.deleteMany(input);
      expect(deleted.map((d) => d.id)).toEqual(valid);
      expect(failed.map((f) => f.id)).toEqual([a, b, c]);
      for (const { error } of failed) expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(running.server.requests.map(idOf).sort()).toEqual(valid.map(String).sort());
    } finally {
      await running.server.close();
    }
  });
  test("every distinct bad id is its own report, and none rejects the batch", async () => {
    const valid = vendor.ids(2);
    const running = await vendor.start(valid);
    try {
      const resource = vendor.resource({ baseUrl: running.server.url, logLevel: "off" });
      const circular: unknown[] = [];
      circular.push(circular);
      const bad = [10n, circular, null, undefined, Number.NaN, [null, 1], [undefined, 1], [Number.NaN, 1]];
      const { deleted, failed } = await resource.deleteMany([valid[0], ...bad, valid[1]]);
      expect(deleted.map((d) => d.id)).toEqual(valid);
      expect(failed.map((f) => f.id)).toEqual(bad);
      for (const { error } of failed) expect(error).toBeInstanceOf(InvalidArgumentError);
    } finally {
      await running.server.close();
    }
  });

  test("a string is refused as the id source before anything is sent", async () => {
    const running = await vendor.start(vendor.ids(1));
    try {
      const resource = vendor.resource({ baseUrl: running.server.url, logLevel: "off" });
      await expect(resource.deleteMany("abc" as never)).rejects.toThrow(InvalidArgumentError);
      await expect(resource.deleteMany(42 as never)).rejects.toThrow("iterable");
      expect(running.server.requests).toHaveLength(0);
    } finally {
      await running.server.close();
    }
  });

  test("reads an async iterable as it goes, skipping blank lines", async () => {
    const valid = vendor.ids(5);
    const running = await vendor.start(valid);
    try {
      const resource = vendor.resource({ baseUrl: running.server.url, logLevel: "off" });
      let read = 0;
      async function* lines() {
        for (const id of valid) {
          read++;
          yield id;
        }
        yield "";
        yield "   ";
      }
      const progress: (number | undefined)[] = [];
      const result = await resource.deleteMany(lines() as never, {
        concurrency: 2,
        onProgress: ({ total }) => void progress.push(total),
      });
      expect(read).toBe(valid.length);
      expect(result.deleted.map((d) => d.id)).toEqual(valid);
      expect(result.failed).toEqual([]);
      expect(result.aborted).toBe(false);
      expect(progress).toEqual(valid.map(() => undefined));
    } finally {
      await running.server.close();
    }
  });

  test("an abort stops reading the source and says so", async () => {
    const running = await vendor.start(vendor.ids(1));
    try {
      const resource = vendor.resource({ baseUrl: running.server.url, logLevel: "off" });
      const controller = new AbortController();
      let read = 0;
      let closed = false;
      const endless = {
        [Symbol.iterator]() {
          return {
            next: () => {
              read++;
              if (read === 50) controller.abort();
              return { done: false as const, value: vendor.ids(1, 1_000_000 + read)[0] };
            },
            return: () => {
              closed = true;
              return { done: true as const, value: undefined };
            },
          };
        },
      };
      const result = await resource.deleteMany(endless as never, { signal: controller.signal, concurrency: 4 });
      expect(result.aborted).toBe(true);
      expect(read).toBeLessThan(60);
      expect(closed).toBe(true);
      expect(result.deleted.length + result.failed.length).toBeLessThanOrEqual(read);
    } finally {
      await running.server.close();
    }
  });
});
