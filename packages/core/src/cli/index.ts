/**
 * `@sdkforge/core/cli`: the incident-revocation command line. Each vendor package's generated bin
 * calls `runCli` with its client and spec; nothing here is loaded by the library's own entry.
 */

export { commandWords } from "./commands.js";
export { exitCodes, type SettledOutcome } from "./exit-code.js";
export { main } from "./main.js";
export type { OutcomeLine } from "./outcome.js";
export type { CliProgram, CommandDocs } from "./program.js";
export type { TerminalInput } from "./prompt.js";
export { type CliIO, processIO, runCli, type TerminalOutput } from "./run.js";
