/** `--help` text, from the spec: command names from its resources, words from its summaries. */
import type { ApiSpec } from "../spec.js";
import type { Command } from "./commands.js";
import { credentialAlternatives } from "./credentials.js";
import { DEFAULT_CONCURRENCY } from "./options.js";
import type { CliProgram } from "./program.js";

/** One line of spec text: the docs may hold newlines, a terminal line may not. */
const oneLine = (text: string | undefined) => (text ?? "").replace(/\s+/g, " ").trim();

function regions(spec: ApiSpec): string[] {
  return spec.servers.flatMap((server) => (server.region === undefined ? [] : [server.region]));
}

export function programHelp(program: CliProgram, commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => command.words.join(" ").length), 0);
  const rows = commands.map((command) => {
    const name = command.words.join(" ").padEnd(width);
    const summary =
      oneLine(command.docs.summary) || `${command.operation.method.toUpperCase()} ${command.operation.path}`;
    return `  ${name}  ${summary}${command.docs.deprecated ? " (deprecated)" : ""}`;
  });
  return [
    `${program.bin}: revoke ${program.spec.name} resources from a shell (${program.packageName} ${program.version}).`,
    "",
    `Usage: ${program.bin} <resource> <action> [ids...] [options]`,
    "",
    "Commands:",
    ...(rows.length > 0 ? rows : ["  (the spec has no DELETE operations)"]),
    "",
    `Run \`${program.bin} <resource> <action> --help\` for a command's options.`,
    "",
  ].join("\n");
}

export function commandHelp(program: CliProgram, command: Command): string {
  const { operation, docs } = command;
  const spec = program.spec;
  const multi = command.pathFlags.length > 1;
  const idWords = command.pathFlags.map(({ flag }) => `<${flag}>`).join(",");
  const lines = [
    `Usage: ${program.bin} ${command.words.join(" ")} [${multi ? idWords : "id"}...] [options]`,
    "",
    ...(docs.summary ? [oneLine(docs.summary)] : []),
    ...(docs.description && oneLine(docs.description) !== oneLine(docs.summary) ? [oneLine(docs.description)] : []),
    ...(docs.deprecated ? ["The spec marks this operation deprecated."] : []),
    `Sends \`${operation.method.toUpperCase()} ${operation.path}\` (operation ${operation.operationId}) once per id.`,
    "",
    "Ids: as arguments, from --file, or piped on standard input (or `-`): one per line; blank lines and",
    "lines starting with # are skipped.",
  ];
  if (multi) {
    lines.push(
      "Each id is the path parameters in path order, separated by commas or spaces; a parameter given",
      "by its flag is left out of every line.",
    );
  }
  lines.push("", "Path parameters:");
  for (const { param, flag } of command.pathFlags) {
    const description = oneLine(docs.pathParams?.[param.name]);
    const types = (param.types ?? [param.type]).join(" | ");
    const enumText = param.enum ? `; one of ${param.enum.join(", ")}` : "";
    lines.push(`  --${flag} <${types}>  ${description || param.name}${enumText}`);
  }
  const query = operation.params.filter((param) => param.in === "query");
  lines.push(
    "",
    "Options:",
    "  --missing-ok         An id that is already gone counts as revoked.",
    `  --concurrency <n>    Requests in flight at once (default ${DEFAULT_CONCURRENCY}, at most 256).`,
    "  --file <path>        Read ids from a file.",
    "  --journal <path>     Record each outcome (fsynced). Run again with the same journal to resume:",
    "                       confirmed ids are never resent, unknown ones are retried.",
    "  --retry-failed       With --journal: also resend the ids it recorded as failed.",
    "  --dry-run            Print each request it would send (credentials masked); send nothing.",
    "  --json               One JSON line per id on stdout.",
    `  --base-url <url>     The server (default: ${spec.env}_BASE_URL, else the spec's server).`,
  );
  const regionList = regions(spec);
  if (regionList.length > 0)
    lines.push(`  --region <id>        ${regionList.join(", ")} (default: ${spec.env}_REGION).`);
  if (query.length > 0) {
    const names = query.map((param) => `${param.name}${param.required ? " (required)" : ""}`).join(", ");
    lines.push(`  --query <name=value> A query parameter: ${names}.`);
  }
  lines.push("  -h, --help           This text.", "", "Credentials (never from arguments):");
  const alternatives = credentialAlternatives(spec, operation);
  if (alternatives.length === 0 || alternatives.some((options) => options.length === 0)) {
    lines.push("  none needed.");
  } else {
    for (const options of alternatives) lines.push(`  ${options.map(({ env }) => env).join(" + ")}`);
    lines.push("  When unset and standard input is a terminal, the CLI asks for it without echoing it.");
  }
  lines.push(
    "",
    "Exit codes: 0 every id confirmed, 1 some failed, 2 bad usage, 3 some outcomes unknown (resume with",
    "the journal, or retry them with --missing-ok).",
    "",
  );
  return lines.join("\n");
}
