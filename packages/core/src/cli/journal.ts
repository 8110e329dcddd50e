/**
 * The incident journal (`--journal file`): one JSON line per event, appended and fsynced before
 * the CLI moves on, so a `kill -9` loses nothing the CLI has acted on. A `sending` line goes down
 * before each request and the outcome after it: an id whose last line is `sending` or `unknown`
 * may have been revoked, and a resumed run retries it, counting a 404 as confirmation.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from "node:fs";
import type { SettledOutcome } from "./exit-code.js";

export type JournalState = SettledOutcome | "sending";

export interface JournalEntry {
  /** The id as the operator wrote it (one string per path parameter for several). */
  readonly id: string | readonly string[];
  readonly outcome: JournalState;
}

/** A stable key for an id, the same for its string and its one-element form. */
export function journalKey(id: string | readonly string[]): string {
  return typeof id === "string" ? id : JSON.stringify(id);
}

/**
 * Reads a journal. The last entry for an id wins, so a resumed run that settles a previously
 * unknown id overrides the earlier line. A final line torn by a crash mid-write is ignored: its
 * event was not recorded, so the id is treated as never sent (or as still `sending`).
 */
export function readJournal(path: string): Map<string, JournalEntry> {
  const entries = new Map<string, JournalEntry>();
  if (!existsSync(path)) return entries;
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const entry = parseEntry(line);
    if (entry) entries.set(journalKey(entry.id), entry);
  }
  return entries;
}

export interface Journal {
  record(entry: JournalEntry): void;
  close(): void;
}

/** Opens a journal for appending; `record` returns once the line is on disk. */
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

const states: ReadonlySet<string> = new Set<JournalState>(["confirmed", "failed", "unknown", "sending"]);

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
  const validId = typeof id === "string" || (Array.isArray(id) && id.every((part) => typeof part === "string"));
  if (!validId || typeof outcome !== "string" || !states.has(outcome)) return undefined;
  return { id: id as string | string[], outcome: outcome as JournalState };
}
