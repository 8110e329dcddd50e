/**
 * A 429 pauses through a pacer. A single call creates its own pacer only when that happens, and
 * must still wait out the server's delay before its retry, and still stop at once on abort.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { APIUserAbortError } from "../src/index.js";
import { startLoopbackServer, Things, TOKEN } from "./fixtures.js";

let server: Awaited<ReturnType<typeof startLoopbackServer>>;
let baseUrl: string;
let arrivals: number[] = [];
/** Statuses to answer with, in order; 200 once they run out. */
let script: number[] = [];

beforeAll(async () => {
  server = await startLoopbackServer((request, response) => {
    request.resume();
    arrivals.push(performance.now());
    const status = script.shift() ?? 200;
    const body = JSON.stringify(status === 200 ? { message: "Thing deleted" } : { message: "Slow down" });
    const answer = () => {
      response.writeHead(status, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
        ...(status === 429 ? { "retry-after-ms": "120" } : {}),
      });
      response.end(body);
    };
    // Successes take 30 ms, so a 429 sent at the same time is always seen by the client first.
    if (status === 200) setTimeout(answer, 30);
    else answer();
  });
  baseUrl = server.url;
});

afterAll(() => server.close());

beforeEach(() => {
  arrivals = [];
  script = [];
});

describe("a 429 on a single call", () => {
  it("waits the server's delay, then retries and succeeds", async () => {
    script = [429];
    const things = new Things({ token: TOKEN, baseUrl });
    await expect(things.things.delete("busy")).resolves.toMatchObject({ message: "Thing deleted" });
    expect(arrivals).toHaveLength(2);
    expect((arrivals[1] ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThanOrEqual(110);
  });

  it("stops waiting as soon as the caller aborts", async () => {
    script = [429];
    const things = new Things({ token: TOKEN, baseUrl });
    const controller = new AbortController();
    const pending = things.things.delete("busy", { signal: controller.signal });
    while (arrivals.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError);
    expect(arrivals).toHaveLength(1);
  });

  it("makes deleteMany's workers share the pause", async () => {
    script = [429];
    const things = new Things({ token: TOKEN, baseUrl });
    const started = performance.now();
    const result = await things.things.deleteMany(["a", "b", "c", "d"], { concurrency: 2 });
    expect(result.failed).toEqual([]);
    expect(result.deleted).toHaveLength(4);
    // a and b went out together; a's 429 paused both workers, so the retry of a, c and d all waited.
    expect(arrivals).toHaveLength(5);
    expect(arrivals.filter((at) => at - started >= 110)).toHaveLength(3);
  });
});
