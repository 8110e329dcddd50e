/**
 * The one place where text from a document becomes part of generated source. Every string the
 * generator writes that came from a spec or its overlay goes through one of these, chosen by where
 * it lands: a comment, a string literal, or a README's markdown. A document is untrusted input:
 * a title holding `*\/` must never end a comment and become code that runs on import.
 */

/** Line and paragraph separators: line terminators to JavaScript, so they end `//` comments. */
const SEPARATORS = /[\u2028\u2029]/g;

/**
 * Text for the inside of a `/* … *\/` comment: `*\/` cannot close it, and every line break
 * (CR, LF, U+2028, U+2029) becomes `\n`, so the caller's `*` prefix starts every line.
 */
export function commentText(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029]/g, "\n")
    .replaceAll("*/", "*\\/")
    .replaceAll("</", "<\\/");
}

/** Text for a `//` comment, which any line break would end: breaks become spaces. */
export function lineCommentText(text: string): string {
  return commentText(text).replaceAll("\n", " ");
}

/** Text quoted on one line of a comment (a title in a sentence): its literal, made safe for the comment. */
export function quotedInComment(text: string | undefined): string {
  return text === undefined ? "the untitled document" : commentText(literal(text));
}

/**
 * A value as a JavaScript (and TypeScript) literal: JSON, with U+2028/U+2029 escaped (older
 * parsers and some tools treat them as line ends inside strings) and `</` written `<\/`, so the
 * output can be inlined in an HTML `<script>` without closing it. Both characters occur only
 * inside JSON strings, where the escapes mean the same text.
 */
export function literal(value: unknown, indent?: number): string {
  const json = JSON.stringify(value, null, indent);
  // `undefined` (a missing title) has no JSON form; as a literal it is itself.
  if (json === undefined) return "undefined";
  return json.replace(SEPARATORS, (char) => (char === "\u2028" ? "\\u2028" : "\\u2029")).replaceAll("</", "<\\/");
}

/**
 * openapi-typescript's output, with the escapes `literal` applies: it keeps `*\/` out of its own
 * comments but leaves U+2028/U+2029 and `</` as they are. Both can occur there only inside comments
 * and string literals, where the escaped spelling means the same, so the whole text is rewritten.
 */
export function escapedTypeScript(source: string): string {
  return source.replace(SEPARATORS, (char) => (char === "\u2028" ? "\\u2028" : "\\u2029")).replaceAll("</", "<\\/");
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "|": "&#124;",
  "`": "&#96;",
};

/**
 * Text as inline code in a markdown table cell. Plain text gets a code span; text a code span
 * cannot hold (a backtick, a `|` that would split the cell, `<` that could open a tag or a
 * comment that hides the generated markers, a line break) is written as `<code>` with entities.
 */
export function markdownCode(text: string): string {
  if (/^[^`|<>&\r\n\u2028\u2029]*$/.test(text)) return `\`${text}\``;
  const escaped = text
    .replace(/\r\n?|\n|[\u2028\u2029]/g, " ")
    .replace(/[&<>"|`]/g, (char) => HTML_ESCAPES[char] ?? char);
  return `<code>${escaped}</code>`;
}
