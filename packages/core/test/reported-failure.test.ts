import { describe, expect, test } from "vitest";
import { reportedFailure } from "../src/reported-failure.js";

describe("reportedFailure", () => {
  test("success: false is a failure whatever the marker says", () => {
    expect(reportedFailure({ success: false, error: "locked" }, undefined)).toBe("success: false");
    expect(reportedFailure({ success: false }, { status: "error" })).toBe("success: false");
  });

  test("the operation's marker is a failure", () => {
    expect(reportedFailure({ status: "error", message: "maintenance" }, { status: "error" })).toBe('status: "error"');
    expect(reportedFailure({ code: 0, ok: false }, { ok: false })).toBe("ok: false");
  });

  test.each([
    [{ status: "success", message: "deleted" }],
    [{ success: true, data: {} }],
    [{ status: "ERROR" }],
    [["status", "error"]],
    ["status: error"],
    [undefined],
    [null],
  ])("%j is not a failure", (body) => {
    expect(reportedFailure(body, { status: "error" })).toBeUndefined();
  });

  test("an inherited property does not match", () => {
    const body = Object.create({ status: "error" }) as object;
    expect(reportedFailure(body, { status: "error" })).toBeUndefined();
  });
});
