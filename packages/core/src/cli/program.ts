/**
 * What a vendor's generated bin hands the CLI: the client class, its spec facts, and the docs the
 * spec gives each DELETE. Commands, flags and help are all derived from these at run time.
 */
import type { ApiSpec } from "../spec.js";

/** The parts of an operation's docs the help text shows. */
export interface CommandDocs {
  /** The operation's `summary`: the command's line in `--help`. */
  readonly summary?: string | undefined;
  readonly description?: string | undefined;
  /** The document marks the operation deprecated; `--help` says so. */
  readonly deprecated?: boolean | undefined;
  /** Each path parameter's description, by name. */
  readonly pathParams?: { readonly [name: string]: string | undefined } | undefined;
}

export interface CliProgram {
  /** The command name an operator types (the package's bin). */
  readonly bin: string;
  /** The package the bin belongs to, for `--version` and the help's header. */
  readonly packageName: string;
  readonly version: string;
  /** The vendor's generated spec facts: commands, parameters and credentials come from them. */
  readonly spec: ApiSpec;
  /** The vendor's client class; it is constructed with the options the operator's flags and env imply. */
  readonly Client: new (
    options: never,
  ) => object;
  /** Docs per operationId, from the spec. */
  readonly docs: { readonly [operationId: string]: CommandDocs };
}
