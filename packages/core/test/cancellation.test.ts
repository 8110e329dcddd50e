import { describe, expect, test } from "vitest";
import { SharedCancellation } from "../src/cancellation.js";

describe("SharedCancellation", () => {
  test("many listeners on one caller signal, one listener on the signal itself, no warning", async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on("warning", onWarning);
    const controller = new AbortController();
    const shared = new SharedCancellation(controller.signal);
    let fired = 0;
    const stops = Array.from({ length: 50 }, () => shared.onAbort(() => fired++));
    stops[0]?.();
    controller.abort();
    await new Promise((resolve) => setImmediate(resolve));
    process.off("warning", onWarning);
    expect(fired).toBe(49);
    expect(shared.aborted).toBe(true);
    expect(warnings).toEqual([]);
    shared.onAbort(() => fired++);
    expect(fired).toBe(49);
  });

  test("dispose stops listening", () => {
    const controller = new AbortController();
    const shared = new SharedCancellation(controller.signal);
    let fired = 0;
    shared.onAbort(() => fired++);
    shared.dispose();
    controller.abort();
    expect(fired).toBe(0);
  });
});
