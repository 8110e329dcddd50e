import { describe, expect, it } from "vitest";
import { parseRunOptions, UsageError } from "../../src/cli/options.js";

describe("parseRunOptions", () => {
  it("reads ids and every flag", () => {
    expect(
      parseRunOptions([
        "tok_1",
        "--file",
        "ids.txt",
        "--journal=run.jsonl",
        "--missing-ok",
        "--dry-run",
        "--json",
        "--concurrency",
        "8",
        "tok_2",
      ]),
    ).toEqual({
      ids: ["tok_1", "tok_2"],
      file: "ids.txt",
      journal: "run.jsonl",
      missingOk: true,
      dryRun: true,
      json: true,
      concurrency: 8,
      help: false,
    });
  });

  it("has safe defaults", () => {
    expect(parseRunOptions([])).toEqual({
      ids: [],
      missingOk: false,
      dryRun: false,
      json: false,
      concurrency: 4,
      help: false,
    });
  });

  it("treats everything after -- as ids", () => {
    expect(parseRunOptions(["--", "--json"]).ids).toEqual(["--json"]);
  });

  it.each([["0"], ["-1"], ["2.5"], ["lots"], [""]])("refuses --concurrency %j", (value) => {
    expect(() => parseRunOptions(["--concurrency", value])).toThrow(UsageError);
  });

  it("refuses unknown flags, including any attempt to pass a credential", () => {
    for (const argv of [["--token", "sk_live_1"], ["--api-key=sk_live_1"]]) {
      expect(() => parseRunOptions(argv)).toThrow(UsageError);
      // The refusal is printed to the terminal, so it must not echo the value.
      expect(() => parseRunOptions(argv)).not.toThrow(/sk_live_1/);
    }
  });
});
