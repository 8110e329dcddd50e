import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, expect, it } from "vitest";
import { readJournal } from "../../src/cli/journal.js";

const journalModule = fileURLToPath(new URL("../../src/cli/journal.ts", import.meta.url));

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "journal-crash-"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

it("keeps every entry reported as recorded when the writer is killed with SIGKILL", async () => {
  const path = join(dir, "run.jsonl");
  // The writer announces an id on stdout only after `record` returned, i.e. after fsync.
  const writer = `
    import { openJournal } from ${JSON.stringify(journalModule)};
    const journal = openJournal(${JSON.stringify(path)});
    for (let i = 0; i < 100000; i++) {
      journal.record({ id: "tok_" + i, outcome: "confirmed" });
      process.stdout.write("tok_" + i + "\\n");
    }
  `;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", writer], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const reported: string[] = [];
  let buffered = "";
  const killed = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    reported.push(...lines);
    if (reported.length >= 20) child.kill("SIGKILL");
  });
  await killed;

  expect(reported.length).toBeGreaterThanOrEqual(20);
  const settled = readJournal(path);
  for (const id of reported) expect(settled.get(id)?.outcome).toBe("confirmed");
}, 30_000);
