/** Every suite fails on a promise rejection nobody handled, not only when vitest happens to notice it. */
import { afterEach, expect } from "vitest";

const unhandled: unknown[] = [];
process.on("unhandledRejection", (reason) => {
  unhandled.push(reason);
});

afterEach(async () => {
  // Rejections are reported after the microtask queue drains: give them a turn to surface.
  await new Promise((resolve) => setImmediate(resolve));
  expect(unhandled.splice(0), "unhandled promise rejections").toEqual([]);
});
