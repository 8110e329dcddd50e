/**
 * `runCli`: the incident-revocation command line every vendor package ships as its bin. It parses
 * the command, gathers credentials (env or hidden prompt), streams the ids through the client's
 * own bulk helper, and reports each id as it settles: on stdout (lines or `--json`), in the
 * journal, and on a progress bar when stderr is a terminal.
 */
import { accessSync, constants } from "node:fs";
import { resolveCredentials } from "../auth.js";
import type { DeleteManyOptions, DeleteManyOutcome } from "../bulk.js";
import { maskSecrets, redactHeaders, secretList } from "../secrets.js";
import type { ApiSpec } from "../spec.js";
import { type Command, listCommands } from "./commands.js";
import {
  type CredentialOption,
  credentialAlternatives,
  credentialsFromEnv,
  placeholderCredentials,
  promptCredentials,
} from "./credentials.js";
import { exitCodeFor, exitCodes, type SettledOutcome } from "./exit-code.js";
import { commandHelp, programHelp } from "./help.js";
import { type CliId, parseId, readIds } from "./ids.js";
import { type Journal, type JournalEntry, journalKey, openJournal, readJournal } from "./journal.js";
import { parseRunOptions, type RunOptions, UsageError } from "./options.js";
import { humanLine, journalLine, type OutcomeLine, outcomeLine } from "./outcome.js";
import type { CliProgram } from "./program.js";
import { type Progress, startProgress } from "./progress.js";
import type { TerminalInput } from "./prompt.js";

/** A writable stream that may be a terminal (`process.stdout` is one). */
export type TerminalOutput = NodeJS.WritableStream & { isTTY?: boolean | undefined };

/** Where the CLI reads and writes; the bin passes the process's own. */
export interface CliIO {
  /** The arguments after the bin's name. */
  readonly argv: readonly string[];
  /** Where credentials are read from (the process's env for the bin). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Ids when piped; the prompt's keyboard when a terminal. */
  readonly stdin: TerminalInput;
  /** One line per id. */
  readonly stdout: TerminalOutput;
  /** The summary, the prompt, and the progress bar when a terminal. */
  readonly stderr: TerminalOutput;
  /** Aborts the run (the bin wires it to SIGINT and SIGTERM): in-flight deletes end as unknown. */
  readonly signal?: AbortSignal | undefined;
}

export function processIO(): CliIO {
  return {
    argv: process.argv.slice(2),
    env: process.env,
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
  };
}

type BulkHelper = (ids: AsyncIterable<unknown>, options: DeleteManyOptions & { query?: object }) => Promise<unknown>;

