/** JSDoc blocks from the document's prose, safe to paste into generated TypeScript. */
import { commentText } from "./escape.ts";

/** Lines of a doc comment body, escaped: `*\/` in prose would end the comment early. */
function lines(text: string): string[] {
  return commentText(text).replace(/\s+$/, "").split("\n");
}

export function docComment(parts: readonly (string | undefined)[], indent: string): string {
  const body: string[] = [];
  for (const part of parts) {
    if (part === undefined || part.trim() === "") continue;
    if (body.length > 0 && !part.startsWith("@")) body.push("");
    body.push(...lines(part.trim()));
  }
  if (body.length === 0) return "";
  return `${indent}/**\n${body.map((line) => `${indent} *${line ? ` ${line}` : ""}`).join("\n")}\n${indent} */\n`;
}

/** A one-line tag (`@param id The token ID`) from possibly multi-line prose. */
export function tag(name: string, text: string | undefined): string | undefined {
  return text === undefined || text.trim() === "" ? undefined : `${name} ${text.trim().replace(/\s*\n\s*/g, " ")}`;
}
