/**
 * Timeouts bound the whole attempt (body included), `signal` ends a call at once and for good,
 * and nothing a call starts (timer, socket) outlives it — checked in-process and by a child
 * process that must exit by itself right after its one call.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { APIConnectionTimeoutError, APIUserAbortError } from "@sdkforge/core";
import { faults } from "@sdkforge/core/testing";
import { describe, expect, test } from "vitest";
import { expectNoLeakedHandles, settle, watchedHandles } from "./harness.js";
import { VENDORS, type VendorServer, type VendorUnderTest } from "./vendors.js";

const ONE_CALL = fileURLToPath(new URL("./fixtures/one-call.mjs", import.meta.url));

/** Starts a server holding one token, runs `body`, closes the server, and checks for leaked handles. */
async function withServer(vendor: VendorUnderTest, body: (running: VendorServer, id: unknown) => Promise<void>) {
  const baseline = watchedHandles();
  const [id] = vendor.ids(1);
  const running = await vendor.start([id]);
  try {
    await body(running, id);
  } finally {
    await running.server.close();
  }
  await expectNoLeakedHandles(baseline);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(VENDORS)("$name", (vendor) => {
  const client = (running: VendorServer, options: { timeout?: number; maxRetries?: number } = {}) =>
    vendor.resource({ baseUrl: running.server.url, logLevel: "off", ...options });

  test("the timeout covers the body: a body that trickles in forever times out", async () => {
    await withServer(vendor, async (running, id) => {
      running.server.injectFault(faults.trickleBody(20));
      const outcome = await settle(() => client(running, { timeout: 300, maxRetries: 0 }).delete(id));
      expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(APIConnectionTimeoutError);
      expect(outcome.ms).toBeGreaterThanOrEqual(290);
      // The trickle would go on for 20 s (a million bytes, one per 20 ms): the timeout cut it.
      expect(outcome.ms).toBeLessThan(3_000);
    });
  });

  test("a per-request timeout overrides the client's", async () => {
    await withServer(vendor, async (running, id) => {
      running.server.injectFault(faults.stallHeaders({ applies: false }));
      const resource = client(running, { timeout: 60_000, maxRetries: 0 });
      const outcome = await settle(() => resource.delete(id, { timeout: 200 }));
      expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(APIConnectionTimeoutError);
      expect(outcome.ms).toBeLessThan(3_000);
    });
  });

  test("abort while waiting for headers rejects at once, and no retry follows", async () => {
    await withServer(vendor, async (running, id) => {
      running.server.setFaultPolicy(() => faults.stallHeaders({ applies: false }));
      const controller = new AbortController();
      const pending = settle(() => client(running).delete(id, { signal: controller.signal }));
      await sleep(100);
      const abortedAt = performance.now();
      controller.abort();
      const outcome = await pending;
      expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(APIUserAbortError);
      // Bounds here only separate "at once" from "after a wait" (the stall never ends) with room for a busy machine.
      expect(performance.now() - abortedAt).toBeLessThan(1_000);
      // Longer than the first back-off: a retry, had one been scheduled, would have arrived.
      await sleep(700);
      expect(running.server.requests).toHaveLength(1);
    });
  });

  test.each([
    // The SDK's own back-off (about 0.5 s) after a retryable status.
    { wait: "the back-off after a 503", fault: () => faults.status(503) },
    // A server-requested pause of 30 s, far longer than the test.
    { wait: "a server-requested 429 pause", fault: () => faults.rateLimitSeconds(30) },
  ])("abort during $wait rejects at once, and no retry follows", async ({ fault }) => {
    await withServer(vendor, async (running, id) => {
      running.server.injectFault(fault());
      const controller = new AbortController();
      const pending = settle(() => client(running).delete(id, { signal: controller.signal }));
      await sleep(150);
      controller.abort();
      const outcome = await pending;
      expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(APIUserAbortError);
      expect(outcome.ms).toBeLessThan(3_000);
      // Long enough for a retry that should not exist to arrive.
      await sleep(600);
      expect(running.server.requests).toHaveLength(1);
      expect(running.liveIds.has(id)).toBe(true);
    });
  });

  test("an already-aborted signal sends nothing", async () => {
    await withServer(vendor, async (running, id) => {
      const outcome = await settle(() => client(running).delete(id, { signal: AbortSignal.abort() }));
      expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(APIUserAbortError);
      expect(running.server.requests).toHaveLength(0);
    });
  });

  test("deleteMany stops sending once aborted, fails what was in flight and reads no further", async () => {
    const ids = vendor.ids(40);
    const baseline = watchedHandles();
    const running = await vendor.start(ids);
    try {
      running.server.setFaultPolicy(() => faults.stallHeaders({ applies: false }));
      const controller = new AbortController();
      const pending = client(running).deleteMany(ids, { signal: controller.signal, concurrency: 4 });
      // Abort once all four workers have a request stalled on the server (bounded: 10 s on a loaded machine).
      for (let waited = 0; running.server.requests.length < 4 && waited < 10_000; waited += 10) await sleep(10);
      controller.abort();
      const { deleted, failed, aborted } = await pending;
      expect(aborted).toBe(true);
      expect(deleted).toEqual([]);
      // The four in flight fail with the abort; the ids after them are never read from the source.
      expect(failed.map((failure) => failure.id)).toEqual(ids.slice(0, 4));
      for (const { error } of failed) expect(error).toBeInstanceOf(APIUserAbortError);
      expect(running.server.requests).toHaveLength(4);
    } finally {
      await running.server.close();
    }
    await expectNoLeakedHandles(baseline);
  });

  /** Runs one call in a fresh Node process; returns how it settled and how long the process lived on after. */
  async function oneCallInChild(args: { baseUrl: string; id: unknown; timeout: number; abortAfter?: number }) {
    const child = spawn(
      process.execPath,
      [
        ONE_CALL,
        vendor.packageName,
        args.baseUrl,
        JSON.stringify(args.id),
        String(args.timeout),
        "0",
        String(args.abortAfter ?? -1),
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    let settledAt = Number.NaN;
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk;
      if (stdout.includes("\n") && Number.isNaN(settledAt)) settledAt = performance.now();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk;
    });
    // The child must exit on its own; this bound only stops a hung child from outliving the suite.
    const guard = setTimeout(() => child.kill("SIGKILL"), 15_000);
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    clearTimeout(guard);
    const exitedAt = performance.now();
    expect(stderr).toBe("");
    expect(code).toBe(0);
    return { report: JSON.parse(stdout) as { settled: string; error?: string }, lingerMs: exitedAt - settledAt };
  }

  test("a process that makes one call exits promptly, whatever the call ran into", async () => {
    const ids = vendor.ids(3);
    const running = await vendor.start(ids);
    try {
      const ok = await oneCallInChild({ baseUrl: running.server.url, id: ids[0], timeout: 60_000 });
      expect(ok.report.settled).toBe("resolved");

      // Policies, not queued faults: on a busy machine the abort may come before the request is sent,
      // and a fault left queued would then hit the next child instead.
      running.server.setFaultPolicy(() => faults.stallHeaders({ applies: false }));
      const timedOut = await oneCallInChild({ baseUrl: running.server.url, id: ids[1], timeout: 300 });
      expect(timedOut.report).toEqual({ settled: "rejected", error: "APIConnectionTimeoutError" });

      const aborted = await oneCallInChild({
        baseUrl: running.server.url,
        id: ids[2],
        timeout: 60_000,
        abortAfter: 200,
      });
      expect(aborted.report).toEqual({ settled: "rejected", error: "APIUserAbortError" });

      running.server.setFaultPolicy(() => faults.dropConnection({ applies: false }));
      const dropped = await oneCallInChild({ baseUrl: running.server.url, id: ids[2], timeout: 60_000 });
      expect(dropped.report).toEqual({ settled: "rejected", error: "APIConnectionError" });
      running.server.clearFaults();

      // A leaked attempt timer would hold the process for the 60 s timeout (the guard kills it at 15 s).
      // Node's own exit after a fetch takes tens of ms, several hundred on a loaded machine.
      for (const { lingerMs } of [ok, timedOut, aborted, dropped]) expect(lingerMs).toBeLessThan(5_000);
      console.info(
        `${vendor.name}: child exited ${[ok, timedOut, aborted, dropped].map((r) => Math.round(r.lingerMs)).join("/")} ms ` +
          "after success/timeout/abort/drop",
      );
    } finally {
      await running.server.close();
    }
  });
});
