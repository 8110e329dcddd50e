import { describe, expect, it } from "vitest";
import { exitCodeFor, exitCodes } from "../../src/cli/exit-code.js";

describe("exitCodeFor", () => {
  it("is 0 only when every id is confirmed", () => {
    expect(exitCodeFor(["confirmed", "confirmed"])).toBe(0);
    expect(exitCodeFor([])).toBe(exitCodes.allConfirmed);
  });

  it("is 1 when some failed and none is unknown", () => {
    expect(exitCodeFor(["confirmed", "failed"])).toBe(1);
  });

  it("is 3 when any is unknown, even alongside failures", () => {
    expect(exitCodeFor(["failed", "unknown", "confirmed"])).toBe(3);
    expect(exitCodeFor(["unknown", "failed"])).toBe(3);
  });

  it("keeps 2 for bad usage", () => {
    expect(exitCodes.badUsage).toBe(2);
  });
});
