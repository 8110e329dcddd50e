import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from "node:fs";
import type { SettledOutcome } from "./exit-code.js";

export interface JournalEntry {
  id: string;
  outcome: SettledOutcome;
}

/**
 * Reads a journal written by {@link openJournal}. The last entry for an id wins, so a
 * resumed run that settles a previously unknown id overrides the earlier line. A
 * final line torn by a crash mid-write is ignored: its id was not recorded as
 * settled, so it is simply sent again.
 */
export function readJournal(path: string): Map<string, SettledOutcome> {
  const settled = new Map<string, SettledOutcome>();
  if (!existsSync(path)) return settled;
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const entry = parseEntry(line);
    if (entry) settled.set(entry.id, entry.outcome);
  }
  return settled;
}

/** Ids a resumed run must still send: everything not already confirmed. */
export function idsToSend(ids: readonly string[], settled: ReadonlyMap<string, SettledOutcome>): string[] {
  return ids.filter((id) => settled.get(id) !== "confirmed");
}

export interface Journal {
  record(entry: JournalEntry): void;
  close(): void;
}

/**
 * Opens a journal for appending. Each settled id is written as one JSON line and
 * fsynced before `record` returns, so a `kill -9` right after loses nothing that
 * was reported as settled.
 */
export function openJournal(path: string): Journal {
  const fd = openSync(path, "a");
  return {
    record(entry) {
      writeSync(fd, `${JSON.stringify({ id: entry.id, outcome: entry.outcome })}\n`);
      fsyncSync(fd);
    },
    close() {
      closeSync(fd);
    },
  };
}

const outcomes: ReadonlySet<string> = new Set<SettledOutcome>(["confirmed", "failed", "unknown"]);

function parseEntry(line: string): JournalEntry | undefined {
  if (line.trim() === "") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const { id, outcome } = value as Record<string, unknown>;
  if (typeof id !== "string" || typeof outcome !== "string" || !outcomes.has(outcome)) return undefined;
  return { id, outcome: outcome as SettledOutcome };
}
