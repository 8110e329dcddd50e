/**
 * A problem with the input that the person running `pnpm generate` has to fix. It names the file,
 * the JSON pointer inside it and what to do, and the CLI prints it without a stack trace.
 */
export class SpecProblem extends Error {
  override readonly name = "SpecProblem";
  readonly file: string;
  readonly pointer: string;
  readonly hint: string;

  constructor(file: string, pointer: string, problem: string, hint: string) {
    super(`${file}${pointer ? ` at ${pointer}` : ""}: ${problem}\n  → ${hint}`);
    this.file = file;
    this.pointer = pointer;
    this.hint = hint;
  }
}

/** Where warnings (naming collisions, lenient schema problems) go: stderr, so stdout stays machine-readable. */
export type Warn = (message: string) => void;

export const warnOnStderr: Warn = (message) => {
  process.stderr.write(`warning: ${message}\n`);
};

/** `#/paths/~1api~1tokens~1{id}/delete` from `["paths", "/api/tokens/{id}", "delete"]`. */
export function jsonPointer(segments: readonly string[]): string {
  return `#/${segments.map((segment) => segment.replaceAll("~", "~0").replaceAll("/", "~1")).join("/")}`;
}
