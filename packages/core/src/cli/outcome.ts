/** How the CLI reads one id's settled outcome: confirmed, failed or unknown, and its output line. */
import type { DeleteManyOutcome } from "../bulk.js";
import type { SettledOutcome } from "./exit-code.js";

/** One id's line of `--json` output (and what the human-readable line is made from). */
export interface OutcomeLine {
  readonly id: string | readonly string[];
  readonly outcome: SettledOutcome;
  readonly alreadyGone: boolean;
  readonly confirmedByRetry: boolean;
  /** The vendor's message (its confirmation or its error text), masked like every SDK error. */
  readonly message: string;
  /** The error's class name (`NotFoundError`, `APIConnectionError`…), or `null` when confirmed. */
  readonly error: string | null;
  readonly status: number | null;
  readonly stage: string | null;
  readonly outcomeUnknown: boolean;
  /** The outcome comes from the journal of an earlier run; nothing was sent this time. */
  readonly fromJournal: boolean;
}

interface ErrorFields {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly status?: unknown;
  readonly stage?: unknown;
  readonly outcomeUnknown?: unknown;
}

export function outcomeLine(id: string | readonly string[], outcome: DeleteManyOutcome): OutcomeLine {
  if (!("error" in outcome)) {
    return {
      id,
      outcome: "confirmed",
      alreadyGone: outcome.alreadyGone,
      confirmedByRetry: outcome.confirmedByRetry,
      message: outcome.message,
      error: null,
      status: null,
      stage: null,
      outcomeUnknown: false,
      fromJournal: false,
    };
  }
  const error = outcome.error as Error & ErrorFields;
  const unknown = error.outcomeUnknown === true;
  return {
    id,
    outcome: unknown ? "unknown" : "failed",
    alreadyGone: false,
    confirmedByRetry: false,
    message: typeof error.message === "string" ? error.message : "",
    error: typeof error.name === "string" ? error.name : "Error",
    status: typeof error.status === "number" ? error.status : null,
    stage: typeof error.stage === "string" ? error.stage : null,
    outcomeUnknown: unknown,
    fromJournal: false,
  };
}

export function journalLine(id: string | readonly string[], outcome: SettledOutcome): OutcomeLine {
  return {
    id,
    outcome,
    alreadyGone: false,
    confirmedByRetry: false,
    message: "",
    error: null,
    status: null,
    stage: null,
    outcomeUnknown: false,
    fromJournal: true,
  };
}

const shownId = (id: string | readonly string[]) => (typeof id === "string" ? id : id.join(","));

/** The line an operator reads: outcome first, so a column of them scans at a glance. */
export function humanLine(line: OutcomeLine): string {
  const id = shownId(line.id);
  if (line.fromJournal) return `${line.outcome.padEnd(9)}  ${id}  (recorded in the journal; not sent again)`;
  if (line.outcome === "confirmed") {
    const notes = [line.alreadyGone ? "already gone" : "", line.confirmedByRetry ? "confirmed by retry" : ""].filter(
      Boolean,
    );
    const note = notes.length > 0 ? ` (${notes.join(", ")})` : "";
    return `confirmed  ${id}  ${line.message}${note}`.trimEnd();
  }
  return `${line.outcome.padEnd(9)}  ${id}  ${line.error}: ${line.message}`;
}
