import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collectIds } from "../../src/cli/id-sources.js";

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "id-sources-"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("collectIds", () => {
  it("merges arguments, file and stdin in that order without duplicates", async () => {
    const file = join(dir, "ids.txt");
    writeFileSync(file, "# from the ticket\nfile_1\narg_1\n\n");
    // A multi-byte id split across chunks must survive decoding.
    const euro = Buffer.from("tok_€\n");
    const stdin = Readable.from([euro.subarray(0, 5), euro.subarray(5), Buffer.from("# end\nfile_1\n")]);

    expect(await collectIds({ positional: ["arg_1", "arg_2"], file, stdin })).toEqual([
      "arg_1",
      "arg_2",
      "file_1",
      "tok_€",
    ]);
  });

  it("takes arguments verbatim, even ones that look like comments", async () => {
    expect(await collectIds({ positional: ["#weird"] })).toEqual(["#weird"]);
  });

  it("rejects when the file does not exist", async () => {
    await expect(collectIds({ positional: [], file: join(dir, "missing.txt") })).rejects.toThrow(/ENOENT/);
  });
});
