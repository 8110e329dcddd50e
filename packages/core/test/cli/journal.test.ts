import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { idsToSend, openJournal, readJournal } from "../../src/cli/journal.js";

let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "journal-"));
  path = join(dir, "run.jsonl");
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("journal", () => {
  it("reads back what was recorded, one line per settled id", () => {
    const journal = openJournal(path);
    journal.record({ id: "tok_1", outcome: "confirmed" });
    journal.record({ id: "tok_2", outcome: "unknown" });
    journal.close();

    expect(readFileSync(path, "utf8").trim().split("\n")).toHaveLength(2);
    expect([...readJournal(path)]).toEqual([
      ["tok_1", "confirmed"],
      ["tok_2", "unknown"],
    ]);
  });

  it("treats a missing journal as a fresh run", () => {
    expect(readJournal(path).size).toBe(0);
    expect(idsToSend(["a", "b"], readJournal(path))).toEqual(["a", "b"]);
  });

  it("never resends a confirmed id and resends unknown, failed and unrecorded ones", () => {
    const journal = openJournal(path);
    journal.record({ id: "done", outcome: "confirmed" });
    journal.record({ id: "maybe", outcome: "unknown" });
    journal.record({ id: "live", outcome: "failed" });
    journal.close();

    expect(idsToSend(["done", "maybe", "live", "new"], readJournal(path))).toEqual(["maybe", "live", "new"]);
  });

  it("lets a resumed run's later entry win over the earlier one", () => {
    const first = openJournal(path);
    first.record({ id: "tok", outcome: "unknown" });
    first.close();
    const resumed = openJournal(path);
    resumed.record({ id: "tok", outcome: "confirmed" });
    resumed.close();

    expect(readJournal(path).get("tok")).toBe("confirmed");
    expect(idsToSend(["tok"], readJournal(path))).toEqual([]);
  });

  it("ignores a final line torn by a crash, so that id is sent again", () => {
    const journal = openJournal(path);
    journal.record({ id: "tok_1", outcome: "confirmed" });
    journal.close();
    appendFileSync(path, '{"id":"tok_2","outc');

    expect([...readJournal(path).keys()]).toEqual(["tok_1"]);
    expect(idsToSend(["tok_1", "tok_2"], readJournal(path))).toEqual(["tok_2"]);
  });

  it("ignores lines that are not journal entries", () => {
    appendFileSync(path, '42\nnull\n{"id":"x","outcome":"revoked"}\n{"id":7,"outcome":"confirmed"}\n');
    expect(readJournal(path).size).toBe(0);
  });
});
