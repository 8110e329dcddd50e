/**
 * The caller's logger is never allowed to change a call's outcome or the process's fate: an `async`
 * logger whose promise rejects causes no unhandled rejection, and a logger with only some of the
 * four methods is accepted (the levels it lacks are dropped).
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { leveledLogger } from "../src/logger.js";
import { type ScriptedServer, startScriptedServer } from "../src/testing/index.js";
import { Things, TOKEN } from "./fixtures.js";

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer(() => ({ status: 200, body: { message: "deleted" } }));
});
afterAll(() => server.close());

/** Runs `body`, then lets pending rejections surface, and returns those nobody handled. */
async function unhandledDuring(body: () => Promise<unknown>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const onRejection = (reason: unknown) => seen.push(reason);
  process.on("unhandledRejection", onRejection);
  try {
    await body();
    // An unhandled rejection is reported after the microtask queue drains.
    for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off("unhandledRejection", onRejection);
  }
  return seen;
}

it("an async logger whose promise rejects leaves no unhandled rejection", async () => {
  const calls: string[] = [];
  const down = async (message: string) => {
    calls.push(message);
    throw new Error("log transport is down");
  };
  const logger = { error: down, warn: down, info: down, debug: down };
  const unhandled = await unhandledDuring(async () => {
    const result = await new Things({ baseUrl: server.url, token: TOKEN, logLevel: "debug", logger }).things.delete(
      "a",
    );
    expect(result.message).toBe("deleted");
  });
  expect(calls.length).toBeGreaterThan(0);
  expect(unhandled).toEqual([]);
});

it("a logger with only some methods is accepted, and gets the lines of the levels it has", async () => {
  const lines: string[] = [];
  const logger = { info: (message: string) => lines.push(message) };
  const client = new Things({ baseUrl: server.url, token: TOKEN, logLevel: "debug", logger });
  await client.things.delete("a");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^DELETE \/things\/\{id\} → 200 in \d+ ms$/);
});

it("a level whose method is missing reports itself disabled, so nothing is built for it", () => {
  const logger = leveledLogger("debug", { warn: () => {} });
  expect([logger.isEnabled("warn"), logger.isEnabled("info"), logger.isEnabled("debug")]).toEqual([true, false, false]);
  expect(() => logger.debug("dropped")).not.toThrow();
});
