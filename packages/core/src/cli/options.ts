import { parseArgs } from "node:util";

export interface RunOptions {
  ids: string[];
  file?: string;
  journal?: string;
  missingOk: boolean;
  dryRun: boolean;
  json: boolean;
  concurrency: number;
  help: boolean;
}

/** A command line the CLI refuses; the caller prints the message and exits with 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

const defaultConcurrency = 4;

/**
 * Parses a delete command's arguments with node's own `util.parseArgs` (strict, so
 * unknown flags are refused). There is deliberately no credential flag: a key on
 * the command line lands in shell history and process listings.
 */
export function parseRunOptions(argv: readonly string[]): RunOptions {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  return {
    ids: positionals,
    ...(values.file === undefined ? {} : { file: values.file }),
    ...(values.journal === undefined ? {} : { journal: values.journal }),
    missingOk: values["missing-ok"] ?? false,
    dryRun: values["dry-run"] ?? false,
    json: values.json ?? false,
    concurrency: parseConcurrency(values.concurrency),
    help: values.help ?? false,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      file: { type: "string" },
      journal: { type: "string" },
      "missing-ok": { type: "boolean" },
      "dry-run": { type: "boolean" },
      json: { type: "boolean" },
      concurrency: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

function parseConcurrency(value: string | undefined): number {
  if (value === undefined) return defaultConcurrency;
  if (!/^[1-9][0-9]*$/.test(value)) throw new UsageError(`--concurrency must be a positive integer, got "${value}"`);
  return Number(value);
}
