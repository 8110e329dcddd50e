import { parseArgs } from "node:util";
import type { Command } from "./commands.js";

export interface RunOptions {
  /** Ids given as arguments; `-` among them means "read standard input". */
  ids: string[];
  file?: string;
  journal?: string;
  missingOk: boolean;
  dryRun: boolean;
  json: boolean;
  concurrency: number;
  retryFailed: boolean;
  baseUrl?: string;
  region?: string;
  /** `--query name=value`, repeatable: the operation's query parameters. */
  query: Record<string, string>;
  /** Path parameters fixed by flag (`--disk-id d1`), by parameter name. */
  pathValues: Record<string, string>;
  help: boolean;
}

/** A command line the CLI refuses; the caller prints the message and exits with 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export const DEFAULT_CONCURRENCY = 4;

/**
 * Parses a delete command's arguments with node's own `util.parseArgs` (strict, so unknown flags
 * are refused). There is deliberately no credential flag: a key on the command line lands in shell
 * history and process listings. Messages name the flag, never the value given.
 */
export function parseRunOptions(argv: readonly string[], command: Command): RunOptions {
  const pathOptions = Object.fromEntries(command.pathFlags.map(({ flag }) => [flag, { type: "string" as const }]));
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        ...pathOptions,
        file: { type: "string" },
        journal: { type: "string" },
        "missing-ok": { type: "boolean" },
        "dry-run": { type: "boolean" },
        json: { type: "boolean" },
        concurrency: { type: "string" },
        "retry-failed": { type: "boolean" },
        "base-url": { type: "string" },
        region: { type: "string" },
        query: { type: "string", multiple: true },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new UsageError(usageMessage(error));
  }
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
  const flag = (name: string) => values[name] === true;
  const pathValues: Record<string, string> = {};
  for (const { param, flag: name } of command.pathFlags) {
    const value = text(name);
    if (value !== undefined) pathValues[param.name] = value;
  }
  if (command.pathFlags.length > 0 && Object.keys(pathValues).length === command.pathFlags.length) {
    if (parsed.positionals.length > 0) {
      throw new UsageError("Every path parameter is given by flag, so no ids may follow: that is one id.");
    }
  }
  const options: RunOptions = {
    ids: parsed.positionals,
    missingOk: flag("missing-ok"),
    dryRun: flag("dry-run"),
    json: flag("json"),
    concurrency: parseConcurrency(text("concurrency")),
    retryFailed: flag("retry-failed"),
    query: parseQuery(values.query),
    pathValues,
    help: flag("help"),
  };
  const file = text("file");
  const journal = text("journal");
  const baseUrl = text("base-url");
  const region = text("region");
  if (file !== undefined) options.file = file;
  if (journal !== undefined) options.journal = journal;
  if (baseUrl !== undefined) options.baseUrl = baseUrl;
  if (region !== undefined) options.region = region;
  if (options.retryFailed && options.journal === undefined) {
    throw new UsageError("--retry-failed resends the ids a journal recorded as failed: give it --journal.");
  }
  return options;
}

/** node's messages quote the offending argument; an operator who pasted a key there must not see it echoed. */
function usageMessage(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const flag = /'(--?[A-Za-z0-9-]+)/.exec(message)?.[1];
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `Unknown option ${flag ?? ""}. See --help.`.replace("  ", " ");
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return `Option ${flag ?? ""} needs a value. See --help.`;
  return "Invalid arguments. See --help.";
}

function parseConcurrency(value: string | undefined): number {
  if (value === undefined) return DEFAULT_CONCURRENCY;
  if (!/^[1-9][0-9]*$/.test(value) || Number(value) > 256) {
    throw new UsageError("--concurrency must be an integer from 1 to 256.");
  }
  return Number(value);
}

function parseQuery(values: string | boolean | string[] | undefined): Record<string, string> {
  const query: Record<string, string> = {};
  for (const pair of Array.isArray(values) ? values : []) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new UsageError("--query takes name=value.");
    query[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return query;
}
