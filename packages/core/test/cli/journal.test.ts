import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openJournal, readJournal } from "../../src/cli/journal.js";

const states = (path: string) => [...readJournal(path)].map(([key, entry]) => [key, entry.outcome]);

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
    expect(states(path)).toEqual([
      ["tok_1", "confirmed"],
      ["tok_2", "unknown"],
    ]);
  });

  it("treats a missing journal as a fresh run", () => {
    expect(readJournal(path).size).toBe(0);
  });

  it("keeps tuple ids apart from string ids, and `sending` marks an id whose outcome was never recorded", () => {
    const journal = openJournal(path);
    journal.record({ id: ["d1", "7"], outcome: "sending" });
    journal.record({ id: "d1,7", outcome: "confirmed" });
    journal.close();
    expect(states(path)).toEqual([
      ['["d1","7"]', "sending"],
      ["d1,7", "confirmed"],
    ]);
  });

  it("lets a resumed run's later entry win over the earlier one", () => {
    const first = openJournal(path);
    first.record({ id: "tok", outcome: "unknown" });
    first.close();
    const resumed = openJournal(path);
    resumed.record({ id: "tok", outcome: "confirmed" });
    resumed.close();

    expect(readJournal(path).get("tok")?.outcome).toBe("confirmed");
  });

  it("ignores a final line torn by a crash, so that id is sent again", () => {
    const journal = openJournal(path);
    journal.record({ id: "tok_1", outcome: "confirmed" });
    journal.close();
    appendFileSync(path, '{"id":"tok_2","outc');

    expect([...readJournal(path).keys()]).toEqual(["tok_1"]);
  });

  it("ignores lines that are not journal entries", () => {
    appendFileSync(path, '42\nnull\n{"id":"x","outcome":"revoked"}\n{"id":7,"outcome":"confirmed"}\n');
    expect(readJournal(path).size).toBe(0);
  });
});