/** Runs one command line; resolves with the exit code. */
export async function runCli(program: CliProgram, io: CliIO = processIO()): Promise<number> {
  const commands = listCommands(program);
  const [first, second, ...rest] = io.argv;
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    io.stdout.write(programHelp(program, commands));
    return first === undefined ? exitCodes.badUsage : exitCodes.allConfirmed;
  }
  if (first === "--version") {
    io.stdout.write(`${program.version}\n`);
    return exitCodes.allConfirmed;
  }
  const command = commands.find((candidate) => candidate.words[0] === first && candidate.words[1] === second);
  if (!command) {
    const actions = commands.filter((candidate) => candidate.words[0] === first).map((c) => c.words[1]);
    const hint =
      actions.length > 0
        ? `\`${first}\` has: ${actions.join(", ")}.`
        : `Commands: ${commands.map((c) => c.words.join(" ")).join("; ")}.`;
    io.stderr.write(`${program.bin}: unknown command. ${hint} See --help.\n`);
    return exitCodes.badUsage;
  }
  try {
    const options = parseRunOptions(rest, command);
    if (options.help) {
      io.stdout.write(commandHelp(program, command));
      return exitCodes.allConfirmed;
    }
    return await runCommand(program, command, options, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${program.bin} ${command.words.join(" ")}: ${error.message}\n`);
      return exitCodes.badUsage;
    }
    throw error;
  }
}

/** Ids come from stdin when it is piped and no other source was named, or when `-` is among the ids. */
function readsStdin(options: RunOptions, io: CliIO): boolean {
  if (options.ids.includes("-")) return true;
  return options.ids.length === 0 && options.file === undefined && io.stdin.isTTY !== true;
}

async function credentialsFor(
  alternatives: CredentialOption[][],
  options: RunOptions,
  io: CliIO,
  stdinHoldsIds: boolean,
): Promise<Record<string, string>> {
  const fromEnv = credentialsFromEnv(alternatives, io.env);
  if (fromEnv) return fromEnv;
  if (options.dryRun) return placeholderCredentials(alternatives);
  const names = alternatives.map((option) => option.map(({ env }) => env).join(" + ")).join(" or ");
  if (io.stdin.isTTY === true && !stdinHoldsIds) {
    const typed = await promptCredentials(alternatives, { input: io.stdin, output: io.stderr });
    if (typed) return typed;
  }
  throw new UsageError(`No credential: set ${names}. Credentials are never taken from arguments.`);
}

function createClient(
  program: CliProgram,
  options: RunOptions,
  credentials: Record<string, string>,
  extra: object,
): Record<string, unknown> {
  const Client = program.Client as unknown as new (options: object) => Record<string, unknown>;
  try {
    return new Client({
      ...credentials,
      ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
      ...(options.region === undefined ? {} : { region: options.region }),
      ...extra,
    });
  } catch (error) {
    // Bad configuration (a short credential, an unknown region, a base URL that is not one) is usage.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function bulkHelper(client: Record<string, unknown>, command: Command): BulkHelper {
  const resource = client[command.resource] as Record<string, unknown> | undefined;
  const helper = resource?.[command.bulk];
  if (typeof helper !== "function") throw new Error(`The client has no ${command.resource}.${command.bulk}.`);
  return helper as BulkHelper;
}

async function runCommand(program: CliProgram, command: Command, options: RunOptions, io: CliIO): Promise<number> {
  const stdinHoldsIds = readsStdin(options, io);
  const allByFlag = command.pathFlags.every(({ param }) => options.pathValues[param.name] !== undefined);
  if (options.ids.length === 0 && options.file === undefined && !stdinHoldsIds && !allByFlag) {
    throw new UsageError("No ids: give them as arguments, with --file, or on standard input.");
  }
  if (options.file !== undefined) {
    try {
      accessSync(options.file, constants.R_OK);
    } catch {
      throw new UsageError(`Cannot read the ids file ${JSON.stringify(options.file)}.`);
    }
  }
  const alternatives = credentialAlternatives(program.spec, command.operation);
  const credentials = await credentialsFor(alternatives, options, io, stdinHoldsIds);
  const input = { args: options.ids, file: options.file, stdin: stdinHoldsIds ? io.stdin : undefined };
  const ids = readIds(command, options.pathValues, input);
  if (options.dryRun) return dryRun(program, command, options, credentials, ids, io);
  return revoke(program, command, options, credentials, ids, io);
}

function write(io: CliIO, progress: Progress | undefined, line: string): void {
  if (progress && io.stdout.isTTY === true) progress.log(line);
  else io.stdout.write(`${line}\n`);
}

async function revoke(
  program: CliProgram,
  command: Command,
  options: RunOptions,
  credentials: Record<string, string>,
  ids: AsyncIterable<CliId>,
  io: CliIO,
): Promise<number> {
  const client = createClient(program, options, credentials, {});
  const helper = bulkHelper(client, command);
  const recorded = options.journal === undefined ? new Map<string, JournalEntry>() : readJournal(options.journal);
  const journal: Journal | undefined = options.journal === undefined ? undefined : openJournal(options.journal);
  // An id a crashed or interrupted run may have revoked is retried first, and a 404 then confirms it.
  const retried = [...recorded.values()].filter((entry) => entry.outcome === "unknown" || entry.outcome === "sending");
  // Ids given only as arguments are counted up front; a file or a pipe is counted as it is read.
  const counted = options.file === undefined && !options.ids.includes("-") && options.ids.length > 0;
  const expected = counted ? new Set(options.ids).size + retried.length : 0;
  const progress =
    io.stderr.isTTY === true && !options.json
      ? startProgress(io.stderr, `${program.bin} ${command.words.join(" ")}`, expected)
      : undefined;
  const outcomes: SettledOutcome[] = [];
  const report = (line: OutcomeLine) => {
    outcomes.push(line.outcome);
    progress?.settled();
    write(io, progress, options.json ? JSON.stringify(line) : humanLine(line));
  };
  const signal = io.signal;
  try {
    if (retried.length > 0) {
      const again = (async function* () {
        for (const entry of retried) yield entry.id;
      })();
      await send(helper, reparse(command, again), { ...options, missingOk: true }, journal, progress, report, signal);
    }
    const skipped = new Set<string>();
    const fresh = async function* (): AsyncGenerator<CliId> {
      const seen = new Set<string>();
      for await (const id of ids) {
        const key = journalKey(id.shown);
        if (seen.has(key)) continue;
        seen.add(key);
        const entry = recorded.get(key);
        const resend = entry === undefined || (entry.outcome === "failed" && options.retryFailed);
        if (resend) {
          yield id;
        } else if (entry && (entry.outcome === "confirmed" || entry.outcome === "failed") && !skipped.has(key)) {
          skipped.add(key);
          progress?.read();
          report(journalLine(entry.id, entry.outcome));
        }
      }
    };
    await send(helper, fresh(), options, journal, progress, report, signal);
  } finally {
    progress?.stop();
    journal?.close();
  }
  const code = exitCodeFor(outcomes);
  const count = (outcome: SettledOutcome) => outcomes.filter((o) => o === outcome).length;
  const summary = `${count("confirmed")} confirmed, ${count("failed")} failed, ${count("unknown")} unknown`;
  const advice =
    count("unknown") === 0
      ? ""
      : options.journal === undefined
        ? " Unknown ones may or may not be revoked: run them again with --missing-ok (a 404 then confirms)."
        : ` Run the same command with --journal ${options.journal} to retry the unknown ones.`;
  io.stderr.write(`${program.bin} ${command.words.join(" ")}: ${summary}.${advice}\n`);
  return code;
}

/** Journal ids back to CLI ids, typed as a fresh line would be. */
async function* reparse(command: Command, ids: AsyncIterable<string | readonly string[]>): AsyncGenerator<CliId> {
  // The journal holds every path value of the id, so no flag of this run fills any of them in.
  for await (const id of ids) yield parseId(command, {}, typeof id === "string" ? id : id.join(","));
}

interface BatchHooks {
  readonly concurrency: number;
  readonly missingOk: boolean;
  readonly signal?: AbortSignal | undefined;
  /** Right before the id is handed to the helper, which then sends it. */
  beforeSend(id: CliId): void;
  /** The id's outcome, with the operator's spelling of the id. */
  settled(shown: string | readonly string[], outcome: DeleteManyOutcome): void;
}

/** Streams `ids` through the client's bulk helper, holding no results, and reports each as it settles. */
async function runBatch(helper: BulkHelper, ids: AsyncIterable<CliId>, options: RunOptions, hooks: BatchHooks) {
  // The helper hands back the value it was given; this finds the operator's spelling of it again.
  const shownOf = new Map<unknown, string | readonly string[]>();
  const values = async function* () {
    for await (const id of ids) {
      if (hooks.signal?.aborted) return;
      shownOf.set(id.value, id.shown);
      hooks.beforeSend(id);
      yield id.value;
    }
  };
  await helper(values(), {
    concurrency: hooks.concurrency,
    missingOk: hooks.missingOk,
    // Each outcome is printed (and journaled) as it settles; an incident of a million ids holds none.
    keepResults: false,
    onSettled(outcome) {
      const shown = shownOf.get(outcome.id) ?? String(outcome.id);
      shownOf.delete(outcome.id);
      hooks.settled(shown, outcome);
    },
    ...(Object.keys(options.query).length > 0 ? { query: options.query } : {}),
    ...(hooks.signal === undefined ? {} : { signal: hooks.signal }),
  });
}

function send(
  helper: BulkHelper,
  ids: AsyncIterable<CliId>,
  options: RunOptions,
  journal: Journal | undefined,
  progress: Progress | undefined,
  report: (line: OutcomeLine) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  return runBatch(helper, ids, options, {
    concurrency: options.concurrency,
    missingOk: options.missingOk,
    signal,
    beforeSend(id) {
      journal?.record({ id: id.shown, outcome: "sending" });
      progress?.read();
    },
    settled(shown, outcome) {
      const line = outcomeLine(shown, outcome);
      // A delete the abort kept from being sent stays `sending` in the journal, so a resume sends it.
      const notSent = line.outcome !== "confirmed" && line.stage === "not-sent" && line.error === "APIUserAbortError";
      if (!notSent) journal?.record({ id: shown, outcome: line.outcome });
      report(notSent ? { ...line, outcome: "unknown" } : line);
    },
  });
}

/** What `--dry-run` prints: the request the client builds, stopped before it leaves the process. */
class DryRunStop extends Error {}

async function dryRun(
  program: CliProgram,
  command: Command,
  options: RunOptions,
  credentials: Record<string, string>,
  ids: AsyncIterable<CliId>,
  io: CliIO,
): Promise<number> {
  let captured: Request | undefined;
  const capture = async (input: Request | URL | string, init?: RequestInit): Promise<Response> => {
    captured = input instanceof Request ? input : new Request(input, init);
    throw new DryRunStop("dry run: not sent");
  };
  const client = createClient(program, options, credentials, { fetch: capture, maxRetries: 0, logLevel: "off" });
  const helper = bulkHelper(client, command);
  const secrets = secretList(resolveCredentials(program.spec as ApiSpec, credentials).secrets);
  const mask = (text: string) => maskSecrets(text, secrets);
  let refused = 0;
  await runBatch(helper, ids, options, {
    // One at a time, so the request captured is the one of the id that settles next.
    concurrency: 1,
    missingOk: options.missingOk,
    beforeSend() {
      captured = undefined;
    },
    settled(shown, outcome) {
      const request = captured;
      captured = undefined;
      if (!request) {
        refused++;
        const line = outcomeLine(shown, outcome);
        io.stdout.write(
          options.json
            ? `${JSON.stringify({ id: shown, dryRun: true, refused: true, error: line.error, message: line.message })}\n`
            : `refused    ${typeof shown === "string" ? shown : shown.join(",")}  ${line.error}: ${line.message}\n`,
        );
        return;
      }
      const headers = redactHeaders(request.headers, mask);
      const url = mask(request.url);
      if (options.json) {
        io.stdout.write(`${JSON.stringify({ id: shown, dryRun: true, method: request.method, url, headers })}\n`);
      } else {
        const headerLines = Object.entries(headers).map(([name, value]) => `    ${name}: ${value}\n`);
        io.stdout.write(`would send ${request.method} ${url}\n${headerLines.join("")}`);
      }
    },
  });
  io.stderr.write(`${program.bin} ${command.words.join(" ")}: dry run, nothing was sent.\n`);
  return refused > 0 ? exitCodes.someFailed : exitCodes.allConfirmed;
}
