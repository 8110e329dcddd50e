/**
 * The CLI's commands, read from the spec's resources: `<resource> <method>` in kebab case
 * (`apiTokens.delete` → `api-tokens delete`), one per DELETE helper, with one flag per path
 * parameter (`token_id` → `--token-id`) for operations whose ids have several parts.
 */
import { bulkMethodName } from "../client.js";
import type { OperationSpec, ParamSpec } from "../spec.js";
import type { CliProgram, CommandDocs } from "./program.js";

export interface PathFlag {
  readonly param: ParamSpec;
  /** The flag without its dashes. */
  readonly flag: string;
}

export interface Command {
  readonly words: readonly [string, string];
  readonly resource: string;
  readonly bulk: string;
  readonly operation: OperationSpec;
  readonly docs: CommandDocs;
  readonly pathFlags: readonly PathFlag[];
}

/** Flags every delete command has; a path parameter that would collide gets a `path-` prefix. */
export const COMMON_FLAGS: readonly string[] = [
  "file",
  "journal",
  "missing-ok",
  "dry-run",
  "json",
  "concurrency",
  "retry-failed",
  "base-url",
  "region",
  "query",
  "help",
  "version",
];

export function kebab(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase();
}

function pathFlags(operation: OperationSpec): PathFlag[] {
  return operation.pathParams.map((name) => {
    const param = operation.params.find((p) => p.in === "path" && p.name === name) ?? {
      name,
      in: "path",
      required: true,
      type: "string",
    };
    const flag = kebab(name) || "id";
    return { param, flag: COMMON_FLAGS.includes(flag) ? `path-${flag}` : flag };
  });
}

/** The two words of a helper's command: `apiTokens`, `delete` → `["api-tokens", "delete"]`. */
export function commandWords(resource: string, method: string): [string, string] {
  return [kebab(resource), kebab(method)];
}

export function listCommands(program: CliProgram): Command[] {
  const commands: Command[] = [];
  for (const [resource, methods] of Object.entries(program.spec.resources)) {
    for (const [method, operationId] of Object.entries(methods)) {
      const operation = program.spec.operations[operationId];
      if (!operation) continue;
      commands.push({
        words: commandWords(resource, method),
        resource,
        bulk: bulkMethodName(method),
        operation,
        docs: program.docs[operationId] ?? {},
        pathFlags: pathFlags(operation),
      });
    }
  }
  return commands;
}
