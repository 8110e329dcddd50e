/**
 * Asks for a credential on the terminal without echoing it: the key never reaches the screen,
 * the scrollback, a shell history or the process list.
 */
/** A readable stream that may be a terminal (`process.stdin` is one). */
export type TerminalInput = NodeJS.ReadableStream & {
  isTTY?: boolean | undefined;
  setRawMode?: ((mode: boolean) => unknown) | undefined;
};

export interface PromptStreams {
  readonly input: TerminalInput;
  readonly output: NodeJS.WritableStream;
}

/** Resolves with the typed text, or `undefined` when the operator pressed Ctrl-C or Ctrl-D on an empty line. */
export function promptHidden(question: string, { input, output }: PromptStreams): Promise<string | undefined> {
  return new Promise((resolve) => {
    output.write(question);
    const raw = typeof input.setRawMode === "function" && input.isTTY === true;
    if (raw) input.setRawMode?.(true);
    let typed = "";
    const finish = (value: string | undefined) => {
      input.removeListener("data", onData);
      if (raw) input.setRawMode?.(false);
      input.pause();
      output.write("\n");
      resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of typeof chunk === "string" ? chunk : chunk.toString("utf8")) {
        if (char === "\r" || char === "\n") return finish(typed);
        if (char === "\u0003") return finish(undefined);
        if (char === "\u0004") return finish(typed === "" ? undefined : typed);
        if (char === "\u007f" || char === "\b") typed = typed.slice(0, -1);
        else if (char >= " ") typed += char;
      }
    };
    input.on("data", onData);
    input.resume();
  });
}
