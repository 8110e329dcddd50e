import { describe, expect, it } from "vitest";
import { idFromLine } from "../../src/cli/id-list.js";

const parseIdList = (text: string) => text.split("\n").flatMap((line) => idFromLine(line) ?? []);

describe("parseIdList", () => {
  it("skips blank lines and # comments, and trims CRLF and spaces", () => {
    const text = "# leaked in INC-42\r\ntok_1\r\n\r\n   \n  tok_2  \n\t# second batch\ntok_3";
    expect(parseIdList(text)).toEqual(["tok_1", "tok_2", "tok_3"]);
  });

  it("keeps a # that is inside an id rather than treating it as a comment", () => {
    expect(parseIdList("tok#1\n")).toEqual(["tok#1"]);
  });

  it("returns nothing for an empty or comment-only input", () => {
    expect(parseIdList("")).toEqual([]);
    expect(parseIdList("# nothing here\n\n")).toEqual([]);
  });
});
