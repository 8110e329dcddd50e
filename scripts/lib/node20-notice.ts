/**
 * Redocly CLI prints a boxed "Node.js 20 support is ending" notice on every run under Node 20, with
 * no option or env var to turn it off (2.77 checks only the major version). This project supports
 * Node 20 on purpose (see package.json `//engines`), so the notice tells a newcomer nothing they
 * can act on. This filter drops exactly that box from a stream of lines and passes everything
 * else through unchanged, warnings and errors included.
 */

const NOTICE = "Node.js 20 support is ending";
const opensBox = (line: string) => line.trimStart().startsWith("╔");
const closesBox = (line: string) => line.trimStart().startsWith("╚");

export class Node20NoticeFilter {
  #box: string[] | undefined;
  #dropBlank = false;

  /** Feeds one line (without its newline); returns the lines to print now. */
  push(line: string): string[] {
    if (this.#box) {
      this.#box.push(line);
      if (!closesBox(line)) return [];
      const box = this.#box;
      this.#box = undefined;
      if (!box.some((text) => text.includes(NOTICE))) return box;
      // The notice is framed by blank lines; drop the one after it too, so no gap is left behind.
      this.#dropBlank = true;
      return [];
    }
    if (this.#dropBlank) {
      this.#dropBlank = false;
      if (line.trim() === "") return [];
    }
    if (opensBox(line)) {
      this.#box = [line];
      return [];
    }
    return [line];
  }

  /** The lines still held back when the stream ends (an unclosed box is printed as it was). */
  end(): string[] {
    const rest = this.#box ?? [];
    this.#box = undefined;
    return rest;
  }
}

/** Filters a whole text at once. */
export function withoutNode20Notice(text: string): string {
  const filter = new Node20NoticeFilter();
  const lines = text.split("\n").flatMap((line) => filter.push(line));
  return [...lines, ...filter.end()].join("\n");
}
