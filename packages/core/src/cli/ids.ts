/**
 * Where a command's ids come from, read as a stream: arguments first, then `--file`, then standard
 * input (when piped, or given as `-`). Nothing is held in memory but the line being read, so a
 * file of a million ids costs what one line costs.
 *
 * A line holds the path parameters not fixed by flag, in path order, separated by commas, tabs or
 * spaces. Each value is typed as the spec types its parameter: `42` is the number 42 for an
 * `integer` parameter and stays the string "42" for one that takes strings.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { ParamSpec, ParamType } from "../spec.js";
import type { Command } from "./commands.js";
import { idFromLine } from "./id-list.js";

export interface CliId {
  /** The id as the operator wrote it: one string, or one string per path parameter. */
  readonly shown: string | readonly string[];
  /** What the helper receives: the value, or the tuple of values in path order. */
  readonly value: unknown;
}

export interface IdInput {
  readonly args: readonly string[];
  readonly file?: string | undefined;
  readonly stdin?: NodeJS.ReadableStream | undefined;
}

async function* lines(input: IdInput): AsyncGenerator<string> {
  for (const arg of input.args) {
    if (arg !== "-") yield arg;
  }
  if (input.file !== undefined) yield* linesOf(createReadStream(input.file, { encoding: "utf8" }));
  if (input.stdin !== undefined) yield* linesOf(input.stdin);
}

async function* linesOf(stream: NodeJS.ReadableStream): AsyncGenerator<string> {
  const reader = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of reader) {
      const id = idFromLine(line);
      if (id !== undefined) yield id;
    }
  } finally {
    reader.close();
  }
}

/** The value a path parameter takes for `text`, as its schema types it. */
export function typedValue(param: ParamSpec, text: string): string | number | boolean {
  const types: readonly ParamType[] = param.types && param.types.length > 0 ? param.types : [param.type];
  const enumHas = (value: unknown) => param.enum === undefined || param.enum.includes(value as string);
  if (types.includes("string") && enumHas(text)) return text;
  if ((types.includes("integer") || types.includes("number")) && /^-?\d+(\.\d+)?$/.test(text)) {
    const number = Number(text);
    if (enumHas(number)) return number;
  }
  if (types.includes("boolean") && (text === "true" || text === "false")) return text === "true";
  // Anything else goes through as written, and the helper's own check refuses it with the reason.
  return text;
}

/** Reads one line as an id of `command`, with the path values fixed by flag filled in. */
export function parseId(command: Command, fixed: Readonly<Record<string, string>>, line: string): CliId {
  const params = command.pathFlags.map(({ param }) => param);
  const open = params.filter((param) => fixed[param.name] === undefined);
  const columns = open.length === 1 ? [line] : line.split(/[\s,]+/).filter((part) => part !== "");
  if (params.length === 1) {
    const param = params[0] as ParamSpec;
    const text = fixed[param.name] ?? line;
    return { shown: text, value: typedValue(param, text) };
  }
  // A line with the wrong number of columns stays a wrong tuple: the helper reports it as bad input.
  if (columns.length !== open.length) return { shown: line, value: columns };
  let column = 0;
  const texts = params.map((param) => fixed[param.name] ?? columns[column++] ?? "");
  return { shown: texts, value: params.map((param, index) => typedValue(param, texts[index] ?? "")) };
}

/** The ids of a run, in input order, each once per line as written. */
export async function* readIds(
  command: Command,
  fixed: Readonly<Record<string, string>>,
  input: IdInput,
): AsyncGenerator<CliId> {
  const all = command.pathFlags.length > 0 && command.pathFlags.every(({ param }) => fixed[param.name] !== undefined);
  if (all) {
    // Every path value came by flag: that is one id.
    yield parseId(command, fixed, "");
    return;
  }
  for await (const line of lines(input)) yield parseId(command, fixed, line);
}
