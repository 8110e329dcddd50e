/**
 * The one way text from a vendor's document becomes part of a generated TypeScript file. A
 * document is input from outside: its titles, summaries, names and enum values may hold a comment
 * terminator, a line separator or markup, and none of it may become code when the package is
 * imported. Every comment and literal the generator writes goes through one of these.
 */

/** Characters that end a line in JavaScript but not in most editors, so they hide what follows. */
const HIDDEN_LINE_BREAKS = /[\u2028\u2029]/g;

function escapeHiddenLineBreak(character: string): string {
  return character === "\u2028" ? "\\u2028" : "\\u2029";
}

/**
 * Text for inside a block comment: `*\/` cannot end it, U+2028/U+2029 are spelled out, and `</`
 * becomes `<\/` so that no tooling that pastes comments into HTML meets a closing tag.
 */
export function commentText(text: string): string {
  return text.replaceAll("*/", "*\\/").replace(HIDDEN_LINE_BREAKS, escapeHiddenLineBreak).replaceAll("</", "<\\/");
}

/** Text for a `//` comment: also on one line, since a line break would end the comment. */
export function lineCommentText(text: string): string {
  return commentText(text).replace(/\r\n?|\n/g, " ");
}

/**
 * A JSON value as a TypeScript literal: `JSON.stringify`, with U+2028/U+2029 and `</` escaped
 * inside strings (`<` occurs in JSON only inside strings, and `\/` is a valid escape there).
 */
export function literal(value: unknown, indent?: number): string {
  const json = JSON.stringify(value, null, indent);
  if (json === undefined) throw new TypeError("literal: the value has no JSON form");
  return json.replace(HIDDEN_LINE_BREAKS, escapeHiddenLineBreak).replaceAll("</", "<\\/");
}

/** A quoted value inside a block comment (`"Archil API"` in a file's heading comment). */
export function commentLiteral(value: unknown): string {
  return commentText(literal(value));
}

/**
 * openapi-typescript's output, with the same escapes: it already keeps `*\/` out of its comments,
 * but leaves U+2028/U+2029 and `</` as they are. Both can occur there only inside comments and
 * string literals, where the escaped spelling means the same, so the whole text can be rewritten.
 */
export function escapedTypeScript(source: string): string {
  return source.replace(HIDDEN_LINE_BREAKS, escapeHiddenLineBreak).replaceAll("</", "<\\/");
}

/** One line of Markdown table text: no line break, no cell separator, no raw HTML. */
export function markdownText(text: string): string {
  return text
    .replace(/\r\n?|\n|[\u2028\u2029]/g, " ")
    .replaceAll("|", "\\|")
    .replaceAll("<", "&lt;");
}

/**
 * A Markdown code span that holds any text: its fence is one backtick longer than the longest run
 * inside (CommonMark's rule), so a backtick in a name cannot end it and let markup through.
 */
export function markdownCode(text: string): string {
  const flat = text.replace(/\r\n?|\n|[\u2028\u2029]/g, " ").replaceAll("|", "\\|");
  const longestRun = Math.max(0, ...Array.from(flat.matchAll(/`+/g), (match) => match[0].length));
  const fence = "`".repeat(longestRun + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}
